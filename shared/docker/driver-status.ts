import type { DriverReading, StorageReading, StorageWarning, ThinPoolReading } from '../snapshot.js';
import { CutCounter, daemonLimits } from './daemon-limits.js';
import { field } from './json-read.js';
import { parseDecimalSize } from './sizes.js';
import { storageWarnings } from './storage-warnings.js';

/**
 * `GET /info` returns `Driver` and `DriverStatus`: label/value pairs, formatted exactly as
 * `docker info` prints them under "Storage Driver". This module keeps the pairs and reads the
 * ones each driver is known to report.
 */

type Pairs = Array<[string, string]>;

interface StatusPairs {
  pairs: Pairs;
  /** Entries that were not `[label, value]` string pairs; they are left out of `pairs`. */
  unreadable: number;
  /** The status was neither a list nor null (null is what Go sends for no status at all). */
  notAnArray: boolean;
}

/** The first `daemonLimits.infoListEntries` pairs, labels and values cut to `daemonLimits.textChars`. */
function readStatusPairs(driverStatus: unknown, cuts: CutCounter): StatusPairs {
  if (driverStatus === null || driverStatus === undefined) {
    return { pairs: [], unreadable: 0, notAnArray: false };
  }
  if (!Array.isArray(driverStatus)) return { pairs: [], unreadable: 0, notAnArray: true };
  const pairs: Pairs = [];
  let unreadable = 0;
  for (const entry of driverStatus) {
    if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && typeof entry[1] === 'string') {
      if (pairs.length === daemonLimits.infoListEntries) {
        cuts.mark();
        break;
      }
      pairs.push([cuts.text(entry[0], daemonLimits.textChars), cuts.text(entry[1], daemonLimits.textChars)]);
    } else {
      unreadable += 1;
    }
  }
  return { pairs, unreadable, notAnArray: false };
}

/** Labels compared without case and with runs of blanks folded: "Data file" = "Data File". */
function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Reads labelled values; when a label repeats, the first one counts. */
class StatusLookup {
  private readonly values = new Map<string, string>();

  constructor(pairs: Pairs) {
    for (const [label, value] of pairs) {
      const key = normaliseLabel(label);
      if (!this.values.has(key)) this.values.set(key, value.trim());
    }
  }

  /** The value, or undefined when absent or blank. */
  text(label: string): string | undefined {
    const value = this.values.get(normaliseLabel(label));
    return value === undefined || value === '' ? undefined : value;
  }

  size(label: string): number | undefined {
    return parseDecimalSize(this.text(label));
  }

  flag(label: string): boolean | undefined {
    const value = this.text(label)?.toLowerCase();
    if (value === 'true') return true;
    if (value === 'false') return false;
    return undefined;
  }

  integer(label: string): number | undefined {
    const value = this.text(label);
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  }
}

function fraction(used: number | undefined, total: number | undefined): number | undefined {
  return used !== undefined && total !== undefined && total > 0 ? used / total : undefined;
}

/** `T` with every key that may hold undefined made optional instead. */
type Compacted<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops keys whose value is undefined, so readings compare and serialise cleanly. */
function compact<T extends object>(value: T): Compacted<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Compacted<T>;
}

function readThinPool(lookup: StatusLookup): ThinPoolReading {
  const dataFile = lookup.text('Data file');
  const dataLoopFile = lookup.text('Data loop file');
  const metadataLoopFile = lookup.text('Metadata loop file');
  const dataUsed = lookup.size('Data Space Used');
  const dataTotal = lookup.size('Data Space Total');
  const metadataUsed = lookup.size('Metadata Space Used');
  const metadataTotal = lookup.size('Metadata Space Total');
  return compact({
    poolName: lookup.text('Pool Name'),
    poolBlocksize: lookup.size('Pool Blocksize'),
    baseDeviceSize: lookup.size('Base Device Size'),
    backingFilesystem: lookup.text('Backing Filesystem'),
    dataFile,
    metadataFile: lookup.text('Metadata file'),
    dataLoopFile,
    metadataLoopFile,
    // Old engines report the loop device as the data file without a separate loop-file line.
    loopLvm: dataLoopFile !== undefined || metadataLoopFile !== undefined || /^\/dev\/loop\d+$/.test(dataFile ?? ''),
    dataUsed,
    dataTotal,
    dataAvailable: lookup.size('Data Space Available'),
    metadataUsed,
    metadataTotal,
    metadataAvailable: lookup.size('Metadata Space Available'),
    dataUsedFraction: fraction(dataUsed, dataTotal),
    metadataUsedFraction: fraction(metadataUsed, metadataTotal),
    thinPoolMinimumFreeSpace: lookup.size('Thin Pool Minimum Free Space'),
    udevSyncSupported: lookup.flag('Udev Sync Supported'),
    deferredRemovalEnabled: lookup.flag('Deferred Removal Enabled'),
    deferredDeletionEnabled: lookup.flag('Deferred Deletion Enabled'),
    deferredDeletedDeviceCount: lookup.integer('Deferred Deleted Device Count'),
    libraryVersion: lookup.text('Library Version'),
  });
}

