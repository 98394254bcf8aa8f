import type { ContainerSummary, HostSnapshot } from '../../../shared/snapshot.js';
import { isRecord } from '../../../shared/docker/json-read.js';

/** Bumped when the file's shape changes; a file of another version is set aside, never read as this one. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/** What `snapshots/<hostId>.json` holds. */
interface SnapshotFile {
  schemaVersion: number;
  hostId: string;
  /** When Berth wrote the file (the snapshot's own `updatedAt` says when the daemon was read). */
  savedAt: number;
  snapshot: HostSnapshot;
}

export type SnapshotDecode = { ok: true; snapshot: HostSnapshot } | { ok: false; reason: string };

/**
 * A snapshot as file text within `capBytes`. A larger one keeps its newest containers that fit
 * (the daemon's order is newest first) and says so in `truncated.containers`, as the parsers do
 * when a daemon lists more than Berth keeps; `counts` still cover every container. Null when not
 * even the snapshot without containers fits.
 */
export function encodeSnapshotFile(snapshot: HostSnapshot, savedAt: number, capBytes: number): string | null {
  const whole = serialise(snapshot, savedAt);
  if (Buffer.byteLength(whole) <= capBytes) return whole;
  const listed = snapshot.truncated?.containers?.listed ?? snapshot.containers.length;
  const empty = withKept(snapshot, [], listed);
  let size = Buffer.byteLength(serialise(empty, savedAt)) + String(listed).length;
  if (size > capBytes) return null;
  let kept = 0;
  for (const container of snapshot.containers) {
    // Its JSON and the comma before it.
    size += Buffer.byteLength(JSON.stringify(container)) + 1;
    if (size > capBytes) break;
    kept += 1;
  }
  return serialise(withKept(snapshot, snapshot.containers.slice(0, kept), listed), savedAt);
}

/**
 * Reads file text back, checking that it is a snapshot of `hostId` in the shape the renderer and
 * the search read (a structural check, not a re-validation of what the daemon said: Berth wrote it).
 */
export function decodeSnapshotFile(text: string, hostId: string): SnapshotDecode {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  if (!isRecord(file)) return { ok: false, reason: 'it does not hold a snapshot' };
  if (file.schemaVersion !== SNAPSHOT_SCHEMA_VERSION)
    return { ok: false, reason: `it has schema version ${String(file.schemaVersion)}, this Berth reads ${SNAPSHOT_SCHEMA_VERSION}` };
  if (file.hostId !== hostId) return { ok: false, reason: `it belongs to host "${String(file.hostId)}", not "${hostId}"` };
  const problem = snapshotProblem(file.snapshot, hostId);
  if (problem !== undefined) return { ok: false, reason: problem };
  return { ok: true, snapshot: asLastSeen(file.snapshot as HostSnapshot) };
}

/**
 * A restored snapshot's statuses read as the daemon worded them at its read ("Up 2 hours"): without
 * `statusSince` the views do not age them to now, as if the containers had kept running since.
 */
function asLastSeen(snapshot: HostSnapshot): HostSnapshot {
  if (!snapshot.containers.some((container) => container.statusSince !== undefined)) return snapshot;
  return { ...snapshot, containers: snapshot.containers.map(({ statusSince: _aged, ...container }) => container) };
}

function serialise(snapshot: HostSnapshot, savedAt: number): string {
  const file: SnapshotFile = { schemaVersion: SNAPSHOT_SCHEMA_VERSION, hostId: snapshot.hostId, savedAt, snapshot };
  return JSON.stringify(file);
}

function withKept(snapshot: HostSnapshot, containers: ContainerSummary[], listed: number): HostSnapshot {
  return { ...snapshot, containers, truncated: { ...snapshot.truncated, containers: { kept: containers.length, listed } } };
}

/** What is wrong with a stored snapshot, or undefined when its structure is sound. */
function snapshotProblem(value: unknown, hostId: string): string | undefined {
  if (!isRecord(value)) return 'it does not hold a snapshot';
  if (value.hostId !== hostId) return `its snapshot is of host "${String(value.hostId)}", not "${hostId}"`;
  if (!isFiniteNumber(value.updatedAt)) return 'its snapshot has no read time';
  if (!isRecord(value.summary) || !hasStrings(value.summary, ['serverVersion', 'apiVersion', 'os', 'name', 'dockerRootDir']))
    return 'its daemon summary is damaged';
  if (!isRecord(value.storage) || typeof value.storage.driver !== 'string' || !isRecord(value.storage.reading))
    return 'its storage reading is damaged';
  if (!Array.isArray(value.storage.status) || !Array.isArray(value.storage.warnings)) return 'its storage reading is damaged';
  if (value.diskUsage !== null && !isRecord(value.diskUsage)) return 'its disk usage is damaged';
  const counts = value.counts;
  if (!isRecord(counts) || !['total', 'running', 'paused', 'stopped'].every((key) => isFiniteNumber(counts[key])))
    return 'its container counts are damaged';
  if (!Array.isArray(value.containers)) return 'it has no container list';
  const broken = value.containers.findIndex((container) => !isContainer(container));
  if (broken >= 0) return `container ${broken + 1} of its list is damaged`;
  return undefined;
}

function isContainer(value: unknown): boolean {
  return (
    isRecord(value) &&
    hasStrings(value, ['id', 'image', 'state', 'status']) &&
    Array.isArray(value.names) &&
    value.names.every((name) => typeof name === 'string') &&
    Array.isArray(value.ports) &&
    isFiniteNumber(value.created) &&
    isRecord(value.labels)
  );
}

function hasStrings(record: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.every((key) => typeof record[key] === 'string');
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
