import type { ContainerSummary, HostSnapshot } from '../../shared/snapshot.js';
import { countContainers, readContainers } from '../../shared/docker/containers.js';
import { readDiskUsage } from '../../shared/docker/disk-usage.js';
import { readStorage } from '../../shared/docker/driver-status.js';
import { readDaemonSummary } from '../../shared/docker/summary.js';
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

/** Reads one container as `/containers/json` lists it; null when it no longer exists. */
export async function readContainer(api: DockerApi, id: string): Promise<ContainerSummary | null> {
  const list = await api.get('/containers/json', { all: true, filters: { id: [id] } });
  return readContainers(list).find((container) => container.id === id) ?? null;
}

/** Replaces, adds or (with null) removes one container in a snapshot. */
export function withContainer(snapshot: HostSnapshot, id: string, container: ContainerSummary | null): HostSnapshot {
  const others = snapshot.containers.filter((existing) => existing.id !== id);
  const containers = container ? [...others, container].sort((a, b) => b.created - a.created) : others;
  return { ...snapshot, containers, counts: countContainers(containers), updatedAt: Date.now() };
}
