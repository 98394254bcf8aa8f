import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostStatus } from '../../shared/snapshot.js';
import { snapshotWithDiskUsage } from '../../test-support/connection-waits.js';
import { labKnownHosts, labProfile, requireLab } from '../../e2e/support/lab-hosts.js';
import { LAB_DAEMON_NAMES, type LabManifest, labCtl, labCtlAsync, removeLabContainers, runLabContainer } from '../../e2e/lab/manifest.js';
import { ConnectionManager, type ConnectionManagerOptions } from './connection-manager.js';
import { type DockerConnection, openDockerConnection } from './transports/docker-connection.js';
import { isSshTunnel } from './transports/ssh-tunnel.js';

let lab: LabManifest;
let manager: ConnectionManager;

beforeAll(() => {
  lab = requireLab();
});

afterEach(async () => {
  await manager?.dispose();
});

function newManager(openConnection?: ConnectionManagerOptions['openConnection']): ConnectionManager {
  manager = new ConnectionManager({
    knownHosts: labKnownHosts(lab),
    timeoutMs: 10_000,
    backoff: { initialMs: 200, maxMs: 2_000, random: Math.random },
    ...(openConnection ? { openConnection } : {}),
  });
  return manager;
}

describe('ConnectionManager against the lab', () => {
  it.each(LAB_DAEMON_NAMES)('connects to the %s daemon and reads its driver and containers', async (daemon) => {
    const hosts = newManager();
    const profile = labProfile(lab, daemon);
    await hosts.upsertHost(profile);
    await hosts.waitFor(profile.id, ['ready'], 30_000);
    const snapshot = hosts.snapshot(profile.id)!;
    expect(snapshot.storage.driver).toBe(lab.daemons[daemon].driver);
    expect(snapshot.counts).toEqual(lab.daemons[daemon].containers);
    expect(snapshot.summary.apiVersion).toMatch(/^1\.\d+$/);
    // Readiness does not wait for /system/df: the snapshot is completed when it returns.
    const withDiskUsage = await snapshotWithDiskUsage(hosts, profile.id, 30_000);
    expect(withDiskUsage.diskUsage?.images.count).toBeGreaterThanOrEqual(1);
  });

  it('holds all five daemons at once', async () => {
    const hosts = newManager();
    for (const daemon of LAB_DAEMON_NAMES) await hosts.upsertHost(labProfile(lab, daemon));
    const statuses = await Promise.all(LAB_DAEMON_NAMES.map((daemon) => hosts.waitFor(`lab-${daemon}`, ['ready'], 30_000)));
    expect(statuses.map((status) => status.state)).toEqual(LAB_DAEMON_NAMES.map(() => 'ready'));
  });

  it.each(['tcp', 'ssh'] as const)(
    'follows /events on %s: a container the lab starts appears, and disappears when removed',
    async (daemon) => {
      const hosts = newManager();
      const profile = labProfile(lab, daemon);
      await hosts.upsertHost(profile);
      await hosts.waitFor(profile.id, ['ready'], 30_000);
      const id = runLabContainer(daemon);
      try {
        await expect
          .poll(() => hosts.snapshot(profile.id)?.containers.find((c) => c.id === id)?.state, { timeout: 10_000 })
          .toBe('running');
        expect(hosts.snapshot(profile.id)?.counts.running).toBe(lab.daemons[daemon].containers.running + 1);
      } finally {
        removeLabContainers(daemon, id);
      }
      await expect.poll(() => hosts.snapshot(profile.id)?.containers.some((c) => c.id === id), { timeout: 10_000 }).toBe(false);
    },
  );

  it('carries a hundred refreshes over one SSH connection', async () => {
    // The manager opens connections the usual way; the test keeps a hand on them to count SSH use.
    const opened: DockerConnection[] = [];
    const hosts = newManager(async (profile, options) => {
      const connection = await openDockerConnection(profile.transport, options);
      opened.push(connection);
      return connection;
    });
    const profile = labProfile(lab, 'ssh');
    await hosts.upsertHost(profile);
    await hosts.waitFor(profile.id, ['ready'], 30_000);
    for (let i = 0; i < 100; i += 1) await hosts.refresh(profile.id);
    expect(opened).toHaveLength(1);
    const [connection] = opened;
    if (!connection || !isSshTunnel(connection)) throw new Error('the SSH profile did not open an SSH tunnel');
    const stats = connection.sshStats();
    expect(stats.sshConnections).toBe(1);
    // Keep-alive reuses channels: far fewer than the 400 requests made.
    expect(stats.sshChannels).toBeLessThan(20);
  });
});

describe('recovery', () => {
  afterAll(() => {
    // Leave the lab as found even when a test failed half-way.
    labCtl('start', 'btrfs');
  });

  it('returns to ready by itself after the lab restarts a daemon', async () => {
    const hosts = newManager();
    const profile = labProfile(lab, 'btrfs');
    await hosts.upsertHost(profile);
    await hosts.waitFor(profile.id, ['ready'], 30_000);
    const seen: HostStatus['state'][] = [];
    hosts.subscribe((event) => event.type === 'status' && event.hostId === profile.id && seen.push(event.status.state));
    await labCtlAsync('restart', 'btrfs');
    expect(seen).toContain('reconnecting');
    await hosts.waitFor(profile.id, ['ready'], 60_000);
    // The daemon answers before its restart policy has started the containers again; their
    // start events then bring the snapshot to the lab's counts.
    await expect.poll(() => hosts.snapshot(profile.id)?.counts, { timeout: 30_000 }).toEqual(lab.daemons.btrfs.containers);
  });
});
