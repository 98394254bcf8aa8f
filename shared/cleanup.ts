import type { ErrorEnvelope } from './errors.js';

/**
 * Cleanup: what a prune of each kind would remove (the preview, computed from the daemon's own
 * data by the daemon's own rules), what it did remove (the daemon's report), and the free space
 * on the daemon's data root. Channels are in shared/cleanup-contract.ts.
 */

export const cleanupKinds = ['containers', 'dangling-images', 'unused-images', 'volumes', 'networks', 'build-cache'] as const;
export type CleanupKind = (typeof cleanupKinds)[number];

export const cleanupKindLabels: Readonly<Record<CleanupKind, string>> = {
  containers: 'Stopped containers',
  'dangling-images': 'Dangling images',
  'unused-images': 'All unused images',
  volumes: 'Unused volumes',
  networks: 'Unused networks',
  'build-cache': 'Build cache',
};

/** One object a prune would remove. */
export interface PruneCandidate {
  /** The daemon's id (volumes: their name). */
  id: string;
  /** What an operator recognises: container name, repo:tag (or the short id), volume or network name. */
  name: string;
  /** Bytes its removal frees; null when the daemon did not compute it (e.g. a volume driver other than local). */
  bytes: number | null;
  /** A short fact: the container's state, "anonymous", the network's driver, the cache type. */
  detail?: string;
}

/** Items listed per kind at most; the totals always cover every candidate. */
export const PREVIEW_ITEMS_MAX = 2_000;

export interface KindPreview {
  kind: CleanupKind;
  /** The candidates, at most PREVIEW_ITEMS_MAX of them. */
  items: PruneCandidate[];
  /** How many objects the prune would remove (may exceed items.length). */
  count: number;
  /** Bytes freed, summed over candidates whose size is known. */
  bytes: number;
  /** Candidates whose size the daemon did not report (not in `bytes`). */
  unknownSizes: number;
  /** How the figures were reached or what the daemon decides on its own (shown under the list). */
  notes: string[];
}

export interface CleanupPreview {
  hostId: string;
  /** ms since epoch: when the daemon's data was read. */
  readAt: number;
  /** The API version the daemon answers Berth's requests with (it decides e.g. which volumes prune takes). */
  apiVersion: string;
  kinds: KindPreview[];
  /** Total bytes over the kinds (unused images include the dangling ones, counted once). */
  totalBytes: number;
}

/** What the daemon said its prune removed. */
export interface PruneReport {
  /** Names or ids as the daemon reported them (images: "untagged: repo:tag" / "deleted: sha256:…"). */
  removed: string[];
  /** How many the daemon reported (removed may be cut at PREVIEW_ITEMS_MAX). */
  removedCount: number;
  /** SpaceReclaimed; null for networks (the daemon reports no bytes for them). */
  reclaimedBytes: number | null;
}

export type PruneResult =
  | {
      outcome: 'done';
      kind: CleanupKind;
      /** The preview read right before the prune. */
      preview: KindPreview;
      report: PruneReport;
    }
  | {
      /** The connection failed while the prune ran: what happened is not known, and not guessed. */
      outcome: 'unknown';
      kind: CleanupKind;
      preview: KindPreview;
      error: ErrorEnvelope;
      /** The same kind re-read once the host answered again, or null when it did not in time. */
      after: KindPreview | null;
      afterError?: ErrorEnvelope;
    };

export type FreeSpaceLevel = 'ok' | 'warning' | 'critical';

/** Warning at 80 % used, critical at 90 % (as the thin-pool warnings). */
export function freeSpaceLevel(usedFraction: number): FreeSpaceLevel {
  if (usedFraction >= 0.9) return 'critical';
  if (usedFraction >= 0.8) return 'warning';
  return 'ok';
}

export type FreeSpace =
  | {
      kind: 'measured';
      /** DockerRootDir, as /info reports it. */
      path: string;
      filesystem: string;
      mountedOn: string;
      totalBytes: number;
      usedBytes: number;
      availableBytes: number;
      /** used / (used + available), as df computes its Capacity. */
      usedFraction: number;
      level: FreeSpaceLevel;
      /** How it was read, e.g. "df -B1 -P over SSH". */
      source: string;
      readAt: number;
    }
  | { kind: 'unknown'; path: string | null; reason: ErrorEnvelope }
  /** tcp/TLS/socket hosts: the Engine API has no free-space figure (moby#35629). */
  | { kind: 'not-reported'; message: string };

export const FREE_SPACE_NOT_REPORTED =
  'The Docker Engine API does not report free space on the data root (moby/moby#35629), and Berth has no shell on this host. Free space is measured for SSH hosts only.';
