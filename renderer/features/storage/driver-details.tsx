import type { ReactNode } from 'react';
import type { DriverReading } from '../../../shared/snapshot';
import { formatBytes } from '../../lib/format';

function yesNo(value: boolean | undefined, { badWhenFalse = false } = {}): ReactNode {
  if (value === undefined) return '–';
  return <span className={!value && badWhenFalse ? 'text-critical' : undefined}>{value ? 'yes' : 'no'}</span>;
}

/** What Berth read from DriverStatus for this driver, as labelled facts. */
export function driverFacts(reading: DriverReading): Array<[string, ReactNode]> {
  switch (reading.driver) {
    case 'overlay2':
    case 'overlay':
      return [
        ['Backing filesystem', reading.backingFilesystem ?? '–'],
        ['Supports d_type', yesNo(reading.supportsDType, { badWhenFalse: true })],
        ['Native overlay diff', yesNo(reading.nativeOverlayDiff)],
        ['userxattr', yesNo(reading.userxattr)],
      ];
    case 'devicemapper':
      return [
        ['Mode', reading.pool.loopLvm ? 'loop-lvm (testing only)' : 'direct-lvm'],
        ['Backing filesystem', reading.pool.backingFilesystem ?? '–'],
        ['Udev sync', yesNo(reading.pool.udevSyncSupported, { badWhenFalse: true })],
        ['Deferred removal', yesNo(reading.pool.deferredRemovalEnabled)],
        ['Deferred deletion', yesNo(reading.pool.deferredDeletionEnabled)],
        ['Library version', reading.pool.libraryVersion ?? '–'],
      ];
    case 'btrfs':
      return [
        ['Build version', reading.buildVersion ?? '–'],
        ['Library version', reading.libraryVersion ?? '–'],
      ];
    case 'zfs':
      return [
        ['Zpool', reading.zpool ?? '–'],
        [
          'Zpool health',
          <span className={reading.zpoolHealth && reading.zpoolHealth !== 'ONLINE' ? 'text-critical' : undefined}>
            {reading.zpoolHealth ?? '–'}
          </span>,
        ],
        ['Parent dataset', reading.parentDataset ?? '–'],
        ['Space used', reading.space?.used !== undefined ? formatBytes(reading.space.used) : '–'],
        ['Space available', reading.space?.available !== undefined ? formatBytes(reading.space.available) : '–'],
        ['Parent quota', reading.parentQuota ?? '–'],
        ['Compression', reading.compression ?? '–'],
      ];
    case 'aufs':
      return [
        ['Root dir', reading.rootDir ?? '–'],
        ['Backing filesystem', reading.backingFilesystem ?? '–'],
        ['Dirs', reading.dirs ?? '–'],
        ['Dirperm1 supported', yesNo(reading.dirperm1Supported)],
      ];
    case 'vfs':
      return [['Copy-on-write', 'none: every layer is a full copy (slow, large; for testing)']];
    case 'other':
      return [];
  }
}
