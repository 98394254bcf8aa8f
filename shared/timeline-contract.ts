import { z } from 'zod';

/**
 * The event timeline's part of the contract (spread into shared/contract.ts): every host's Docker
 * events, kept by main in an embedded store (see main/core/timeline/), queried newest first and
 * pushed to clients as they arrive.
 */

/** What the timeline keeps per host: the newest this many events, and none older than timelineMaxAgeDays. */
export const timelineMaxEventsPerHost = 50_000;
export const timelineMaxAgeDays = 30;
/** Most events one query answers. */
export const timelineMaxQueryLimit = 5_000;

/** One Docker event as the timeline keeps it. */
export interface TimelineEvent {
  /** The store's sequence number: increases in arrival order, a stable row key. */
  seq: number;
  hostId: string;
  /** The daemon's time in nanoseconds since the epoch (as a double: exact to about 0.25 µs). */
  timeNano: number;
  /** container, image, volume, network, plugin, daemon, service, node, secret, config, builder. */
  type: string;
  /** create, start, die, health_status: unhealthy, … */
  action: string;
  /** The actor's id (a container id, an image name, …). */
  actorId: string;
  /** The actor's `name` attribute (a container's name), when it has one. */
  name?: string;
  /** The actor's `image` attribute, when it has one. */
  image?: string;
  /** The actor's other attributes, at most timelineMaxAttributes, values cut to 256 characters. */
  attributes: Record<string, string>;
}

export const timelineMaxAttributes = 32;

const hostId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const timelineQuerySchema = z
  .object({
    /** One host, or the whole fleet when absent. */
    hostId: hostId.optional(),
    /** Event types to include (any when absent or empty). */
    types: z.array(z.string().min(1).max(32)).max(16).optional(),
    /** Substring of the action (case-insensitive). */
    action: z.string().max(128).optional(),
    /** Substring of the container name or a prefix of its id. */
    container: z.string().max(256).optional(),
    /** Epoch milliseconds, inclusive. */
    sinceMs: z.number().int().min(0).optional(),
    untilMs: z.number().int().min(0).optional(),
    /** Only events stored before this sequence number (the next page going back). */
    beforeSeq: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(timelineMaxQueryLimit).default(1_000),
  })
  .strict();
export type TimelineQuery = z.output<typeof timelineQuerySchema>;

export const timelineInvokeSchemas = {
  /** Stored events newest first, filtered; `more` says an older page exists. */
  'timeline:query': timelineQuerySchema,
} as const;

export interface TimelinePage {
  events: TimelineEvent[];
  more: boolean;
  /** What the store keeps and how (stated in the UI). */
  retention: { maxEventsPerHost: number; maxAgeDays: number; store: 'sqlite' | 'jsonl' | 'memory' };
}

export interface TimelineInvokeResults {
  'timeline:query': TimelinePage;
}

export interface TimelinePushEvents {
  /** Events just stored, oldest first, batched (at most every 250 ms). */
  'timeline:appended': { events: TimelineEvent[] };
}

/** Whether an event passes a query's filters (main's store and the renderer's live view agree on it). */
export function matchesTimelineFilter(event: TimelineEvent, query: Omit<TimelineQuery, 'limit' | 'beforeSeq'>): boolean {
  if (query.hostId !== undefined && event.hostId !== query.hostId) return false;
  if (query.types && query.types.length > 0 && !query.types.includes(event.type)) return false;
  if (query.action && !event.action.toLowerCase().includes(query.action.toLowerCase())) return false;
  if (query.container) {
    const needle = query.container.toLowerCase();
    const isContainer = event.type === 'container';
    if (!isContainer) return false;
    if (!(event.name ?? '').toLowerCase().includes(needle) && !event.actorId.toLowerCase().startsWith(needle)) return false;
  }
  const ms = event.timeNano / 1e6;
  if (query.sinceMs !== undefined && ms < query.sinceMs) return false;
  // untilMs includes its whole millisecond.
  if (query.untilMs !== undefined && ms >= query.untilMs + 1) return false;
  return true;
}
