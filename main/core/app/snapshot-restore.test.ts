import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostProfile } from '../../../shared/profile.js';
import { loadDriverStatusFixture } from '../../../test-support/docker-fixtures.js';
import { FakeDaemon, TempDirs, recordPushes } from '../../../test-support/service-fakes.js';
import { KnownHosts } from '../ssh/known-hosts.js';
import { ConfProfileStore } from '../store/conf-profile-store.js';
import { MemorySecretStore } from '../store/secret-store.js';
import { SnapshotStore } from '../store/snapshot-store.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { BerthService } from './berth-service.js';
import { asLastSeen } from '../../../test-support/snapshots.js';
import { ok } from '../../../test-support/lab-containers.js';

const temp = new TempDirs();
const services: BerthService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  temp.cleanup();
});

/** The fake daemon, reporting a devicemapper pool that is 100 % full (a real daemon's DriverStatus). */
function fullPoolDaemon(): (profile: HostProfile) => Promise<DockerConnection> {
  const daemon = new FakeDaemon();
  const full = loadDriverStatusFixture('devicemapper-loop-lvm-full-moby-26015.json');
  return async (profile) => {
    const connection = await daemon.open(profile);
    const get = connection.api.get.bind(connection.api);
    const api = {
      get: async (apiPath: string, ...rest: unknown[]) =>
        apiPath === '/info'
          ? { Driver: full.Driver, DriverStatus: full.DriverStatus, ServerVersion: '20.10.24', NCPU: 2 }
          : (get as (p: string, ...r: unknown[]) => Promise<unknown>)(apiPath, ...rest),
    } as unknown as DockerConnection['api'];
    return { ...connection, api };
  };
}

function newService(dataDir: string, openConnection: (profile: HostProfile) => Promise<DockerConnection>) {
  const profiles = new ConfProfileStore({ cwd: dataDir });
  const service = new BerthService({
    profiles,
    warnings: profiles.warnings,
    secrets: new MemorySecretStore(),
    knownHosts: new KnownHosts({ file: path.join(dataDir, 'known_hosts') }),
    app: { version: '9.9.9', shell: 'browser' },
    dataDir,
    snapshots: new SnapshotStore({ dataDir }),
    testHooks: { connections: { openConnection, heartbeatMs: 60_000, backoff: { initialMs: 5, maxMs: 20, random: () => 0.5 } } },
  });
  services.push(service);
  return service;
}

const draft = { id: 'pool-host', name: 'pool host', tags: [], transport: { type: 'tcp' as const, host: '127.0.0.1', port: 2375 } };

