import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostSnapshot } from '../../../shared/snapshot.js';
import type { LabManifest } from '../../../e2e/lab/manifest.js';
import { FaultProxy } from '../../../e2e/faults/fault-proxy.js';
import { requireLab } from '../../../e2e/support/lab-hosts.js';
import { TempDirs, recordPushes } from '../../../test-support/service-fakes.js';
import type { HostProfile } from '../../../shared/profile.js';
import { type ConnectOptions, openDockerConnection } from '../transports/docker-connection.js';
import type { BerthService } from './berth-service.js';
import { testAppService } from '../../../test-support/test-service.js';
import { asLastSeen } from '../../../test-support/snapshots.js';
import { ok } from '../../../test-support/lab-containers.js';

let lab: LabManifest;
const temp = new TempDirs();
const services: BerthService[] = [];
const proxies: FaultProxy[] = [];

beforeAll(() => {
  // Throws "the Berth lab is not running" when it is not: these tests fail, never skip.
  lab = requireLab();
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  temp.cleanup();
});

/** A gate in front of the real connection: nothing reaches the daemon until it is opened. */
function connectionGate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let attempts = 0;
  return {
    open,
    attempts: () => attempts,
    openConnection: async (profile: HostProfile, options: ConnectOptions) => {
      attempts += 1;
      await opened;
      return openDockerConnection(profile.transport, options);
    },
  };
}

async function startService(dataDir: string, gate?: ReturnType<typeof connectionGate>): Promise<BerthService> {
  const service = await testAppService(dataDir, { testHooks: { connections: { ...(gate && { openConnection: gate.openConnection }) } } });
  services.push(service);
  return service;
}

async function stateOf(service: BerthService, hostId: string): Promise<string | undefined> {
  const views = await ok(service.invoke('hosts:list', {}));
  return views.find((view) => view.profile.id === hostId)?.status.state;
}

describe('persisted snapshots against the lab', () => {
  it('a restarted service shows an unreachable host from its stored snapshot at once, marked not live, until a live read replaces it', async () => {
    const { transport } = lab.daemons.tcp;
    if (transport.type !== 'tcp') throw new Error('the lab tcp daemon listens on tcp');
    const proxy = await new FaultProxy(transport.host, transport.port).start();
    proxies.push(proxy);
    const dataDir = temp.make('berth-snapshots-lab-');
    const hostId = 'lab-tcp-restored';

    // First run: the host answers; its snapshot is stored when the service stops.
    const first = await startService(dataDir);
    await ok(
      first.invoke('hosts:save', { draft: { id: hostId, name: 'lab tcp', tags: [], transport: { ...transport, port: proxy.port } } }),
    );
    await expect.poll(() => stateOf(first, hostId), { timeout: 20_000 }).toBe('ready');
    // Other tests change the shared lab daemon's containers: the file must hold the last live snapshot.
    const atStop = await ok(first.invoke('hosts:snapshot', { hostId }));
    expect(atStop?.counts.total).toBeGreaterThan(0);
    await first.dispose();
    const file = path.join(dataDir, 'snapshots', `${hostId}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = (JSON.parse(readFileSync(file, 'utf8')) as { snapshot: HostSnapshot }).snapshot;
    // Restored as last seen: the statuses as worded at the read, not aged to now.
    const stored = asLastSeen(written);
    expect(stored.containers.map((container) => container.status)).toEqual(written.containers.map((container) => container.status));
    expect(written).toEqual(atStop);

    // Second run: the host is down, and no connection has been attempted through the gate yet.
    proxy.setMode('refuse');
    const gate = connectionGate();
    const second = await startService(dataDir, gate);
    const pushes = recordPushes(second);
    const seeded = pushes.messages.find((message) => message.channel === 'host:snapshot' && message.payload.hostId === hostId);
    expect(seeded?.channel === 'host:snapshot' && seeded.payload.snapshot).toEqual(stored);
    expect(await ok(second.invoke('hosts:snapshot', { hostId }))).toEqual(stored);
    const [view] = await ok(second.invoke('hosts:list', {}));
    // Not live: the status says it is connecting, and the last-seen time is the stored read's.
    expect(view?.status.state).toBe('connecting');
    expect(view?.lastSeenAt).toBe(stored.updatedAt);
    expect(gate.attempts()).toBeLessThanOrEqual(1);

    // Actions never take the restored list as truth: there is no live connection to act on.
    const container = stored.containers[0];
    if (!container) throw new Error('the lab tcp daemon has containers');
    const action = await second.invoke('containers:action', { hostId, containerIds: [container.id], action: 'restart' });
    expect(action).toEqual({ ok: false, error: expect.objectContaining({ code: 'HOST_NOT_CONNECTED' }) });

    // The connection fails: still shown, still not live, nothing raised, the file left as it was.
    const fileBefore = readFileSync(file, 'utf8');
    gate.open();
    await expect.poll(() => stateOf(second, hostId), { timeout: 20_000 }).toBe('reconnecting');
    expect(await ok(second.invoke('hosts:snapshot', { hostId }))).toEqual(stored);
    expect((await ok(second.invoke('alerts:list', { unacknowledgedOnly: false, limit: 100 }))).alerts).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(fileBefore);

    // The host comes back: a live read replaces the restored snapshot, and is stored on shutdown.
    proxy.setMode('pass');
    await expect.poll(() => stateOf(second, hostId), { timeout: 20_000 }).toBe('ready');
    const fresh = await ok(second.invoke('hosts:snapshot', { hostId }));
    expect(fresh?.updatedAt).toBeGreaterThan(stored.updatedAt);
    expect(fresh?.counts.total).toBeGreaterThan(0);
    await ok(second.invoke('hosts:remove', { hostId }));
    expect(existsSync(file)).toBe(false);
  });
});
