import type { ContainerSummary, HostSnapshot, SnapshotTruncation } from '../../shared/snapshot.js';
import { type ContainerList, addToCounts, countContainers, readContainerList, readContainers } from './docker/containers.js';
import { CutCounter, daemonLimits } from './docker/daemon-limits.js';
import { readDiskUsage } from './docker/disk-usage.js';
import { readStorage } from './docker/driver-status.js';
import { readDaemonSummary } from './docker/summary.js';
import type { DockerApi } from './transports/docker-api.js';

/** Reads everything a host's dashboard shows, in parallel, over the held connection. */
export async function readSnapshot(api: DockerApi, hostId: string): Promise<HostSnapshot> {
  const [version, info, containerList, df] = await Promise.all([
    api.get('/version'),
    api.get('/info'),
    api.get('/containers/json', { all: true }),
    // Disk usage is the slowest and least vital read: its failure must not hide the rest.
    api.get('/system/df').catch(() => null),
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

/** Reads one container as `/containers/json` lists it; null when it no longer exists. */
export async function readContainer(api: DockerApi, id: string): Promise<ContainerSummary | null> {
  const list = await api.get('/containers/json', { all: true, filters: { id: [id] } });
  return readContainers(list).find((container) => container.id === id) ?? null;
}

/**
 * Replaces, adds or (with null) removes one container in a snapshot, newest first. A snapshot
 * whose list was cut (`truncated.containers`) keeps at most as many containers as it held, and
 * its counts (which cover every listed container) change by what is known: a kept container's
 * old and new state, a new container's state. A change to a container that was cut, whose old
 * state Berth never kept, shows at the next full read.
 */
export function withContainer(snapshot: HostSnapshot, id: string, container: ContainerSummary | null): HostSnapshot {
  const cut = snapshot.truncated?.containers;
  const previous = snapshot.containers.find((existing) => existing.id === id);
  const others = previous ? snapshot.containers.filter((existing) => existing !== previous) : snapshot.containers;
  let containers = container ? [...others, container].sort((a, b) => b.created - a.created) : others;
  if (!cut && containers.length <= daemonLimits.containers) {
    return { ...snapshot, containers, counts: countContainers(containers), updatedAt: Date.now() };
  }
  const counts = { ...snapshot.counts };
  const oldest = snapshot.containers.at(-1);
  // Cut containers are older than every kept one (the daemon lists newest first).
  const isNew = !previous && container !== null && (!cut || oldest === undefined || container.created >= oldest.created);
  if (previous) addToCounts(counts, previous.state, -1);
  if (container && (previous || isNew)) addToCounts(counts, container.state, 1);
  if (!previous && !isNew) containers = others; // a container that was cut: it stays cut
  const keep = Math.min(snapshot.containers.length, daemonLimits.containers);
  if (containers.length > keep) containers = containers.slice(0, keep);
  const truncated: SnapshotTruncation = { ...snapshot.truncated, containers: { kept: containers.length, listed: counts.total } };
  return { ...snapshot, containers, counts, truncated, updatedAt: Date.now() };
}
