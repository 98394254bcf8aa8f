import type { ContainerSummary, HostSnapshot, SnapshotTruncation } from '../../shared/snapshot.js';
import { type ContainerList, addToCounts, countContainers, readContainerList, readContainers } from '../../shared/docker/containers.js';
import { CutCounter, daemonLimits } from '../../shared/docker/daemon-limits.js';
import { readDiskUsage } from '../../shared/docker/disk-usage.js';
import { readStorage } from '../../shared/docker/driver-status.js';
import { readDaemonSummary } from '../../shared/docker/summary.js';
import type { DockerApi } from './transports/docker-api.js';

/** Reads a session already holds or paces itself; each defaults to a plain request. */
export interface SnapshotReads {
  /** `/version` is constant for a connection: a session reads it once when it connects. */
  version?: Promise<unknown>;
  /** `/info`, when the caller needs it too (a session takes the daemon's identity from it; a standby read its clock). */
  info?: Promise<unknown>;
  /** `/system/df`, which dockerd refuses to run twice at once. */
  diskUsage?: () => Promise<unknown>;
}

/** Reads everything a host's dashboard shows, in parallel, over the held connection. */
export async function readSnapshot(api: DockerApi, hostId: string, reads: SnapshotReads = {}): Promise<HostSnapshot> {
  const [version, info, containerList, df] = await Promise.all([
    reads.version ?? api.get('/version'),
    reads.info ?? api.get('/info'),
    api.get('/containers/json', { all: true }),
    // Disk usage is the slowest and least vital read: its failure must not hide the rest.
    (reads.diskUsage ?? (() => api.get('/system/df')))().catch(() => null),
  ]);
  const infoRecord = (typeof info === 'object' && info !== null ? info : {}) as Record<string, unknown>;
  const list = readContainerList(containerList);
  const infoCuts = new CutCounter();
  const snapshot: HostSnapshot = {
    hostId,
    summary: readDaemonSummary(version, info, infoCuts),
    storage: readStorage(typeof infoRecord.Driver === 'string' ? infoRecord.Driver : '', infoRecord.DriverStatus, infoCuts),
    diskUsage: df === null ? null : readDiskUsage(df),
    containers: list.containers,
    counts: list.counts,
    updatedAt: Date.now(),
  };
  const truncated = truncationOf(list, infoCuts.count > 0);
  return truncated ? { ...snapshot, truncated } : snapshot;
}

function truncationOf(list: ContainerList, daemonInfoCut: boolean): SnapshotTruncation | undefined {
  const truncated: SnapshotTruncation = {};
  if (list.containers.length < list.listed) truncated.containers = { kept: list.containers.length, listed: list.listed };
  if (list.containersWithCutFields > 0) truncated.containersWithCutFields = list.containersWithCutFields;
  if (daemonInfoCut) truncated.daemonInfoCut = true;
  return Object.keys(truncated).length > 0 ? truncated : undefined;
}

/** The containers with these ids, as `/containers/json` lists them (the ones that still exist). */
export async function readContainersById(api: DockerApi, ids: readonly string[]): Promise<ContainerSummary[]> {
  const list = await api.get('/containers/json', { all: true, filters: { id: [...ids] } });
  const wanted = new Set(ids);
  // The daemon's id filter matches prefixes: keep exact matches only.
  return readContainers(list).filter((container) => wanted.has(container.id));
}

/** Every container, as the snapshot lists them (within the same maxima). */
export async function readAllContainers(api: DockerApi): Promise<ContainerSummary[]> {
  return readContainers(await api.get('/containers/json', { all: true }));
}

/**
 * The snapshot with a new container list (newest first). While nothing was cut the counts are
 * those of the list. A snapshot whose list was cut (`truncated.containers`), or a list grown past
 * `daemonLimits.containers`, keeps at most as many containers as it held, and its counts (which
 * cover every listed container) change by what is known: a held container that changed or went
 * away, a new one (newer than the oldest held). A change to a container that was cut, whose old
 * state Berth never kept, shows at the next full read (connect, refresh, reconnect).
 */
export function withContainers(snapshot: HostSnapshot, next: ContainerSummary[]): HostSnapshot {
  const cut = snapshot.truncated?.containers;
  if (!cut && next.length <= daemonLimits.containers) {
    return { ...snapshot, containers: next, counts: countContainers(next), updatedAt: Date.now() };
  }
  const counts = { ...snapshot.counts };
  const held = new Map(snapshot.containers.map((container) => [container.id, container]));
  const oldest = snapshot.containers.at(-1);
  // Cut containers are older than every held one (the daemon lists newest first): they stay cut.
  const known = next.filter((container) => held.has(container.id) || !cut || oldest === undefined || container.created >= oldest.created);
  const ids = new Set(known.map((container) => container.id));
  for (const [id, container] of held) if (!ids.has(id)) addToCounts(counts, container.state, -1);
  for (const container of known) {
    const previous = held.get(container.id);
    if (previous) addToCounts(counts, previous.state, -1);
    addToCounts(counts, container.state, 1);
  }
  const room = cut ? Math.min(snapshot.containers.length, daemonLimits.containers) : daemonLimits.containers;
  const containers = known.slice(0, room);
  const truncated: SnapshotTruncation = { ...snapshot.truncated, containers: { kept: containers.length, listed: counts.total } };
  return { ...snapshot, containers, counts, truncated, updatedAt: Date.now() };
}