function readDriver(driver: string, lookup: StatusLookup): DriverReading {
  switch (driver) {
    case 'overlay2':
    case 'overlay':
      return compact({
        driver,
        backingFilesystem: lookup.text('Backing Filesystem'),
        supportsDType: lookup.flag('Supports d_type'),
        nativeOverlayDiff: lookup.flag('Native Overlay Diff'),
        userxattr: lookup.flag('userxattr'),
      });
    case 'devicemapper':
      return { driver, pool: readThinPool(lookup) };
    case 'btrfs':
      return compact({
        driver,
        buildVersion: lookup.text('Build Version'),
        libraryVersion: lookup.integer('Library Version'),
      });
    case 'zfs': {
      const space = compact({
        used: lookup.size('Space Used By Parent'),
        available: lookup.size('Space Available'),
      });
      return compact({
        driver,
        zpool: lookup.text('Zpool'),
        zpoolHealth: lookup.text('Zpool Health'),
        parentDataset: lookup.text('Parent Dataset'),
        space: Object.keys(space).length > 0 ? space : undefined,
        parentQuota: lookup.text('Parent Quota'),
        compression: lookup.text('Compression'),
      });
    }
    case 'aufs':
      return compact({
        driver,
        rootDir: lookup.text('Root Dir'),
        backingFilesystem: lookup.text('Backing Filesystem'),
        dirs: lookup.integer('Dirs'),
        dirperm1Supported: lookup.flag('Dirperm1 Supported'),
      });
    case 'vfs':
      return { driver };
    default:
      return { driver: 'other', name: driver };
  }
}

function unreadableWarning(status: StatusPairs): StorageWarning[] {
  if (!status.notAnArray && status.unreadable === 0) return [];
  const what = status.notAnArray
    ? 'The daemon sent a storage driver status that is not a list'
    : `${status.unreadable} storage driver status ${status.unreadable === 1 ? 'entry was' : 'entries were'} not label/value pairs and ${status.unreadable === 1 ? 'was' : 'were'} skipped`;
  return [
    {
      level: 'info',
      code: 'UNREADABLE_STATUS',
      message: `${what}; the storage figures shown may be incomplete. Compare with \`docker info\` on the host.`,
    },
  ];
}

/**
 * The storage reading for a daemon: the raw pairs in order, a typed reading for the drivers
 * Berth knows, and warnings an operator should act on. Never throws.
 */
/** `cuts` counts the texts and pairs cut to Berth's maxima (see readStatusPairs). */
export function readStorage(driver: unknown, driverStatus: unknown, cuts = new CutCounter()): StorageReading {
  const name = typeof driver === 'string' ? cuts.text(driver.trim(), daemonLimits.shortTextChars) : '';
  const status = readStatusPairs(driverStatus, cuts);
  const reading = readDriver(name, new StatusLookup(status.pairs));
  const pool = reading.driver === 'devicemapper' ? reading.pool : undefined;
  const warnings = [...storageWarnings(reading), ...unreadableWarning(status)];
  return pool ? { driver: name, status: status.pairs, reading, pool, warnings } : { driver: name, status: status.pairs, reading, warnings };
}

/** Convenience for a whole `/info` body. */
export function readStorageFromInfo(info: unknown): StorageReading {
  return readStorage(field(info, 'Driver'), field(info, 'DriverStatus'));
}
