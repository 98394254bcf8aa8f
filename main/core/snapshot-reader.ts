import type { ContainerSummary, HostSnapshot } from '../../shared/snapshot.js';
import { countContainers, readContainers } from './docker/containers.js';
import { readDiskUsage } from './docker/disk-usage.js';
import { readStorage } from './docker/driver-status.js';
import { readDaemonSummary } from './docker/summary.js';
import type { DockerApi } from './transports/docker-api.js';

/** Reads a session already holds or paces itself; each defaults to a plain request. */
export interface SnapshotReads {
  /** `/version` is constant for a connection: a session reads it once when it connects. */
  version?: Promise<unknown>;
  /** `/system/df`, which dockerd refuses to run twice at once. */
  diskUsage?: () => Promise<unknown>;
}

/** Reads everything a host's dashboard shows, in parallel, over the held connection. */
export async function readSnapshot(api: DockerApi, hostId: string, reads: SnapshotReads = {}): Promise<HostSnapshot> {
  const [version, info, containerList, df] = await Promise.all([
    reads.version ?? api.get('/version'),
    api.get('/info'),
    api.get('/containers/json', { all: true }),
    // Disk usage is the slowest and least vital read: its failure must not hide the rest.
    (reads.diskUsage ?? (() => api.get('/system/df')))().catch(() => null),
  ]);
  const infoRecord = (typeof info === 'object' && info !== null ? info : {}) as Record<string, unknown>;
  const containers = readContainers(containerList);
  return {
    hostId,
    summary: readDaemonSummary(version, info),
    storage: readStorage(typeof infoRecord.Driver === 'string' ? infoRecord.Driver : '', infoRecord.DriverStatus),
    diskUsage: df === null ? null : readDiskUsage(df),
    containers,
    counts: countContainers(containers),
    updatedAt: Date.now(),
  };
}

/** The containers with these ids, as `/containers/json` lists them (the ones that still exist). */
export async function readContainersById(api: DockerApi, ids: readonly string[]): Promise<ContainerSummary[]> {
  const list = await api.get('/containers/json', { all: true, filters: { id: [...ids] } });
  const wanted = new Set(ids);
  // The daemon's id filter matches prefixes: keep exact matches only.
  return readContainers(list).filter((container) => wanted.has(container.id));
}

/** Every container, as the snapshot lists them. */
export async function readAllContainers(api: DockerApi): Promise<ContainerSummary[]> {
  return readContainers(await api.get('/containers/json', { all: true }));
}

/** The snapshot with a new container list (and counts to match). */
export function withContainers(snapshot: HostSnapshot, containers: ContainerSummary[]): HostSnapshot {
  return { ...snapshot, containers, counts: countContainers(containers), updatedAt: Date.now() };
}
