import { readContainers } from '../../../shared/docker/containers';
import { readDiskUsage } from '../../../shared/docker/disk-usage';
import { readStorageFromInfo } from '../../../shared/docker/driver-status';
import { readDaemonSummary } from '../../../shared/docker/summary';
import type { ContainerSummary, DaemonSummary, DiskUsage, StorageReading } from '../../../shared/snapshot';
import loopLvmFullInfo from '../../../shared/docker/fixtures/devicemapper-loop-lvm-full-moby-26015.json';
import btrfsInfo from '../../../shared/docker/fixtures/lab/btrfs/info.json';
import tcpContainers from '../../../shared/docker/fixtures/lab/tcp/containers.json';
import tcpInfo from '../../../shared/docker/fixtures/lab/tcp/info.json';
import tcpDiskUsage from '../../../shared/docker/fixtures/lab/tcp/system-df.json';
import tcpVersion from '../../../shared/docker/fixtures/lab/tcp/version.json';

/*
 * The demo's daemon readings: the real parsers (shared/docker) run on the fixtures the parsers
 * are tested with (shared/docker/fixtures), so the demo shows exactly what Berth reads.
 */

/** devicemapper loop-lvm, pool 100 % full, 0 B available (moby/moby#26015). */
export const loopLvmFullStorage: StorageReading = readStorageFromInfo(loopLvmFullInfo);

/** overlay2 on ext4, read from the lab's dockerd 20.10.24. */
export const overlay2LabStorage: StorageReading = readStorageFromInfo(tcpInfo);

/** btrfs, read from the lab's dockerd 20.10.24. */
export const btrfsLabStorage: StorageReading = readStorageFromInfo(btrfsInfo);

/** /version and /info of the lab's tcp daemon. */
export const labSummary: DaemonSummary = readDaemonSummary(tcpVersion, tcpInfo);

/** /system/df of the lab's tcp daemon (legacy shape). */
export const labDiskUsage: DiskUsage = required(readDiskUsage(tcpDiskUsage), 'lab/tcp/system-df.json');

/** /containers/json?all=1 of the lab's tcp daemon. */
export const labContainers: ContainerSummary[] = readContainers(tcpContainers);

function required<T>(value: T | null, fixture: string): T {
  if (value === null) throw new Error(`The demo fixture ${fixture} is not a /system/df answer.`);
  return value;
}
