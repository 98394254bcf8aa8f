import { type HostCertificates, levelRank } from '../../../shared/certificate-health';
import type { FreeSpace } from '../../../shared/cleanup';
import type { HostView } from '../../../shared/host-view';
import { isProduction } from '../../../shared/profile';
import type { HostSnapshot, HostStatus } from '../../../shared/snapshot';
import { lastSeenOf } from '../../lib/host-store';
import { isLive } from '../../lib/host-status';
import { poolOf } from '../../lib/storage-pool';

/**
 * How full the storage under the daemon is: devicemapper's thin pool, or the filesystem of the
 * data root (df over SSH). Image bytes are no measure of it; hosts without either have none.
 */
export type StorageUse =
  | { kind: 'pool'; fraction: number | undefined; loopLvm: boolean }
  | { kind: 'root'; fraction: number; usedBytes: number; totalBytes: number; path: string }
  | { kind: 'unmeasured'; why: string }
  | null;

export interface FleetRow {
  host: HostView;
  id: string;
  name: string;
  production: boolean;
  status: HostStatus;
  engine: string | null;
  api: string | null;
  os: string | null;
  kernel: string | null;
  driver: string | null;
  usage: StorageUse;
  /** What a prune of everything unused would free, by the daemon's /system/df; null before the first reading. */
  reclaimable: number | null;
  running: number | null;
  total: number | null;
  lastSeenAt: number | null;
  /** TLS hosts: certificate health (undefined for other transports, or before the first check). */
  certificates: HostCertificates | undefined;
}

/**
 * Drift is what should match within a group of hosts: engine, API and kernel versions. Storage
 * drivers and OS releases often differ on purpose, so they are shown, never flagged.
 */
export type DriftColumn = 'engine' | 'api' | 'kernel';
export const DRIFT_COLUMNS: DriftColumn[] = ['engine', 'api', 'kernel'];

function storageUse(snapshot: HostSnapshot, freeSpace: FreeSpace | undefined): StorageUse {
  const pool = poolOf(snapshot.storage);
  if (pool) return { kind: 'pool', fraction: pool.dataUsedFraction, loopLvm: pool.loopLvm };
  if (!freeSpace) return null;
  switch (freeSpace.kind) {
    case 'measured':
      return {
        kind: 'root',
        fraction: freeSpace.usedFraction,
        usedBytes: freeSpace.usedBytes,
        totalBytes: freeSpace.totalBytes,
        path: freeSpace.path,
      };
    case 'unknown':
      return { kind: 'unmeasured', why: freeSpace.reason.message };
    case 'not-reported':
      return { kind: 'unmeasured', why: freeSpace.message };
  }
}

/** Reclaimable bytes over the four /system/df categories (each at most its size, as the chart shows it). */
export function reclaimableOf(snapshot: HostSnapshot | undefined): number | null {
  const usage = snapshot?.diskUsage;
  if (!usage) return null;
  return [usage.images, usage.containers, usage.volumes, usage.buildCache].reduce(
    (sum, category) => sum + Math.min(category.reclaimableBytes, category.sizeBytes),
    0,
  );
}

const textOrNull = (value: string) => (value === '' ? null : value);

export function fleetRow(host: HostView, snapshot: HostSnapshot | undefined, freeSpace?: FreeSpace): FleetRow {
  const summary = snapshot?.summary;
  return {
    host,
    id: host.profile.id,
    name: host.profile.name,
    production: isProduction(host.profile),
    status: host.status,
    engine: summary ? textOrNull(summary.serverVersion) : null,
    api: summary ? textOrNull(summary.apiVersion) : null,
    os: summary ? textOrNull(summary.os || summary.osType) : null,
    kernel: summary ? textOrNull(summary.kernelVersion) : null,
    driver: snapshot ? textOrNull(snapshot.storage.driver) : null,
    usage: snapshot ? storageUse(snapshot, freeSpace) : null,
    reclaimable: reclaimableOf(snapshot),
    running: snapshot ? snapshot.counts.running : null,
    total: snapshot ? snapshot.counts.total : null,
    lastSeenAt: lastSeenOf(host, snapshot),
    certificates: host.certificates,
  };
}

export interface Majority {
  value: string;
  count: number;
  /** How many hosts reported a value at all. */
  of: number;
}

/**
 * The value most hosts share, when there is a clear one (more hosts than any other value, and
 * at least two). Hosts with another value have drifted.
 */
