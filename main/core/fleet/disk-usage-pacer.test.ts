import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors.js';
import { DiskUsagePacer, daemonKeyOf, isDiskUsageBusy } from './disk-usage-pacer.js';

/** A read that stays open until released, recording how many of its daemon's reads ran at once. */
function gatedReads() {
  let running = 0;
  let peak = 0;
  const order: string[] = [];
  const gates: Array<() => void> = [];
  const read = (name: string) => async () => {
    running += 1;
    peak = Math.max(peak, running);
    order.push(name);
    await new Promise<void>((resolve) => gates.push(resolve));
    running -= 1;
    return name;
  };
  return { read, order, gates, peak: () => peak, running: () => running };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DiskUsagePacer', () => {
  it('runs one read per daemon at a time; everyone who asked during it gets ONE next read; forgets an idle daemon', async () => {
    const pacer = new DiskUsagePacer();
    const reads = gatedReads();
    const results = ['a', 'b', 'c', 'd'].map((name) => pacer.run('daemon:X', reads.read(name)));
    await tick();
    expect(reads.order).toEqual(['a']);
    reads.gates.shift()?.();
    await tick();
    // b, c and d asked while a ran: a read that starts after their ask answers all three.
    expect(reads.order).toEqual(['a', 'b']);
    const late = pacer.run('daemon:X', reads.read('e'));
    reads.gates.shift()?.();
    await tick();
    expect(reads.order).toEqual(['a', 'b', 'e']);
    reads.gates.shift()?.();
    expect(await Promise.all([...results, late])).toEqual(['a', 'b', 'b', 'b', 'e']);
    expect(reads.peak()).toBe(1);
    expect(pacer.activeDaemons).toBe(0);
  });

  it("gives the others a read of their own when the shared read fails (its host's connection may be the cause)", async () => {
    const pacer = new DiskUsagePacer();
    const reads = gatedReads();
    const first = pacer.run('daemon:X', reads.read('first'));
    const failing = pacer.run('daemon:X', () => Promise.reject(new BerthError('CONNECTION_RESET', 'gone')));
    const other = pacer.run('daemon:X', reads.read('other'));
    await tick();
    reads.gates.shift()?.();
    await expect(failing).rejects.toThrow('gone');
    await tick();
    expect(reads.order).toEqual(['first', 'other']);
    reads.gates.shift()?.();
    expect(await Promise.all([first, other])).toEqual(['first', 'other']);
  });

  it('never makes different daemons wait for each other', async () => {
    const pacer = new DiskUsagePacer();
    const reads = gatedReads();
    const results = [pacer.run('daemon:X', reads.read('x')), pacer.run('daemon:Y', reads.read('y'))];
    await tick();
    expect(reads.running()).toBe(2);
    reads.gates.forEach((release) => release());
    expect(await Promise.all(results)).toEqual(['x', 'y']);
  });

  it('waits for a key still on its way, and queues a read whose key failed under the fallback', async () => {
    const pacer = new DiskUsagePacer();
    const reads = gatedReads();
    let giveKey!: (key: string) => void;
    const first = pacer.run('daemon:X', reads.read('first'));
    const second = pacer.run(new Promise<string>((resolve) => (giveKey = resolve)), reads.read('second'));
    const third = pacer.run(Promise.reject(new Error('no /info')), reads.read('third'), 'endpoint:tcp://h:2375');
    await tick();
    expect(reads.order).toEqual(['first', 'third']);
    giveKey('daemon:X');
    await tick();
    expect(reads.order).toEqual(['first', 'third']);
    reads.gates.shift()?.();
    reads.gates.shift()?.();
    await tick();
    expect(reads.order).toEqual(['first', 'third', 'second']);
    reads.gates.shift()?.();
    expect(await Promise.all([first, second, third])).toEqual(['first', 'second', 'third']);
  });

  it('lets a failed read pass the turn on, and reports its error', async () => {
    const pacer = new DiskUsagePacer();
    const failed = pacer.run('daemon:X', () => Promise.reject(new BerthError('TIMEOUT', 'df took too long')));
    const next = pacer.run('daemon:X', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('df took too long');
    await expect(next).resolves.toBe('ok');
  });

  it('tries a read the daemon refused as busy (another client) again, keeping its turn, then gives up', async () => {
    const waits: number[] = [];
    const pacer = new DiskUsagePacer({ busyRetries: 2, busyRetryDelayMs: 10, sleep: async (ms) => void waits.push(ms) });
    const busy = () => new BerthError('DAEMON_ERROR', 'The daemon answered 500: a disk usage operation is already running');
    let calls = 0;
    await expect(
      pacer.run('daemon:X', async () => {
        calls += 1;
        if (calls < 3) throw busy();
        return 'df';
      }),
    ).resolves.toBe('df');
    expect(waits).toEqual([10, 20]);
    calls = 0;
    await expect(
      pacer.run('daemon:X', async () => {
        calls += 1;
        throw busy();
      }),
    ).rejects.toThrow('already running');
    expect(calls).toBe(3);
  });
});

describe('daemonKeyOf', () => {
  it("is the daemon's /info ID on the endpoint's machine, so endpoints of one daemon share it; else the endpoint", () => {
    const info = { ID: 'ABCD:EFGH', Name: 'lab' };
    expect(daemonKeyOf(info, 'tcp://127.0.0.1:24000')).toBe('daemon:ABCD:EFGH@127.0.0.1');
    expect(daemonKeyOf(info, 'tcp://127.0.0.1:24001 (TLS)')).toBe('daemon:ABCD:EFGH@127.0.0.1');
    expect(daemonKeyOf(info, 'ssh://berth@127.0.0.1:22')).toBe('daemon:ABCD:EFGH@127.0.0.1');
    expect(daemonKeyOf(info, 'tcp://[::1]:2375')).toBe('daemon:ABCD:EFGH@[::1]');
    expect(daemonKeyOf(info, 'unix:///var/run/docker.sock')).toBe('daemon:ABCD:EFGH@local');
    // A cloned VM (same ID) on another machine is another daemon.
    expect(daemonKeyOf(info, 'tcp://10.0.0.2:2375')).not.toBe(daemonKeyOf(info, 'tcp://10.0.0.3:2375'));
    expect(daemonKeyOf({}, 'tcp://127.0.0.1:24000')).toBe('endpoint:tcp://127.0.0.1:24000');
    expect(daemonKeyOf({ ID: 42 }, 'unix:///run/docker.sock')).toBe('endpoint:unix:///run/docker.sock');
    expect(daemonKeyOf(null, 'e')).toBe('endpoint:e');
    expect(daemonKeyOf({ ID: 'x'.repeat(300) }, 'e')).toBe('endpoint:e');
  });

  it('recognises only dockerd’s busy refusal', () => {
    expect(isDiskUsageBusy(new Error('a disk usage operation is already running'))).toBe(true);
    expect(isDiskUsageBusy(new Error('a prune operation is already running'))).toBe(false);
    expect(isDiskUsageBusy('a disk usage operation is already running')).toBe(false);
  });
});
