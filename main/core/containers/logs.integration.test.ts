import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/containers.js';
import {
  type LabHarness,
  addLabHost,
  docker,
  dockerLogs,
  failure,
  labContainerSuite,
  ok,
  pushesOf,
  runScript,
} from '../../../test-support/lab-containers.js';

const suite = labContainerSuite();

function linesOf(h: LabHarness, streamId: string): LogLine[] {
  return pushesOf(h, 'logs:event', streamId).flatMap((event) => (event.type === 'lines' ? event.lines : []));
}

describe.each(['tcp', 'ssh'] as const)('logs over %s', (daemon) => {
  it('follows a container printing numbered lines: new lines arrive live, and the log equals docker logs', async () => {
    const harness = await suite.harness();
    const hostId = await addLabHost(harness, suite.lab, daemon);
    const name = runScript(
      suite.lab,
      daemon,
      'numbers',
      'i=0; while [ $i -lt 400 ]; do i=$((i+1)); echo "line $i"; [ $((i % 7)) -eq 0 ] && echo "err $i" >&2; sleep 0.01; done; sleep 600',
    );
    suite.made(daemon, name);
    const { streamId, tty } = await ok(harness.client.invoke('logs:open', { hostId, containerId: name, follow: true, tail: 'all' }));
    expect(tty).toBe(false);
    const h = harness;
    await expect.poll(() => linesOf(h, streamId).length, { timeout: 30_000 }).toBeGreaterThan(10);
    const early = linesOf(h, streamId).length;
    await expect.poll(() => linesOf(h, streamId).filter((line) => line.stream === 'stdout').length, { timeout: 30_000 }).toBe(400);
    expect(linesOf(h, streamId).length).toBeGreaterThan(early);
    const lines = linesOf(h, streamId);
    expect(lines.filter((line) => line.stream === 'stdout').map((line) => line.text)).toEqual(
      Array.from({ length: 400 }, (_, i) => `line ${i + 1}`),
    );
    expect(lines.filter((line) => line.stream === 'stderr').map((line) => line.text)).toEqual(
      Array.from({ length: 57 }, (_, i) => `err ${(i + 1) * 7}`),
    );
    expect(lines.every((line) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/.test(line.time))).toBe(true);
    const cli = dockerLogs(suite.lab, daemon, name);
    expect(lines.filter((line) => line.stream === 'stdout').map((line) => line.text)).toEqual(cli.stdout);
    expect(lines.filter((line) => line.stream === 'stderr').map((line) => line.text)).toEqual(cli.stderr);
    await ok(harness.client.invoke('logs:close', { streamId }));
    expect(harness.service.openContainerStreams()).toBe(0);
  });
});

describe('logs edge cases', () => {
  it('tail, a finished read, a TTY container, a 1 MB line and a removed container', async () => {
    const h = await suite.harness();
    const hostId = await addLabHost(h, suite.lab, 'tcp');
    const big = runScript(suite.lab, 'tcp', 'bigline', `head -c 1048576 /dev/zero | tr '\\0' x; echo; echo after; sleep 600`);
    const tty = runScript(suite.lab, 'tcp', 'tty', 'echo "in a tty"; sleep 600', ['-t']);
    suite.made('tcp', big, tty);
    await expect.poll(() => docker(suite.lab, 'tcp', 'logs', big).includes('after'), { timeout: 20_000 }).toBe(true);

    const bigStream = await ok(h.client.invoke('logs:open', { hostId, containerId: big, follow: false, tail: 'all' }));
    await expect
      .poll(() => pushesOf(h, 'logs:event', bigStream.streamId).some((event) => event.type === 'ended'), { timeout: 20_000 })
      .toBe(true);
    const [cut, after] = linesOf(h, bigStream.streamId);
    expect(cut?.cutFromBytes).toBe(1048576);
    expect(cut?.text.length).toBe(64 * 1024);
    expect(after?.text).toBe('after');

    const tail = await ok(h.client.invoke('logs:open', { hostId, containerId: big, follow: false, tail: 1 }));
    await expect
      .poll(() => pushesOf(h, 'logs:event', tail.streamId).some((event) => event.type === 'ended'), { timeout: 20_000 })
      .toBe(true);
    expect(linesOf(h, tail.streamId).map((line) => line.text)).toEqual(['after']);

    await expect.poll(() => docker(suite.lab, 'tcp', 'logs', tty).includes('in a tty'), { timeout: 20_000 }).toBe(true);
    const ttyStream = await ok(h.client.invoke('logs:open', { hostId, containerId: tty, follow: true, tail: 'all' }));
    expect(ttyStream.tty).toBe(true);
    await expect
      .poll(() => linesOf(h, ttyStream.streamId).map((line) => [line.stream, line.text]), { timeout: 20_000 })
      .toEqual([['tty', 'in a tty']]);

    // Removed by "another client" while followed: the stream ends saying so.
    docker(suite.lab, 'tcp', 'rm', '-f', tty);
    await expect.poll(() => pushesOf(h, 'logs:event', ttyStream.streamId).at(-1)?.type, { timeout: 20_000 }).toBe('ended');
    const gone = await failure(h.client.invoke('logs:open', { hostId, containerId: tty, follow: true, tail: 10 }));
    expect(gone.code).toBe('CONTAINER_NOT_FOUND');
    expect(gone.message).toMatch(/removed/);

    // A detached client's streams are closed in main.
    const again = await ok(h.client.invoke('logs:open', { hostId, containerId: big, follow: true, tail: 1 }));
    expect(again.streamId).toMatch(/^logs-/);
    expect(h.service.openContainerStreams('logs')).toBeGreaterThan(0);
    h.client.detach();
    await expect.poll(() => h.service.openContainerStreams(), { timeout: 5_000 }).toBe(0);
  });

  it('keeps up with a container printing thousands of lines a second, in order, in bounded pushes, and closes cleanly', async () => {
    const h = await suite.harness();
    const hostId = await addLabHost(h, suite.lab, 'tcp');
    const name = runScript(suite.lab, 'tcp', 'chatty', 'i=0; while [ $i -lt 30000 ]; do echo "fast $i"; i=$((i+1)); done; sleep 600');
    suite.made('tcp', name);
    const { streamId } = await ok(h.client.invoke('logs:open', { hostId, containerId: name, follow: true, tail: 'all' }));
    await expect.poll(() => linesOf(h, streamId).length, { timeout: 60_000, interval: 200 }).toBe(30_000);
    const texts = linesOf(h, streamId).map((line) => line.text);
    expect(texts.every((text, i) => text === `fast ${i}`)).toBe(true);
    const batches = pushesOf(h, 'logs:event', streamId).filter((event) => event.type === 'lines');
    expect(Math.max(...batches.map((event) => (event.type === 'lines' ? event.lines.length : 0)))).toBeLessThanOrEqual(1000);
    await ok(h.client.invoke('logs:close', { streamId }));
    expect(h.service.openContainerStreams()).toBe(0);
  });
});
