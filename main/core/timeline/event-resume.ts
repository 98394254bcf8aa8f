import type { DockerEvent } from '../events-stream.js';

/** Where a host's event stream left off: the last event's time and the keys seen in its second. */
export interface EventResumePoint {
  timeNano: number;
  /** eventKey of every event seen from the start of timeNano's second up to timeNano. */
  keys: string[];
}

/** Same time, actor, action and type: the same event (Docker gives events no id of their own). */
export function eventKey(event: Pick<DockerEvent, 'timeNano' | 'id' | 'action' | 'type'>): string {
  return `${event.timeNano}|${event.type}|${event.action}|${event.id}`;
}

const nanosPerSecond = 1e9;
/** A daemon flooding one second with more events than this gets the rest re-sent once after a reconnect, not unbounded memory. */
const maxKeysPerSecond = 100_000;

/**
 * Makes `/events` lossless across reconnects. A stream opened again asks for `since=` the whole
 * second of the last event seen (Docker's `since` is inclusive and its times are nanoseconds, which
 * a JS number does not hold exactly, so the whole second is the safe boundary); the events of that
 * second that were already seen come again and are dropped here by their key, so every event
 * arrives once, in the daemon's order.
 */
export class EventResumeCursor {
  private lastTimeNano: number | undefined;
  /** Before any event: the `since` of the first stream, so a stream that broke before its first event resumes from there. */
  private firstSince: number | undefined;
  private secondStart = 0;
  private readonly keysInSecond = new Set<string>();

  constructor(from?: EventResumePoint) {
    if (from) {
      this.lastTimeNano = from.timeNano;
      this.secondStart = secondOf(from.timeNano);
      for (const key of from.keys) this.keysInSecond.add(key);
    }
  }

  /**
   * `since` for the next `/events` request (unix seconds): the second of the last event seen, else
   * the `since` of the first stream opened, else undefined (nothing to resume from).
   */
  sinceSeconds(): number | undefined {
    return this.lastTimeNano === undefined ? this.firstSince : this.secondStart / nanosPerSecond;
  }

  /** A stream was opened with this `since`; until an event arrives, later streams resume from it. */
  opened(sinceSeconds: number): void {
    this.firstSince ??= sinceSeconds;
  }

  /** True when the event is new (and remembers it); false for one already seen at the boundary. */
  accept(event: DockerEvent): boolean {
    const key = eventKey(event);
    if (this.lastTimeNano !== undefined) {
      // Older than the resume second: the daemon's `since` should not send it; if it does, it was seen.
      if (event.timeNano < this.secondStart) return false;
      if (this.keysInSecond.has(key)) return false;
    }
    const second = secondOf(event.timeNano);
    if (second > this.secondStart) {
      this.secondStart = second;
      this.keysInSecond.clear();
    }
    if (second === this.secondStart && this.keysInSecond.size < maxKeysPerSecond) this.keysInSecond.add(key);
    if (this.lastTimeNano === undefined || event.timeNano > this.lastTimeNano) this.lastTimeNano = event.timeNano;
    return true;
  }

  /**
   * A bounded read (`/events?since=…&until=…`, standby hosts) returned every event up to
   * `untilNano`: the next read may start at that second. Events of that second already seen keep
   * their keys; none later than the last seen one were there, or the read would have returned them.
   */
  readThrough(untilNano: number): void {
    const second = secondOf(untilNano);
    if (this.lastTimeNano !== undefined && second <= this.secondStart) return;
    if (this.lastTimeNano === undefined || second > secondOf(this.lastTimeNano)) this.keysInSecond.clear();
    this.secondStart = second;
    this.lastTimeNano = Math.max(this.lastTimeNano ?? 0, second);
  }

  point(): EventResumePoint | undefined {
    return this.lastTimeNano === undefined ? undefined : { timeNano: this.lastTimeNano, keys: [...this.keysInSecond] };
  }
}

function secondOf(timeNano: number): number {
  return Math.floor(timeNano / nanosPerSecond) * nanosPerSecond;
}
