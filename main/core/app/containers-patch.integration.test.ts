import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LabManifest, labDockerArgs } from '../../../e2e/lab/manifest.js';
import { requireLab } from '../../../e2e/support/lab-hosts.js';
import type { HostSnapshot } from '../../../shared/snapshot.js';
import { applySnapshotPatch, isSnapshotPatch } from '../../../shared/snapshot-patch.js';
import { TempDirs, recordPushes } from '../../../test-support/service-fakes.js';
import type { BerthService } from './berth-service.js';
import { testAppService } from '../../../test-support/test-service.js';

const run = promisify(execFile);
/** The least used lab daemon: other tests' containers on it would show up in the patches. */
const DAEMON = 'vfs';
const HOST_ID = 'lab-vfs';

let lab: LabManifest;
const temp = new TempDirs();
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(() => {
  // Throws "the Berth lab is not running" when it is not: this test fails, never skips.
  lab = requireLab();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  temp.cleanup();
});

/** The docker CLI against the lab daemon, without blocking the event loop (the service is live). */
async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', [...labDockerArgs(lab, DAEMON), ...args], { timeout: 60_000 });
  return stdout.trim();
}

async function startService(): Promise<BerthService> {
  const service = await testAppService(temp.make('berth-patches-'));
  cleanups.push(() => service.dispose());
  return service;
}

describe('container changes reach a client as patches', () => {
  it('`docker run` arrives as a host:containers-patch with exactly that container, never as a whole snapshot', async () => {
    const service = await startService();
    const pushes = recordPushes(service);
    const saved = await service.invoke('hosts:save', {
      draft: { id: HOST_ID, name: 'lab vfs', tags: [], transport: lab.daemons[DAEMON].transport },
    });
    expect(saved.ok).toBe(true);
    const held = () => pushes.messages.findLast((m) => m.channel === 'host:snapshot' && m.payload.hostId === HOST_ID);
    await expect.poll(() => held(), { timeout: 20_000 }).toBeDefined();
    // The first disk-usage read belongs to the connect; let it land before watching.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const start = pushes.messages.length;
    const since = () => pushes.messages.slice(start).filter((m) => 'hostId' in m.payload && m.payload.hostId === HOST_ID);
    const first = held();
    if (first?.channel !== 'host:snapshot') throw new Error('no snapshot of the lab host');

    const name = `berth-patches-${randomBytes(4).toString('hex')}`;
    const id = await docker('run', '-d', '--name', name, '--label', 'berth.test=patches', 'berth-lab/busybox:latest', 'sleep', '300');
    cleanups.push(() => docker('rm', '-f', id));
    const patchesWith = (containerId: string) =>
      since().filter((m) => m.channel === 'host:containers-patch' && m.payload.upserted.some((row) => row.id === containerId));
    await expect
      .poll(() => patchesWith(id).at(-1)?.channel === 'host:containers-patch' && patchesWith(id).at(-1), { timeout: 10_000 })
      .toMatchObject({
        payload: { upserted: [{ id, names: [name], state: 'running' }], removed: [] },
      });
    for (const patch of since()) {
      if (patch.channel === 'host:containers-patch') expect(patch.payload.upserted.map((row) => row.id)).toEqual([id]);
    }

    await docker('rm', '-f', id);
    await expect
      .poll(() => since().some((m) => m.channel === 'host:containers-patch' && m.payload.removed.includes(id)), { timeout: 10_000 })
      .toBe(true);
    // The df refresh the events ask for, when dockerd runs it (it refuses one while another
    // client's runs: best effort), comes as host:disk-usage and is folded in below like the rest.
    const channels = new Set(since().map((m) => m.channel));
    expect(channels.has('host:snapshot')).toBe(false);
    // A renderer applying the pushes holds exactly what main holds, rows in the same order.
    let applied: HostSnapshot = first.payload.snapshot;
    // Every patch after that snapshot, the connect's disk-usage read (ready comes before it) included.
    const afterFirst = pushes.messages
      .slice(pushes.messages.indexOf(first) + 1)
      .filter((m) => 'hostId' in m.payload && m.payload.hostId === HOST_ID);
    for (const message of afterFirst) if (isSnapshotPatch(message)) applied = applySnapshotPatch(applied, message);
    const current = await service.invoke('hosts:snapshot', { hostId: HOST_ID });
    expect(current.ok && current.value).toEqual(applied);
    expect(applied.containers.some((row) => row.id === id)).toBe(false);
    expect(applied.counts).toEqual(lab.daemons[DAEMON].containers);
  });
});
