import { z } from 'zod';
import type { ContainerCounts, ContainerSummary, DiskUsage, SnapshotTruncation } from './snapshot.js';

/**
 * The large-fleet part of the contract (spread into shared/contract.ts).
 *
 * Connection policy: when more hosts are saved than Settings → Fleet `liveSessionLimit`, only the
 * hosts "in view" hold a live session (connection, `/events` stream, heartbeat); the others are on
 * standby: a light health read every `healthIntervalSeconds`, within a budget of open connections and
 * requests per second, and their last snapshot (persisted across restarts) is what the app shows.
 * In view = what any attached renderer names with `fleet:focus` (the selected host, pinned hosts,
 * recently used ones), plus hosts with an unacknowledged alert. A standby host is promoted to live
 * the moment it comes into view or an invoke names it.
 *
 * Patches: after the first full snapshot, main pushes changes, not whole snapshots: an event that
 * changes one container sends that one row (`host:containers-patch`), a disk-usage read sends only
 * the disk usage (`host:disk-usage`). A renderer holding no snapshot of that host ignores a patch
 * and asks for the snapshot (`hosts:snapshot`).
 */
const hostId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The most hosts one renderer may name as in view. */
export const MAX_FOCUSED_HOSTS = 500;

export const fleetInvokeSchemas = {
  /** The hosts this renderer has in view (selected, pinned, recently used); replaces what it named before. */
  'fleet:focus': z.object({ hostIds: z.array(hostId).max(MAX_FOCUSED_HOSTS) }).strict(),
} as const;

export type FleetInvokeChannel = keyof typeof fleetInvokeSchemas;

export interface FleetInvokeResults {
  'fleet:focus': null;
}

/** Containers that changed since the snapshot (or patch) the renderer holds for this host. */
export interface ContainersPatch {
  hostId: string;
  /** New or changed containers, whole rows. */
  upserted: ContainerSummary[];
  /** Ids of containers that are gone. */
  removed: string[];
  /** The host's counts after the change. */
  counts: ContainerCounts;
  /** The snapshot's truncation after the change (absent: nothing cut). */
  truncated?: SnapshotTruncation;
  /** The snapshot's updatedAt after the change; a renderer drops a patch older than what it holds. */
  updatedAt: number;
}

export interface FleetPushEvents {
  'host:containers-patch': ContainersPatch;
  'host:disk-usage': { hostId: string; diskUsage: DiskUsage | null; updatedAt: number };
}