describe('a snapshot restored at start', () => {
  it('is shown but raises no alert: only a live reading of the same full pool does', async () => {
    // Control: read live, the full pool raises a storage alert.
    const liveDir = temp.make();
    const live = newService(liveDir, fullPoolDaemon());
    await ok(live.invoke('hosts:save', { draft }));
    await expect.poll(async () => (await ok(live.invoke('alerts:list', { unacknowledgedOnly: false, limit: 10 }))).alerts.length).toBe(1);
    const [alert] = (await ok(live.invoke('alerts:list', { unacknowledgedOnly: false, limit: 10 }))).alerts;
    expect(alert?.kind).toBe('storage-usage');
    const snapshot = await ok(live.invoke('hosts:snapshot', { hostId: draft.id }));
    if (!snapshot) throw new Error('the live host has a snapshot');
    await live.dispose();

    // The same snapshot restored in a fresh data directory (no alert history), the host not answering yet.
    const restoredDir = temp.make();
    const store = new SnapshotStore({ dataDir: restoredDir, settleMs: 0 });
    store.save(snapshot);
    await store.dispose();
    await new ConfProfileStore({ cwd: restoredDir }).save(draft);
    const restored = newService(restoredDir, () => new Promise<never>(() => undefined));
    await restored.start();
    const pushes = recordPushes(restored);
    expect(await ok(restored.invoke('hosts:snapshot', { hostId: draft.id }))).toEqual(asLastSeen(snapshot));
    expect(pushes.messages.some((message) => message.channel === 'host:snapshot')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await ok(restored.invoke('alerts:list', { unacknowledgedOnly: false, limit: 10 }))).alerts).toEqual([]);
    expect(pushes.messages.filter((message) => message.channel === 'alerts:raised')).toEqual([]);
  });

  it('shows a host whose saved password was lost from its stored snapshot, and keeps it once the secret is given', async () => {
    const dataDir = temp.make();
    const sshDraft = {
      id: 'ssh-pw',
      name: 'ssh pw',
      tags: [],
      transport: {
        type: 'ssh' as const,
        host: 'edge.example',
        user: 'deploy',
        auth: { method: 'password' as const, password: 'pw-123456' },
      },
    };
    const first = newService(dataDir, new FakeDaemon().open);
    await ok(first.invoke('hosts:save', { draft: sshDraft }));
    await expect.poll(async () => (await ok(first.invoke('hosts:list', {})))[0]?.status.state).toBe('ready');
    const snapshot = await ok(first.invoke('hosts:snapshot', { hostId: sshDraft.id }));
    if (!snapshot) throw new Error('the host has a snapshot');
    await first.dispose();

    // A new start with secrets in memory: the password is gone, the host has no session.
    const later = newService(dataDir, () => new Promise<never>(() => undefined));
    await later.start();
    const pushes = recordPushes(later);
    const [view] = await ok(later.invoke('hosts:list', {}));
    expect(view?.status).toMatchObject({ state: 'failed', error: { code: 'SECRET_MISSING' } });
    const seeded = pushes.messages.find((message) => message.channel === 'host:snapshot');
    expect(seeded?.channel === 'host:snapshot' && seeded.payload.snapshot).toEqual(asLastSeen(snapshot));
    expect(await ok(later.invoke('hosts:snapshot', { hostId: sshDraft.id }))).toEqual(asLastSeen(snapshot));

    // Given back: the session starts from the stored snapshot and tells the attached client.
    pushes.messages.length = 0;
    await ok(later.invoke('hosts:provide-secret', { hostId: sshDraft.id, role: 'ssh-password', value: 'pw-123456' }));
    expect((await ok(later.invoke('hosts:list', {})))[0]?.status.state).toBe('connecting');
    expect(await ok(later.invoke('hosts:snapshot', { hostId: sshDraft.id }))).toEqual(asLastSeen(snapshot));
    const pushed = pushes.messages.find((message) => message.channel === 'host:snapshot');
    expect(pushed?.channel === 'host:snapshot' && pushed.payload.snapshot).toEqual(asLastSeen(snapshot));
  });

  it('deletes the files of hosts that are gone at start, unless the profiles were set aside as damaged', async () => {
    const dataDir = temp.make();
    const first = newService(dataDir, new FakeDaemon().open);
    await ok(first.invoke('hosts:save', { draft }));
    await expect.poll(async () => (await ok(first.invoke('hosts:list', {})))[0]?.status.state).toBe('ready');
    await first.dispose();
    const file = path.join(dataDir, 'snapshots', `${draft.id}.json`);
    expect(existsSync(file)).toBe(true);

    // profiles.json damaged: it is moved aside, and the snapshots stay for when it is put back.
    const profilesFile = path.join(dataDir, 'profiles.json');
    const saved = readFileSync(profilesFile);
    writeFileSync(profilesFile, '{ not json');
    const damaged = newService(dataDir, () => new Promise<never>(() => undefined));
    await damaged.start();
    expect((await ok(damaged.invoke('app:info', {}))).warnings?.map((warning) => warning.code)).toContain('PROFILES_RECOVERED');
    await damaged.dispose();
    expect(existsSync(file)).toBe(true);

    // A readable profiles.json without the host: its snapshot goes.
    writeFileSync(profilesFile, saved);
    await new ConfProfileStore({ cwd: dataDir }).remove(draft.id);
    const without = newService(dataDir, () => new Promise<never>(() => undefined));
    await without.start();
    await without.dispose();
    expect(existsSync(file)).toBe(false);
  });
});
