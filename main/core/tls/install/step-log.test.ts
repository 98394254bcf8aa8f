import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthError } from '../../errors.js';
import type { StepReport } from './install-types.js';
import { STEP_OUTPUT_LIMIT, STEP_PUSH_INTERVAL_MS, StepLog } from './step-log.js';

const titles = [
  { id: 'run', title: 'Run a command' },
  { id: 'next', title: 'The next step' },
] as const;
type Id = (typeof titles)[number]['id'];

function recordingLog() {
  const pushes: StepReport<Id>[] = [];
  let bytes = 0;
  const log = new StepLog<Id>(titles, (step) => {
    pushes.push(step);
    bytes += Buffer.byteLength(JSON.stringify(step));
  });
  return { log, pushes, bytes: () => bytes };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('StepLog', () => {
  it('turns 10,000 one-byte chunks arriving at once into a handful of pushes, the final state complete', () => {
    const { log, pushes, bytes } = recordingLog();
    const step = log.start('run');
    for (let i = 0; i < 10_000; i++) step.append('x');
    step.done();
    // start, then the output and the final state together: about 10 KB pushed in all
    // (before, every chunk pushed the whole output so far: 10,000 pushes, 50 MB of JSON).
    expect(pushes.length).toBeLessThanOrEqual(3);
    expect(bytes()).toBeLessThan(12_000);
    expect(pushes.at(-1)).toMatchObject({ id: 'run', state: 'done', output: 'x'.repeat(10_000) });
    expect(log.all()[0]?.output).toHaveLength(10_000);
  });

  it('pushes running output at most once per interval, the latest text each time', () => {
    const { log, pushes, bytes } = recordingLog();
    const step = log.start('run');
    // 10,000 one-byte chunks, one per millisecond: 10 s of output.
    for (let i = 0; i < 10_000; i++) {
      step.append('x');
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(STEP_PUSH_INTERVAL_MS);
    const running = pushes.filter((push) => push.state === 'running');
    expect(running.length).toBeLessThanOrEqual(10_000 / STEP_PUSH_INTERVAL_MS + 2);
    expect(running.at(-1)?.output).toHaveLength(10_000);
    // 102 pushes of at most 10 KB each: about 0.6 MB, against 50 MB before.
    expect(bytes()).toBeLessThan(700_000);
    step.done();
    expect(pushes.at(-1)?.state).toBe('done');
  });

  it('stops adding output at its cap and pushes nothing for output past it', () => {
    const { log, pushes, bytes } = recordingLog();
    const step = log.start('run');
    const chunk = 'y'.repeat(1024);
    for (let i = 0; i < 1_000; i++) {
      step.append(chunk);
      vi.advanceTimersByTime(STEP_PUSH_INTERVAL_MS);
    }
    const pushesAtCap = pushes.length;
    const bytesAtCap = bytes();
    // Past the cap nothing is added, so 10,000 one-byte chunks push nothing (before: 10,000
    // pushes of the full 128 KiB output, 1.3 GB of JSON).
    for (let i = 0; i < 10_000; i++) {
      step.append('z');
      vi.advanceTimersByTime(STEP_PUSH_INTERVAL_MS);
    }
    expect(pushes.length).toBe(pushesAtCap);
    expect(bytes()).toBe(bytesAtCap);
    expect(pushesAtCap).toBeLessThanOrEqual(STEP_OUTPUT_LIMIT / 1024 + 3);
    const output = log.all()[0]?.output ?? '';
    expect(output.length).toBeLessThanOrEqual(STEP_OUTPUT_LIMIT);
    expect(output).toMatch(/output cut at 128 KiB/);
    // About 129 pushes averaging 64 KiB: under 9 MB.
    expect(bytes()).toBeLessThan(9_000_000);
    step.failed(new BerthError('TLS_INSTALL_COMMAND_FAILED', 'The command failed.'));
    expect(pushes.at(-1)).toMatchObject({ state: 'failed', error: { code: 'TLS_INSTALL_COMMAND_FAILED' } });
  });

  it('sends every state change at once, with the output so far, and nothing stale after it', () => {
    const { log, pushes } = recordingLog();
    const run = log.start('run');
    run.line('first');
    run.line('second');
    run.skipped('nothing to do');
    log.start('next').done();
    expect(pushes.map((push) => `${push.id}:${push.state}`)).toEqual(['run:running', 'run:skipped', 'next:running', 'next:done']);
    expect(pushes[1]?.output).toBe('first\nsecond\nnothing to do\n');
    vi.advanceTimersByTime(STEP_PUSH_INTERVAL_MS * 2);
    expect(pushes).toHaveLength(4);
  });
});
