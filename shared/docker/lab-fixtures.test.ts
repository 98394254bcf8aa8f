import { describe, expect, it } from 'vitest';
import { countContainers, readContainers } from './containers.js';
import { readDiskUsage } from './disk-usage.js';
import { readStorageFromInfo } from './driver-status.js';
import { readDaemonSummary } from './summary.js';
import { loadFixture } from '../../test-support/docker-fixtures.js';

/**
 * Bodies captured from the lab's real daemons (Debian's docker.io 20.10, API 1.41): overlay2,
 * btrfs on a loop-mounted file, and vfs. See fixtures/README.md.
 */

const DAEMONS = ['tcp', 'btrfs', 'vfs'] as const;

/** `LayersSize` of the one image: it differs by storage driver. */
const LAYERS_SIZE: Record<(typeof DAEMONS)[number], number> = { tcp: 1_984_241, btrfs: 1_982_365, vfs: 1_982_365 };

function lab(daemon: (typeof DAEMONS)[number], body: 'info' | 'version' | 'system-df' | 'containers'): unknown {
  return loadFixture(`lab/${daemon}/${body}.json`);
}

describe.each(DAEMONS)('lab daemon %s', (daemon) => {
  const info = lab(daemon, 'info') as Record<string, unknown>;

  it('counts containers exactly as the daemon does in /info', () => {
    const counts = countContainers(readContainers(lab(daemon, 'containers')));
    expect(counts).toEqual({
      total: info.Containers,
      running: info.ContainersRunning,
      paused: info.ContainersPaused,
      stopped: info.ContainersStopped,
    });
    expect(counts).toEqual({ total: 4, running: 2, paused: 0, stopped: 2 });
  });

  it('reads the summary', () => {
    const summary = readDaemonSummary(lab(daemon, 'version'), info);
    expect(summary).toMatchObject({
      serverVersion: '20.10.24+dfsg1',
      apiVersion: '1.41',
      minApiVersion: '1.12',
      os: 'Debian GNU/Linux 12 (bookworm)',
      osType: 'linux',
      architecture: 'x86_64',
      cpus: 2,
      memoryBytes: 25_276_026_880,
      dockerRootDir: `/tmp/berth-lab/${daemon}/data`,
      loggingDriver: 'json-file',
      cgroupDriver: 'cgroupfs',
      cgroupVersion: '1',
      securityOptions: ['name=seccomp,profile=default'],
      insecureRegistries: ['127.0.0.0/8'],
      registryMirrors: [],
    });
    expect(summary.daemonWarnings).toContain('WARNING: IPv4 forwarding is disabled');
    const plainTcp = summary.daemonWarnings.some((w) => w.includes('without encryption'));
    expect(plainTcp).toBe(daemon !== 'vfs');
  });

  it('reads /system/df in the legacy shape', () => {
    expect(readDiskUsage(lab(daemon, 'system-df'))).toEqual({
      images: { count: 1, active: 1, sizeBytes: LAYERS_SIZE[daemon], reclaimableBytes: 0 },
      containers: { count: 4, active: 2, sizeBytes: 0, reclaimableBytes: 0 },
      volumes: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
      buildCache: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
      shape: 'legacy',
    });
  });

  it('reads the containers', () => {
    const containers = readContainers(lab(daemon, 'containers'));
    expect(containers.map((c) => [c.names, c.state, c.image])).toEqual([
      [['lab-created'], 'created', 'berth-lab/busybox:latest'],
      [['lab-exited'], 'exited', 'berth-lab/busybox:latest'],
      [['lab-running-2'], 'running', 'berth-lab/busybox:latest'],
      [['lab-running-1'], 'running', 'berth-lab/busybox:latest'],
    ]);
    for (const container of containers) {
      expect(container.labels).toEqual({ 'berth.lab': '1' });
      expect(container.ports).toEqual([]);
      expect(container.id).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe('lab storage drivers', () => {
  it('overlay2 on ext4 with d_type: no warnings', () => {
    const storage = readStorageFromInfo(lab('tcp', 'info'));
    expect(storage).toEqual({
      driver: 'overlay2',
      status: [
        ['Backing Filesystem', 'extfs'],
        ['Supports d_type', 'true'],
        ['Native Overlay Diff', 'true'],
        ['userxattr', 'false'],
      ],
      reading: { driver: 'overlay2', backingFilesystem: 'extfs', supportsDType: true, nativeOverlayDiff: true, userxattr: false },
      warnings: [],
    });
  });

  it('btrfs', () => {
    const storage = readStorageFromInfo(lab('btrfs', 'info'));
    expect(storage.reading).toEqual({ driver: 'btrfs', buildVersion: 'Btrfs v6.2', libraryVersion: 102 });
    expect(storage.warnings).toEqual([]);
  });

  it('vfs sends a null status', () => {
    const info = lab('vfs', 'info') as Record<string, unknown>;
    expect(info.DriverStatus).toBeNull();
    expect(readStorageFromInfo(info)).toEqual({ driver: 'vfs', status: [], reading: { driver: 'vfs' }, warnings: [] });
  });
});
