/**
 * DTOs of a host's resource views (images, volumes, networks) as main sends them, and the kinds
 * the event stream reports changes of. Channels and input schemas: shared/resources-contract.ts.
 * Compose projects are derived from the containers of the snapshot (shared/compose.ts).
 */

export const resourceKinds = ['images', 'volumes', 'networks'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/** How many containers use a resource: `running` of `all`, with their names (at most usersShown). */
export interface ResourceUsers {
  running: number;
  all: number;
  /** Container names without the slash, running ones first; at most `usersShown`. */
  names: string[];
}

/** Names of using containers kept per resource (the counts stay exact). */
export const usersShown = 20;

/** One image: every repo:tag it carries is a row of the view, grouped under the image. */
export interface ImageRow {
  /** sha256:… */
  id: string;
  /** `repository:tag` references; empty for a dangling image (shown as <none>:<none>). */
  tags: string[];
  /** repository@sha256:… digests (an image pulled by digest may have no tag). */
  digests: string[];
  dangling: boolean;
  /** Unix seconds. */
  created: number;
  sizeBytes: number;
  /** Bytes shared with other images (from /system/df); absent when the daemon did not report it. */
  sharedSizeBytes?: number;
  users: ResourceUsers;
}

export interface VolumeRow {
  name: string;
  driver: string;
  mountpoint: string;
  scope: string;
  /** ISO time; absent when the daemon does not report it. */
  createdAt?: string;
  /** From /system/df; absent (or -1 from the daemon) when not computed, e.g. for remote drivers. */
  sizeBytes?: number;
  /** Containers referencing it, as /system/df counts them. */
  refCount?: number;
  users: ResourceUsers;
  labels: Record<string, string>;
}

export interface NetworkEndpoint {
  containerId: string;
  /** Without the slash. */
  name: string;
  state: string;
  ipv4: string;
  ipv6: string;
  macAddress: string;
}

export interface NetworkRow {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  /** bridge, host and none: the daemon's own networks, never removed by Berth. */
  builtIn: boolean;
  subnets: Array<{ subnet: string; gateway: string }>;
  /** ISO time. */
  created: string;
  endpoints: NetworkEndpoint[];
}

/** A list with what was cut: `listed` is how many the daemon sent, `rows` holds at most resourceRowLimit. */
export interface ResourceList<Row> {
  hostId: string;
  rows: Row[];
  listed: number;
  /** ms since the epoch of the read. */
  readAt: number;
  /** Parts that could not be read (e.g. /system/df refused): the view says so instead of guessing. */
  notes: string[];
}

/** Rows kept per list: a daemon is untrusted, and a reply must stay small enough to send. */
export const resourceRowLimit = 20_000;

/** Names of the daemon's own networks. */
export const builtInNetworks: readonly string[] = ['bridge', 'host', 'none'];

export interface ResourceRemoval {
  kind: ResourceKind;
  /** What was asked for: an image reference (repo:tag or id), a volume name, a network name or id. */
  ref: string;
  /** Images: what the daemon reports, e.g. `Untagged: web:1`, `Deleted: sha256:…`. */
  report: string[];
}

/** A push: resources of these kinds changed on the host (coalesced, at most every 500 ms per host). */
export interface ResourcesChanged {
  hostId: string;
  kinds: ResourceKind[];
}