export function majorityOf(values: ReadonlyArray<string | null>): Majority | null {
  const counts = new Map<string, number>();
  let of = 0;
  for (const value of values) {
    if (value === null) continue;
    of += 1;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (counts.size < 2) return null;
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = sorted;
  if (!first || first[1] < 2 || (second && second[1] === first[1])) return null;
  return { value: first[0], count: first[1], of };
}

export type Majorities = Record<DriftColumn, Majority | null>;

export function majorities(rows: readonly FleetRow[]): Majorities {
  return {
    engine: majorityOf(rows.map((row) => row.engine)),
    api: majorityOf(rows.map((row) => row.api)),
    kernel: majorityOf(rows.map((row) => row.kernel)),
  };
}

/** The group a host's versions are compared within: its first tag (untagged hosts form one group). */
export function driftGroupOf(row: FleetRow): string {
  return row.host.profile.tags[0] ?? '';
}

/** The majorities of each tag group, so a host drifts only from the hosts it is grouped with. */
export function groupMajorities(rows: readonly FleetRow[]): Map<string, Majorities> {
  const groups = new Map<string, FleetRow[]>();
  for (const row of rows) groups.set(driftGroupOf(row), [...(groups.get(driftGroupOf(row)) ?? []), row]);
  return new Map([...groups].map(([group, members]) => [group, majorities(members)]));
}

/** The columns in which a row differs from its group's majority. */
export function driftedColumns(row: FleetRow, majority: Majorities | undefined): DriftColumn[] {
  if (!majority) return [];
  return DRIFT_COLUMNS.filter((column) => row[column] !== null && majority[column] !== null && row[column] !== majority[column].value);
}

export type FleetSortKey =
  'name' | 'status' | 'engine' | 'api' | 'os' | 'driver' | 'usage' | 'reclaimable' | 'containers' | 'certificates' | 'lastSeen';
export interface FleetSort {
  key: FleetSortKey;
  direction: 'asc' | 'desc';
}

const STATUS_RANK: Record<HostStatus['state'], number> = {
  failed: 0,
  'needs-host-key-confirmation': 1,
  reconnecting: 2,
  connecting: 3,
  idle: 4,
  ready: 5,
};

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Pools and data roots sort together by how full they are. */
function usageValue(usage: StorageUse): number | null {
  if (!usage || usage.kind === 'unmeasured') return null;
  return usage.fraction ?? null;
}

function compareNullable<T>(a: T | null, b: T | null, compare: (a: T, b: T) => number): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compare(a, b);
}

const byText = (a: string | null, b: string | null) => compareNullable(a, b, (x, y) => collator.compare(x, y));
const byNumber = (a: number | null, b: number | null) => compareNullable(a, b, (x, y) => x - y);

const comparators: Record<FleetSortKey, (a: FleetRow, b: FleetRow) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  // Live before standby among ready hosts.
  status: (a, b) => STATUS_RANK[a.status.state] - STATUS_RANK[b.status.state] || Number(!isLive(a.status)) - Number(!isLive(b.status)),
  engine: (a, b) => byText(a.engine, b.engine),
  api: (a, b) => byText(a.api, b.api),
  os: (a, b) => byText(a.os, b.os) || byText(a.kernel, b.kernel),
  driver: (a, b) => byText(a.driver, b.driver),
  usage: (a, b) => byNumber(usageValue(a.usage), usageValue(b.usage)),
  reclaimable: (a, b) => byNumber(a.reclaimable, b.reclaimable),
  containers: (a, b) => byNumber(a.running, b.running) || byNumber(a.total, b.total),
  lastSeen: (a, b) => byNumber(a.lastSeenAt, b.lastSeenAt),
  // Worst first when descending: the level, then the fewest days left of any certificate.
  certificates: (a, b) => byNumber(certificateRank(a), certificateRank(b)),
};

function certificateRank(row: FleetRow): number | null {
  if (!row.certificates) return null;
  const soonest = Math.min(...row.certificates.entries.map((entry) => entry.daysLeft), 100_000);
  return levelRank(row.certificates.worst) * 1_000_000 - soonest;
}

/** Rows sorted; hosts without the figure stay last in both directions. */
export function sortFleet(rows: readonly FleetRow[], sort: FleetSort): FleetRow[] {
  const compare = comparators[sort.key];
  const factor = sort.direction === 'asc' ? 1 : -1;
  const missing = (row: FleetRow) => (sort.key === 'name' || sort.key === 'status' ? false : sortValueMissing(row, sort.key));
  return [...rows].sort((a, b) => {
    const ma = missing(a);
    const mb = missing(b);
    if (ma !== mb) return ma ? 1 : -1;
    return factor * compare(a, b) || collator.compare(a.name, b.name);
  });
}

function sortValueMissing(row: FleetRow, key: FleetSortKey): boolean {
  switch (key) {
    case 'engine':
      return row.engine === null;
    case 'api':
      return row.api === null;
    case 'os':
      return row.os === null;
    case 'driver':
      return row.driver === null;
    case 'usage':
      return usageValue(row.usage) === null;
    case 'reclaimable':
      return row.reclaimable === null;
    case 'containers':
      return row.total === null;
    case 'lastSeen':
      return row.lastSeenAt === null;
    case 'certificates':
      return row.certificates === undefined;
    default:
      return false;
  }
}
