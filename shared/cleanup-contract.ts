import { z } from 'zod';
import { type CleanupPreview, type FreeSpace, type PruneResult, cleanupKinds } from './cleanup.js';

/**
 * Cleanup's part of the contract (spread into shared/contract.ts).
 *
 * `cleanup:preview` reads the daemon's lists and answers, per kind, exactly what a prune would
 * remove and the bytes it frees. `cleanup:prune` is decided in main: READ_ONLY on a read-only
 * host before any request; on a host tagged `production` `confirmation` must be the host's name
 * (PRODUCTION_CONFIRMATION_REQUIRED / _MISMATCH). It prunes through the daemon's own endpoint
 * and filters (never a list of ids read earlier), appends an audit line, and answers the
 * daemon's report next to the preview read just before — or `unknown` when the connection
 * failed during the prune. `cleanup:free-space` measures the data root of SSH hosts with df.
 */

const hostId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const kind = z.enum(cleanupKinds);

export const cleanupInvokeSchemas = {
  'cleanup:preview': z
    .object({
      hostId,
      kinds: z
        .array(kind)
        .min(1)
        .max(cleanupKinds.length)
        .default([...cleanupKinds]),
      /** Volumes on API >= 1.42: named unused volumes too (the daemon's `all` filter). */
      includeNamedVolumes: z.boolean().default(false),
    })
    .strict(),
  'cleanup:prune': z
    .object({
      hostId,
      kind,
      includeNamedVolumes: z.boolean().default(false),
      /** What the operator typed: the host's name, on production hosts. */
      confirmation: z.string().max(300).optional(),
    })
    .strict(),
  'cleanup:free-space': z.object({ hostId }).strict(),
} as const;

export type CleanupInvokeChannel = keyof typeof cleanupInvokeSchemas;

export interface CleanupInvokeResults {
  'cleanup:preview': CleanupPreview;
  'cleanup:prune': PruneResult;
  'cleanup:free-space': FreeSpace;
}
