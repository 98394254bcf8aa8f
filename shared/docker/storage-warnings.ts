import type { DriverReading, StorageWarning, StorageWarningLevel, ThinPoolReading } from '../snapshot.js';
import { formatBytes } from '../format.js';

/**
 * What an operator should act on in a storage reading. Every message says what is wrong and
 * what to do about it.
 */

/** Pool usage (used / total) from which Berth warns, and from which it is critical. */
export const POOL_WARNING_FRACTION = 0.8;
export const POOL_CRITICAL_FRACTION = 0.9;

const REMOVED_IN: Readonly<Record<string, string>> = {
  aufs: 'Docker Engine 24',
  overlay: 'Docker Engine 24',
  devicemapper: 'Docker Engine 25',
};

const MIGRATE =
  'Plan a migration to overlay2: save what cannot be pulled or rebuilt (docker save, volume backups), ' +
  'set "storage-driver": "overlay2" in /etc/docker/daemon.json and restart the daemon; ' +
  'images and containers of the old driver stay on disk but are no longer visible, so pull or rebuild them.';

function percent(value: number): string {
  return `${Math.floor(value * 1000) / 10} %`;
}

function removedDriverWarning(driver: string): StorageWarning[] {
  const removedIn = REMOVED_IN[driver];
  if (!removedIn) return [];
  return [
    {
      level: 'warning',
      code: 'DRIVER_REMOVED',
      message:
        `The ${driver} storage driver was removed in ${removedIn}: this host cannot upgrade its engine past that ` +
        `release while it uses ${driver}. ${MIGRATE}`,
    },
  ];
}

function dTypeWarning(reading: DriverReading): StorageWarning[] {
  if ((reading.driver !== 'overlay2' && reading.driver !== 'overlay') || reading.supportsDType !== false) return [];
  const fs = reading.backingFilesystem ?? 'backing';
  const fix =
    fs === 'xfs'
      ? 'Move the Docker root to an xfs filesystem formatted with d_type (mkfs.xfs -n ftype=1; check with xfs_info: ftype=1)'
      : 'Move the Docker root to a filesystem with d_type support (ext4, or xfs formatted with -n ftype=1)';
  return [
    {
      level: 'critical',
      code: 'D_TYPE_UNSUPPORTED',
      message:
        `${reading.driver} runs on a ${fs} filesystem without d_type support: files can disappear or ` +
        `reappear inside containers, and current Docker Engine refuses to start on it. ${fix}, then ` +
        `restart the daemon and pull or rebuild the images.`,
    },
  ];
}

function levelFor(usedFraction: number | undefined): StorageWarningLevel | undefined {
  if (usedFraction === undefined) return undefined;
  if (usedFraction >= POOL_CRITICAL_FRACTION) return 'critical';
  if (usedFraction >= POOL_WARNING_FRACTION) return 'warning';
  return undefined;
}

function poolUsageWarnings(pool: ThinPoolReading): StorageWarning[] {
  const warnings: StorageWarning[] = [];
  const name = pool.poolName ? ` "${pool.poolName}"` : '';
  const dataLevel = levelFor(pool.dataUsedFraction);
  if (dataLevel && pool.dataUsed !== undefined && pool.dataTotal !== undefined && pool.dataUsedFraction !== undefined) {
    warnings.push({
      level: dataLevel,
      code: 'POOL_DATA_HIGH',
      message:
        `Thin pool${name} data space is ${percent(pool.dataUsedFraction)} used (${formatBytes(pool.dataUsed)} of ` +
        `${formatBytes(pool.dataTotal)}). When it fills, containers fail with "no space left on device". ` +
        (pool.loopLvm
          ? 'Remove unused images and containers (docker system prune) and free space on the filesystem holding the loop files.'
          : 'Remove unused images and containers (docker system prune) or extend the pool (lvextend on the thin pool, or enable autoextend in its LVM profile).'),
    });
  }
  const metadataLevel = levelFor(pool.metadataUsedFraction);
  if (metadataLevel && pool.metadataUsed !== undefined && pool.metadataTotal !== undefined && pool.metadataUsedFraction !== undefined) {
    warnings.push({
      level: metadataLevel,
      code: 'POOL_METADATA_HIGH',
      message:
        `Thin pool${name} metadata space is ${percent(pool.metadataUsedFraction)} used (${formatBytes(pool.metadataUsed)} of ` +
        `${formatBytes(pool.metadataTotal)}). A full metadata device can corrupt the pool. ` +
        'Remove unused images and containers (docker system prune) and extend the metadata volume (lvextend --poolmetadatasize).',
    });
  }
  if (
    pool.dataAvailable !== undefined &&
    pool.thinPoolMinimumFreeSpace !== undefined &&
    pool.dataAvailable < pool.thinPoolMinimumFreeSpace
  ) {
    warnings.push({
      level: 'critical',
      code: 'POOL_BELOW_MIN_FREE_SPACE',
      message:
        `Thin pool${name} has ${formatBytes(pool.dataAvailable)} of data space available, below its minimum free space ` +
        `of ${formatBytes(pool.thinPoolMinimumFreeSpace)}: the daemon refuses to create containers and pull images. ` +
        (pool.loopLvm
          ? 'Free space on the filesystem holding the loop files and remove unused images and containers (docker system prune).'
          : 'Remove unused images and containers (docker system prune) or extend the thin pool (lvextend).'),
    });
  }
  return warnings;
}

function loopLvmWarning(pool: ThinPoolReading): StorageWarning[] {
  if (!pool.loopLvm) return [];
  const files = [pool.dataLoopFile, pool.metadataLoopFile].filter((file) => file !== undefined);
  const where = files.length > 0 ? ` (${files.join(', ')})` : '';
  return [
    {
      level: 'warning',
      code: 'LOOP_LVM',
      message:
        `devicemapper runs in loop-lvm mode: its thin pool lives in sparse loopback files${where}. That is only fit ` +
        'for testing: it is slow and can fill the filesystem underneath without warning. direct-lvm is the production ' +
        'mode (a dedicated block device as an LVM thin pool, dm.directlvm_device or dm.thinpooldev); better still, migrate to overlay2.',
    },
  ];
}

export function storageWarnings(reading: DriverReading): StorageWarning[] {
  if (reading.driver === 'devicemapper') {
    return [...poolUsageWarnings(reading.pool), ...loopLvmWarning(reading.pool), ...removedDriverWarning('devicemapper')];
  }
  if (reading.driver === 'other' || reading.driver === 'vfs' || reading.driver === 'btrfs' || reading.driver === 'zfs') {
    return [];
  }
  return [...dTypeWarning(reading), ...removedDriverWarning(reading.driver)];
}
