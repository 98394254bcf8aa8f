import type { ContainerSummary, HostSnapshot } from '../../shared/snapshot';

/**
 * Structural sharing between two snapshots of the same host: every part of `next` that equals
 * the matching part of `prev` is replaced by `prev`'s object. A pushed snapshot arrives as fresh
 * objects (it crossed IPC); after sharing, memoized components (a container row, the daemon
 * panel) see the same reference when nothing they show changed, and skip rendering.
 */
export function shareSnapshot(prev: HostSnapshot | undefined, next: HostSnapshot): HostSnapshot {
  if (!prev || prev.hostId !== next.hostId) return next;
  const summary = share(prev.summary, next.summary);
  const storage = share(prev.storage, next.storage);
  const diskUsage = share(prev.diskUsage, next.diskUsage);
  const counts = share(prev.counts, next.counts);
  const containers = shareContainers(prev.containers, next.containers);
  if (
    summary === prev.summary &&
    storage === prev.storage &&
    diskUsage === prev.diskUsage &&
    counts === prev.counts &&
    containers === prev.containers &&
    next.updatedAt === prev.updatedAt
  ) {
    return prev;
  }
  return { ...next, summary, storage, diskUsage, counts, containers };
}

/** Containers matched by id (order may change when one is created or removed). */
export function shareContainers(prev: ContainerSummary[], next: ContainerSummary[]): ContainerSummary[] {
  const byId = new Map<string, ContainerSummary>();
  for (const container of prev) byId.set(container.id, container);
  let same = prev.length === next.length;
  const out = new Array<ContainerSummary>(next.length);
  for (let index = 0; index < next.length; index += 1) {
    const container = next[index]!;
    const old = byId.get(container.id);
    const shared = old ? share(old, container) : container;
    out[index] = shared;
    if (same && prev[index] !== shared) same = false;
  }
  return same ? prev : out;
}

/** `next` with every deep-equal part replaced by the one from `prev`; `prev` itself when equal. */
export function share<T>(prev: T, next: T): T {
  if (Object.is(prev, next)) return prev;
  if (typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) return next;
  // Most parts of a push are unchanged: checking first allocates nothing for them (10,000 containers).
  if (deepEqual(prev, next)) return prev;
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length;
    const out: unknown[] = new Array<unknown>(next.length);
    for (let index = 0; index < next.length; index += 1) {
      const value = index < prev.length ? share(prev[index] as unknown, next[index] as unknown) : (next[index] as unknown);
      out[index] = value;
      if (same && value !== prev[index]) same = false;
    }
    return (same ? prev : out) as T;
  }
  const prevRecord = prev as Record<string, unknown>;
  const nextRecord = next as Record<string, unknown>;
  const nextKeys = Object.keys(nextRecord);
  let same = nextKeys.length === Object.keys(prevRecord).length;
  const out: Record<string, unknown> = {};
  for (const key of nextKeys) {
    const value = Object.hasOwn(prevRecord, key) ? share(prevRecord[key], nextRecord[key]) : nextRecord[key];
    out[key] = value;
    if (same && (!Object.hasOwn(prevRecord, key) || value !== prevRecord[key])) same = false;
  }
  return (same ? prev : out) as T;
}

/** Plain JSON values (what crossed IPC) equal all the way down. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index += 1) if (!deepEqual(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    keys += 1;
    if (!Object.hasOwn(right, key) || !deepEqual(left[key], right[key])) return false;
  }
  for (const key in right) if (Object.hasOwn(right, key)) keys -= 1;
  return keys === 0;
}
