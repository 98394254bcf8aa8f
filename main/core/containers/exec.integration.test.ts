import { describe, expect, it } from 'vitest';
import {
  type LabHarness,
  addLabHost,
  docker,
  failure,
  labDockerode,
  labContainerSuite,
  ok,
  pushesOf,
  runScript,
} from '../../../test-support/lab-containers.js';

const suite = labContainerSuite();

function outputOf(h: LabHarness, streamId: string): string {
  return pushesOf(h, 'exec:event', streamId)
    .map((event) => (event.type === 'output' ? Buffer.from(event.data, 'base64').toString('utf8') : ''))
    .join('');
}

describe.each(['tls', 'ssh'] as const)('exec over %s', (daemon) => {
  it('runs echo $((6*7)) in a shell and prints 42; 20 open/close cycles leave no running exec', async () => {
    const h = await suite.harness();
    const hostId = await addLabHost(h, suite.lab, daemon);
    const name = runScript(suite.lab, daemon, 'exec', 'sleep 600');
    suite.made(daemon, name);

    const { streamId, execId } = await ok(h.client.invoke('exec:open', { hostId, containerId: name, command: ['sh'], cols: 80, rows: 24 }));
    expect(execId).toMatch(/^[0-9a-f]{64}$/);
    await ok(h.client.invoke('exec:resize', { streamId, cols: 120, rows: 40 }));
    await ok(h.client.invoke('exec:input', { streamId, data: 'echo $((6*7)); stty size\r' }));
    await expect.poll(() => outputOf(h, streamId), { timeout: 15_000 }).toMatch(/\r\n42\r\n40 120\r\n/);
    // The daemon sees the session while it is open (so the check below can see a leak).
    expect(await runningExecs(daemon, name)).toEqual([execId]);
    await ok(h.client.invoke('exec:close', { streamId }));

    for (let cycle = 0; cycle < 20; cycle += 1) {
      const session = await ok(h.client.invoke('exec:open', { hostId, containerId: name, command: ['sh'], cols: 80, rows: 24 }));
      // A long-running child too: closing must end the whole session, not just the shell.
      if (cycle % 5 === 0) await ok(h.client.invoke('exec:input', { streamId: session.streamId, data: 'sleep 1000\r' }));
      await ok(h.client.invoke('exec:close', { streamId: session.streamId }));
    }
    expect(h.service.openContainerStreams('exec')).toBe(0);
    expect(await runningExecs(daemon, name)).toEqual([]);
    // No "sleep 1000" from a closed terminal is left inside the container.
    expect(docker(suite.lab, daemon, 'top', name)).not.toMatch(/sleep 1000/);
  }, 240_000);
});

/** Exec ids of a container whose /exec/{id}/json says Running, asked of the daemon directly. */
async function runningExecs(daemon: 'tls' | 'ssh', name: string): Promise<string[]> {
  const api = labDockerode(suite.lab, daemon);
  const ids = ((await api.getContainer(name).inspect()).ExecIDs ?? []) as string[];
  const states = await Promise.all(ids.map(async (id) => ((await api.getExec(id).inspect()).Running ? id : undefined)));
  return states.filter((id): id is string => id !== undefined);
}

describe('exec bad input', () => {
  it('a stopped container, a shell the image lacks, a removed container', async () => {
    const h = await suite.harness();
    const hostId = await addLabHost(h, suite.lab, 'tcp');
    const stopped = runScript(suite.lab, 'tcp', 'stopped', 'true');
    const running = runScript(suite.lab, 'tcp', 'noshell', 'sleep 600');
    suite.made('tcp', stopped, running);
    await expect
      .poll(() => docker(suite.lab, 'tcp', 'inspect', '--format', '{{.State.Running}}', stopped).trim(), { timeout: 15_000 })
      .toBe('false');

    const notRunning = await failure(h.client.invoke('exec:open', { hostId, containerId: stopped, command: ['sh'], cols: 80, rows: 24 }));
    expect(notRunning.code).toBe('CONTAINER_NOT_RUNNING');
    expect(notRunning.message).toMatch(/start it first/);

    const { streamId } = await ok(h.client.invoke('exec:open', { hostId, containerId: running, command: ['bash'], cols: 80, rows: 24 }));
    await expect
      .poll(() => pushesOf(h, 'exec:event', streamId).find((event) => event.type === 'exit'), { timeout: 15_000 })
      .toMatchObject({
        type: 'exit',
        error: { code: 'EXEC_COMMAND_NOT_FOUND' },
      });
    await ok(h.client.invoke('exec:close', { streamId }));

    const gone = await failure(
      h.client.invoke('exec:open', { hostId, containerId: `${running}-gone`, command: ['sh'], cols: 80, rows: 24 }),
    );
    expect(gone.code).toBe('CONTAINER_NOT_FOUND');
    const unknown = await failure(h.client.invoke('exec:input', { streamId: 'exec-nope', data: 'x' }));
    expect(unknown.code).toBe('STREAM_NOT_FOUND');
    expect(h.service.openContainerStreams()).toBe(0);
  });
});
