import { z } from 'zod';
import type { ImageSummary } from './docker/images.js';
import type { ErrorEnvelope } from './errors.js';

/**
 * The fleet search's part of the contract (spread into shared/contract.ts). Containers come
 * with the hosts' snapshots, which the renderer already holds; images are not in a snapshot, so
 * main keeps each ready host's `/images/json` (ImageCatalog, bounded by imageLimits) and answers
 * `search:images` with the hosts whose list changed since the versions the renderer holds.
 * `images:changed` says a host's list may have changed (an image event, a host that came up):
 * ask again while searching.
 */
const hostId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const searchInvokeSchemas = {
  'search:images': z
    .object({
      /** hostId → the version the renderer holds; hosts left out are sent whole. */
      known: z.record(hostId, z.number().int().min(0)).refine((known) => Object.keys(known).length <= 10_000, 'at most 10,000 hosts'),
    })
    .strict(),
} as const;

export type SearchInvokeChannel = keyof typeof searchInvokeSchemas;

export type HostImages =
  { hostId: string; version: number; images: ImageSummary[]; listed: number } | { hostId: string; version: number; error: ErrorEnvelope };

export interface ImagesAnswer {
  /** Hosts whose images differ from the versions given. */
  changed: HostImages[];
  /** Host ids the renderer named that have no image list any more (removed hosts). */
  gone: string[];
  /** Set when changed hosts were left out to keep the answer within MAX_IMAGES_ANSWER_BYTES: ask again. */
  more?: true;
}

/** About the largest `search:images` answer main sends (well below the browser shell's 16 MB message limit). */
export const MAX_IMAGES_ANSWER_BYTES = 8 * 1024 * 1024;

export interface SearchInvokeResults {
  'search:images': ImagesAnswer;
}

export interface SearchPushEvents {
  'images:changed': { hostId: string };
}
