import { type TimelineEvent, timelineMaxAttributes } from '../../../shared/timeline-contract.js';
import type { DockerEvent } from '../events-stream.js';
import type { NewTimelineEvent, TimelineStore } from './timeline-store.js';

const maxAttributeValue = 256;
const maxAttributeKey = 128;
const maxField = 1_024;
/** Events wait this long to be written (one transaction) and pushed (one message) together. */
const flushDelayMs = 100;
/** Beyond this many waiting events a flush happens at once, so a flood costs bounded memory. */
const maxPending = 5_000;
/** The retention is applied this often besides the per-host count check on append. */
const pruneIntervalMs = 3600_000;

/** A daemon's event as the timeline keeps it: fields cut to stated lengths, attributes bounded. */
export function toTimelineEvent(hostId: string, event: DockerEvent): NewTimelineEvent {
  const attributes: Record<string, string> = {};
  let kept = 0;
  for (const [key, value] of Object.entries(event.attributes)) {
    if (key === 'name' || key === 'image') continue;
    if (kept >= timelineMaxAttributes) break;
    attributes[key.slice(0, maxAttributeKey)] = value.slice(0, maxAttributeValue);
    kept += 1;
  }
  const name = event.attributes.name;
  const image = event.attributes.image;
  return {
    hostId,
    timeNano: event.timeNano,
    type: event.type.slice(0, 64),
    action: event.action.slice(0, 256),
    actorId: event.id.slice(0, maxField),
    ...(name !== undefined && { name: name.slice(0, maxField) }),
    ...(image !== undefined && { image: image.slice(0, maxField) }),
    attributes,
  };
}

/**
 * Writes every host's new Docker events to the store in batches and hands each stored batch to
 * `published` (the service pushes it to clients). A store failure (disk full) drops that batch
 * and is reported once per kind through `failed`; the host sessions go on.
 */
export class TimelineRecorder {
  private pending: NewTimelineEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly pruneTimer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly store: TimelineStore,
    private readonly published: (events: TimelineEvent[]) => void,
    private readonly failed: (error: unknown) => void = () => undefined,
  ) {
    this.pruneTimer = setInterval(() => this.safely(() => this.store.prune(Date.now())), pruneIntervalMs);
    this.pruneTimer.unref?.();
  }

  record(hostId: string, event: DockerEvent): void {
    if (this.closed) return;
    this.pending.push(toTimelineEvent(hostId, event));
    if (this.pending.length >= maxPending) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), flushDelayMs);
  }

  /** Writes what waits now (tests, shutdown). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let stored: TimelineEvent[] = [];
    this.safely(() => (stored = this.store.append(batch)));
    if (stored.length > 0) this.published(stored);
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    clearInterval(this.pruneTimer);
    this.store.close();
  }

  private safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.failed(error);
    }
  }
}
