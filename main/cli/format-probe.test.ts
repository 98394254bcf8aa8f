import { describe, expect, it } from 'vitest';
import type { HostSnapshot } from '../../shared/snapshot.js';
import { countContainers, readContainers } from '../../shared/docker/containers.js';
import { readDiskUsage } from '../../shared/docker/disk-usage.js';
import { readStorage } from '../../shared/docker/driver-status.js';
import { readDaemonSummary } from '../../shared/docker/summary.js';
import { loadDriverStatusFixture, loadFixture } from '../../test-support/docker-fixtures.js';
import { formatProbeText, probeJson } from './format-probe.js';

// A snapshot from real lab output, with the storage swapped for a devicemapper host published
// in moby#27409 (devicemapper cannot run here).
function devicemapperSnapshot(): HostSnapshot {
  const fixture = loadDriverStatusFixture('devicemapper-loop-lvm-moby-27409.json');
  const containers = readContainers(loadFixture('lab/tcp/containers.json'));
  return {
    hostId: 'dm',
    summary: readDaemonSummary(loadFixture('lab/tcp/version.json'), loadFixture('lab/tcp/info.json')),
    storage: readStorage(fixture.Driver, fixture.DriverStatus),
    diskUsage: readDiskUsage(loadFixture('lab/tcp/system-df.json')),
    containers,
    counts: countContainers(containers),
    updatedAt: 0,
  };
}

const transport = { type: 'tcp', host: '10.0.0.5', port: 2375 } as const;

describe('probe output', () => {
  it('gives the devicemapper pool in bytes under storage.pool in --json', () => {
    const json = probeJson(transport, devicemapperSnapshot());
    expect(json.storage.driver).toBe('devicemapper');
    expect(json.storage.pool).toMatchObject({ loopLvm: true, dataUsed: 5_223_000_000 });
    for (const key of ['dataUsed', 'dataTotal', 'dataAvailable', 'metadataUsed', 'metadataTotal', 'metadataAvailable'] as const) {
      expect(typeof json.storage.pool?.[key], key).toBe('number');
    }
    expect(json.storage.warnings.map((warning) => warning.code)).toEqual(expect.arrayContaining(['LOOP_LVM', 'DRIVER_REMOVED']));
    expect(json.storage.status[0]).toEqual(['Pool Name', 'docker-253:1-650320-pool']);
    expect(json).toMatchObject({ endpoint: 'tcp://10.0.0.5:2375', serverVersion: '20.10.24+dfsg1', apiVersion: '1.41' });
    expect(Object.keys(json.containers).sort()).toEqual(['paused', 'running', 'stopped', 'total']);
  });

  it('prints the pool, its warnings and the container counts as text', () => {
    const text = formatProbeText(transport, devicemapperSnapshot());
    expect(text).toContain('Storage driver: devicemapper');
    expect(text).toMatch(/Data pool: +5\.223 GB used of/);
    expect(text).toMatch(/WARNING: .*loop/i);
    expect(text).toMatch(/Containers: +\d+ total, \d+ running, \d+ paused, \d+ stopped/);
  });
});
