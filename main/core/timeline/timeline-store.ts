import type { TimelineEvent, TimelinePage, TimelineQuery } from '../../../shared/timeline-contract.js';
import type { EventResumePoint } from './event-resume.js';

/** An event before the store numbered it. */
export type NewTimelineEvent = Omit<TimelineEvent, 'seq'>;

/** What the timeline keeps: per host the newest `maxEventsPerHost`, none older than `maxAgeMs`. */
export interface TimelineRetention {
  maxEventsPerHost: number;
  maxAgeMs: number;
}

/**
 * Where the timeline lives. Two implementations with this one interface: node:sqlite where the
 * runtime has it (sqlite-timeline-store.ts), else append-only JSON-lines files per host
 * (jsonl-timeline-store.ts).
 */
export interface TimelineStore {
  readonly kind: TimelinePage['retention']['store'];
  /** Stores events (in the order given) and answers them numbered. */
  append(events: readonly NewTimelineEvent[]): TimelineEvent[];
  /** Newest first, filtered; `more` when older matching events exist beyond the limit. */
  query(query: TimelineQuery): { events: TimelineEvent[]; more: boolean };
  /** Where the host's stored events end, for resuming its event stream after a restart. */
  resumePoint(hostId: string): EventResumePoint | undefined;
  /** Applies the retention now (events past the count or age bound are deleted). */
  prune(now: number): void;
  removeHost(hostId: string): void;
  close(): void;
}

export const nanosPerSecond = 1e9;

/** The resume point from a host's events of its last second, given oldest first. */
export function resumePointOf(
  lastSecondEvents: readonly Pick<TimelineEvent, 'timeNano' | 'type' | 'action' | 'actorId'>[],
): EventResumePoint | undefined {
  let timeNano: number | undefined;
  for (const event of lastSecondEvents) if (timeNano === undefined || event.timeNano > timeNano) timeNano = event.timeNano;
  if (timeNano === undefined) return undefined;
  const secondStart = Math.floor(timeNano / nanosPerSecond) * nanosPerSecond;
  const keys = lastSecondEvents
    .filter((event) => event.timeNano >= secondStart)
    .map((event) => `${event.timeNano}|${event.type}|${event.action}|${event.actorId}`);
  return { timeNano, keys };
}
