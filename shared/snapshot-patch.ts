import type { ContainersPatch, FleetPushEvents } from './fleet-contract.js';
import type { ContainerSummary, HostSnapshot } from './snapshot.js';

export type DiskUsagePatch = FleetPushEvents['host:disk-usage'];

/** A change to one host's snapshot, as main pushes it instead of the whole snapshot. */
export type SnapshotPatch =
  { channel: 'host:containers-patch'; payload: ContainersPatch } | { channel: 'host:disk-usage'; payload: DiskUsagePatch };

/**
 * Keeps the parts of a new value that equal the old one (the renderer passes its structural
 * sharing, so an untouched row keeps its object); main passes nothing and takes the new value.
 */
export type KeepEqual = <T>(prev: T, next: T) => T;
const takeNext: KeepEqual = (_prev, next) => next;

/**
 * The rows that differ between two container lists, matched by id: new or changed rows whole,
 * gone ones by id. Lists are walked side by side first: a row at the same place with the same id
 * (every untouched row after a read by id, which are the same objects) needs no lookup; only the
 * rest (rows added, removed or moved) goes through a map. Linear in the lists' length.
 */
export function diffContainers(
  prev: readonly ContainerSummary[],
  next: readonly ContainerSummary[],
): { upserted: ContainerSummary[]; removed: string[] } {
  const upserted: ContainerSummary[] = [];
  const unmatched = new Map<string, ContainerSummary>();
  const candidates: ContainerSummary[] = [];
  const changed = (old: ContainerSummary | undefined, row: ContainerSummary) => old === undefined || (old !== row && !sameJson(old, row));
  for (let index = 0; index < Math.max(prev.length, next.length); index += 1) {
    const old = prev[index];
    const row = next[index];
    if (old !== undefined && row !== undefined && old.id === row.id) {
      if (changed(old, row)) upserted.push(row);
      continue;
    }
    if (old !== undefined) unmatched.set(old.id, old);
    if (row !== undefined) candidates.push(row);
  }
  for (const row of candidates) {
    const old = unmatched.get(row.id);
    unmatched.delete(row.id);
    if (changed(old, row)) upserted.push(row);
  }
  return { upserted, removed: [...unmatched.keys()] };
}

/** What turns `prev` into `next` (a later snapshot of the same host) as a containers patch. */
export function containersPatchOf(prev: HostSnapshot, next: HostSnapshot): ContainersPatch {
  return {
    hostId: next.hostId,
    ...diffContainers(prev.containers, next.containers),
    counts: next.counts,
    ...(next.truncated ? { truncated: next.truncated } : {}),
    updatedAt: next.updatedAt,
  };
}

/**
 * `snapshot` with the patch applied. Untouched rows keep their object and their place; a changed
 * row takes its place; a new row goes before the first row created before it (lists are newest
 * first, and a new container sorts ahead of one created in the same second). Main keeps its own
 * snapshot as exactly this result, so a renderer applying the same patch holds the same rows in
 * the same order. Applying a patch twice gives the same snapshot.
 */
export function applyContainersPatch(snapshot: HostSnapshot, patch: ContainersPatch, keep: KeepEqual = takeNext): HostSnapshot {
  const removed = new Set(patch.removed);
  const fresh = new Map<string, ContainerSummary>();
  for (const row of patch.upserted) if (!removed.has(row.id)) fresh.set(row.id, row);
  const kept: ContainerSummary[] = [];
  for (const row of snapshot.containers) {
    if (removed.has(row.id)) continue;
    const update = fresh.get(row.id);
    fresh.delete(row.id);
    kept.push(update === undefined ? row : keep(row, update));
  }
  const added = [...fresh.values()].sort((a, b) => b.created - a.created);
  const containers: ContainerSummary[] = [];
  let next = 0;
  for (const row of kept) {
    while (next < added.length && added[next]!.created >= row.created) containers.push(added[next++]!);
    containers.push(row);
  }
  while (next < added.length) containers.push(added[next++]!);
  const { truncated: _previous, ...rest } = snapshot;
  const truncated = patch.truncated === undefined ? undefined : keep(snapshot.truncated, patch.truncated);
  return {
    ...rest,
    containers,
    counts: keep(snapshot.counts, patch.counts),
    ...(truncated ? { truncated } : {}),
    updatedAt: patch.updatedAt,
  };
}

/** `snapshot` with the disk usage of a `host:disk-usage` push. */
export function applyDiskUsage(snapshot: HostSnapshot, patch: DiskUsagePatch, keep: KeepEqual = takeNext): HostSnapshot {
  return { ...snapshot, diskUsage: keep(snapshot.diskUsage, patch.diskUsage), updatedAt: patch.updatedAt };
}

export function applySnapshotPatch(snapshot: HostSnapshot, patch: SnapshotPatch, keep: KeepEqual = takeNext): HostSnapshot {
  return patch.channel === 'host:containers-patch'
    ? applyContainersPatch(snapshot, patch.payload, keep)
    : applyDiskUsage(snapshot, patch.payload, keep);
}

export function isSnapshotPatch(message: { channel: string }): message is SnapshotPatch {
  return message.channel === 'host:containers-patch' || message.channel === 'host:disk-usage';
}

/** Deep equality of JSON-shaped values (what crosses IPC): key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, index) => sameJson(value, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]));
}
