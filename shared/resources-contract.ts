import { z } from 'zod';
import { logTimeSchema } from './containers-contract.js';
import {
  type ImageRow,
  type NetworkRow,
  type ResourceList,
  type ResourceRemoval,
  type ResourcesChanged,
  resourceKinds,
} from './resources.js';

/**
 * The resource views' part of the contract (spread into shared/contract.ts): images, volumes,
 * networks and compose projects of one host.
 *
 * Lists are read on demand (`*:list`); `resources:changed` tells every client which kinds changed
 * on a host after the daemon's events (coalesced in main), so an open view reads again instead of
 * polling. Compose projects come from the snapshot's containers (shared/compose.ts).
 *
 * Mutations are decided in main like the container actions: READ_ONLY hosts refuse them, on a
 * production host a removal needs `confirmation` equal to the ref, and every one is audited.
 * `compose:action` goes through the container mutations (one bulk action, run in order).
 */

const hostId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
/** An image reference (repo:tag, repo@digest, id), a volume name, or a network name or id. */
const resourceRef = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.\-/:@]*$/, 'give an image reference, volume name or network name');
const projectName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'give a compose project name');

export const resourcesInvokeSchemas = {
  'images:list': z.object({ hostId }).strict(),
  'volumes:list': z.object({ hostId }).strict(),
  'networks:list': z.object({ hostId }).strict(),
  /**
   * Removes one image reference (untags it; the image goes with its last tag), volume or network.
   * `force`: images only (remove even when a stopped container uses it, or with several tags).
   * In use: RESOURCE_IN_USE naming the containers. bridge/host/none: RESOURCE_PROTECTED.
   */
  'resources:remove': z
    .object({
      hostId,
      kind: z.enum(resourceKinds),
      ref: resourceRef,
      force: z.boolean().default(false),
      confirmation: z.string().max(600).optional(),
    })
    .strict(),
  /**
   * start / stop / restart every container of a compose project, one after the other: start and
   * restart by service name then container number, stop in reverse (shared/compose.ts).
   * On a production host `confirmation` is the number of containers (or the name when only one).
   */
  'compose:action': z
    .object({
      hostId,
      project: projectName,
      action: z.enum(['start', 'stop', 'restart']),
      timeoutSeconds: z.number().int().min(0).max(3600).optional(),
      confirmation: z.string().max(300).optional(),
    })
    .strict(),
  /**
   * The merged log of a project's containers (at most composeLogContainers), each line prefixed by
   * `service-number | ` as compose prints it; pushed on `logs:event`, closed with `logs:close`.
   */
  'compose:logs-open': z
    .object({
      hostId,
      project: projectName,
      follow: z.boolean().default(true),
      tail: z.union([z.number().int().min(0).max(1_000_000), z.literal('all')]).default(200),
      since: logTimeSchema.optional(),
      until: logTimeSchema.optional(),
    })
    .strict(),
} as const;

/** Containers whose logs one merged project log follows at most. */
export const composeLogContainers = 32;

export type ResourcesInvokeChannel = keyof typeof resourcesInvokeSchemas;

export interface ResourcesInvokeResults {
  'images:list': ResourceList<ImageRow>;
  'volumes:list': ResourceList<import('./resources.js').VolumeRow>;
  'networks:list': ResourceList<NetworkRow>;
  'resources:remove': ResourceRemoval;
  'compose:action': import('./containers.js').ContainerActionResult;
  /** `containers`: the prefixes in the log, in start order; `cut`: containers beyond composeLogContainers left out. */
  'compose:logs-open': { streamId: string; tty: boolean; containers: string[]; cut: number };
}

export interface ResourcesPushEvents {
  'resources:changed': ResourcesChanged;
}
