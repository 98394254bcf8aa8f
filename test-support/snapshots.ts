import type { HostSnapshot } from '../shared/snapshot.js';

/** How a stored snapshot reads once restored: statuses as worded at the read, not aged to now (no statusSince). */
export function asLastSeen(snapshot: HostSnapshot): HostSnapshot {
  return { ...snapshot, containers: snapshot.containers.map(({ statusSince: _aged, ...container }) => container) };
}
