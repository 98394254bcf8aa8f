import { describe, expect, it } from 'vitest';
import { countContainers, readContainers } from '../../../shared/docker/containers';
import { readDiskUsage } from '../../../shared/docker/disk-usage';
import { readStorageFromInfo } from '../../../shared/docker/driver-status';
import { readDaemonSummary } from '../../../shared/docker/summary';
import { readEndpoint } from '../../../shared/endpoint';
import loopLvmFullInfo from '../../../shared/docker/fixtures/devicemapper-loop-lvm-full-moby-26015.json';
import btrfsInfo from '../../../shared/docker/fixtures/lab/btrfs/info.json';
import tcpContainers from '../../../shared/docker/fixtures/lab/tcp/containers.json';
import tcpInfo from '../../../shared/docker/fixtures/lab/tcp/info.json';
import tcpDiskUsage from '../../../shared/docker/fixtures/lab/tcp/system-df.json';
import tcpVersion from '../../../shared/docker/fixtures/lab/tcp/version.json';
import { ApiError, createApi } from '../api';
import { DemoBridge } from '../demo-bridge';

// What the demo shows is what the parsers read from the same fixtures the parsers are tested with.
const api = createApi(new DemoBridge({ scenario: 'fleet', live: false }));

async function snapshotOf(hostId: string) {
  const snapshot = await api.snapshot(hostId);
  if (!snapshot) throw new Error(`the demo host ${hostId} has no snapshot`);
  return snapshot;
}

describe("the demo's readings", () => {
  it("show the lab daemon's /info, /version, /system/df and containers as the parsers read them", async () => {
    const local = await snapshotOf('local');
    expect(local.storage).toEqual(readStorageFromInfo(tcpInfo));
    expect(local.diskUsage).toEqual(readDiskUsage(tcpDiskUsage));
    // statusSince counts from the moment of each read, so it is left out of the comparison.
    const withoutSince = (list: typeof local.containers) => list.map(({ statusSince: _since, ...rest }) => rest);
    expect(withoutSince(local.containers)).toEqual(withoutSince(readContainers(tcpContainers)));
    // The demo names the host itself; everything else of the summary is the parsers'.
    expect(local.summary).toEqual({
      ...readDaemonSummary(tcpVersion, tcpInfo),
      name: 'workstation',
      dockerRootDir: '/var/lib/docker',
      daemonWarnings: [],
    });
  });

  it('count containers the way the daemon does in /info', async () => {
    const local = await snapshotOf('local');
    expect(local.counts).toEqual(countContainers(readContainers(tcpContainers)));
    expect(local.counts).toEqual({
      total: tcpInfo.Containers,
      running: tcpInfo.ContainersRunning,
      paused: tcpInfo.ContainersPaused,
      stopped: tcpInfo.ContainersStopped,
    });
  });

  it('show the devicemapper and btrfs fixtures as the parsers read them', async () => {
    expect((await snapshotOf('legacy-build')).storage).toEqual(readStorageFromInfo(loopLvmFullInfo));
    expect((await snapshotOf('ci-runners')).storage).toEqual(readStorageFromInfo(btrfsInfo));
  });

  it.each([
    'tcp://10.0.0.5:2376',
    'ssh://deploy@build-01.example.net:2222/run/docker.sock',
    'unix:///var/run/docker.sock',
    '/run/user/1000/docker.sock',
    'npipe:////./pipe/docker_engine',
    'https://10.0.0.5',
    'ssh://10.0.0.5',
    'ftp://example.net',
    '10.0.0.5:2375',
    '',
  ])('parse the pasted endpoint %j like the main side', async (url) => {
    const expected = readEndpoint(url);
    const parsed = await api.parseEndpoint(url).catch((error: unknown) => {
      if (error instanceof ApiError) return { code: error.code, message: error.message };
      throw error;
    });
    expect(parsed).toEqual(expected);
  });
});
