import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostProfile } from '../../../shared/profile.js';
import { type LabManifest } from '../../../e2e/lab/manifest.js';
import { labKnownHosts, labProfile, requireLab } from '../../../e2e/support/lab-hosts.js';
import { snapshotWithDiskUsage } from '../../../test-support/connection-waits.js';
import { ConnectionManager } from '../connection-manager.js';
import { openDockerConnection } from '../transports/docker-connection.js';

let lab: LabManifest;
let manager: ConnectionManager | undefined;

beforeAll(() => {
  lab = requireLab();
});

afterEach(async () => {
  await manager?.dispose();
  manager = undefined;
});

/** Every /system/df this manager sends, counted while in flight, and each failure's message. */
function dfMeter() {
  const meter = { inFlight: 0, peak: 0, sent: 0, failures: [] as string[] };
  const openConnection = async (profile: HostProfile, options: Parameters<typeof openDockerConnection>[1]) => {
    const connection = await openDockerConnection(profile.transport, options);
    const get = connection.api.get.bind(connection.api);
    connection.api.get = async (path, query) => {
      if (path !== '/system/df') return get(path, query);
      meter.sent += 1;
      meter.inFlight += 1;
      meter.peak = Math.max(meter.peak, meter.inFlight);
      try {
        return await get(path, query);
      } catch (error) {
        meter.failures.push(error instanceof Error ? error.message : String(error));
        throw error;
      } finally {
        meter.inFlight -= 1;
      }
    };
    return connection;
  };
  return { meter, openConnection };
}

describe('fleet-wide /system/df pacing against the lab', () => {
  it('gives every host of one daemon its disk usage, one df at a time, shared, with none refused', async () => {
    const { meter, openConnection } = dfMeter();
    const hosts = (manager = new ConnectionManager({ knownHosts: labKnownHosts(lab), timeoutMs: 15_000, openConnection }));
    // Six Berth hosts that are one lab daemon: the pacer keys them by its /info ID.
    const base = labProfile(lab, 'tcp');
    const profiles = Array.from({ length: 6 }, (_, i) => ({ ...base, id: `df-pacing-${i}`, name: `df pacing ${i}` }));
    for (const profile of profiles) await hosts.upsertHost(profile);
    await Promise.all(profiles.map((profile) => hosts.waitFor(profile.id, ['ready'], 30_000)));
    const snapshots = await Promise.all(profiles.map((profile) => snapshotWithDiskUsage(hosts, profile.id, 30_000)));
    for (const snapshot of snapshots) expect(snapshot.diskUsage?.images.count).toBeGreaterThanOrEqual(1);

    // Asked for all at once, three times over: every ask is answered, by at most two reads
    // (one running, one for everyone who asked meanwhile) and retries of refusals from outside.
    const sentBefore = meter.sent;
    const failedBefore = meter.failures.length;
    const rounds = await Promise.all(
      [0, 1, 2].flatMap(() => profiles.map((profile) => hosts.readDiskUsage(profile.id) ?? Promise.reject(new Error('not ready')))),
    );
    expect(rounds).toHaveLength(18);
    for (const df of rounds) expect(df).toHaveProperty('Images');
    expect(meter.sent - sentBefore).toBeLessThanOrEqual(2 + (meter.failures.length - failedBefore));
    expect(meter.peak).toBe(1);
    // Refusals Berth caused itself would show here; one from another client of the shared lab is retried.
    expect(meter.failures.filter((message) => !/already running/.test(message))).toEqual([]);
    expect(hosts.diskUsagePacer.activeDaemons).toBe(0);
  });

  it('lets different daemons read their disk usage at the same time', async () => {
    const { meter, openConnection } = dfMeter();
    const hosts = (manager = new ConnectionManager({ knownHosts: labKnownHosts(lab), timeoutMs: 15_000, openConnection }));
    const profiles = (['tcp', 'btrfs', 'vfs'] as const).map((daemon) => labProfile(lab, daemon));
    for (const profile of profiles) await hosts.upsertHost(profile);
    await Promise.all(profiles.map((profile) => hosts.waitFor(profile.id, ['ready'], 30_000)));
    await Promise.all(profiles.map((profile) => snapshotWithDiskUsage(hosts, profile.id, 30_000)));
    const peakBefore = meter.peak;
    await Promise.all(profiles.map((profile) => hosts.readDiskUsage(profile.id)));
    // Three daemons, three reads in flight at once (the start may already have overlapped them).
    expect(Math.max(peakBefore, meter.peak)).toBeGreaterThanOrEqual(2);
  });
});
