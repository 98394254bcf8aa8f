import { stripAnsi } from './ansi';

/** Where a line came from: stdout or stderr, or 'tty' for a TTY container's single raw stream. */
export type LogStream = 'stdout' | 'stderr' | 'tty';

export interface LogLine {
  /** Increases by one per line ever appended: a stable key for the view. */
  seq: number;
  stream: LogStream;
  /** RFC 3339 timestamp from the daemon, when timestamps were asked for. */
  timestamp?: string;
  /** The text as printed, escape sequences included. */
  text: string;
  /** The text without escape sequences: what filters, copy and download use (the same string when it has none). */
  plain: string;
}

/** The most lines the log view keeps; older ones are dropped (and counted). */
export const LOG_LINE_CAP = 50_000;

/**
 * The lines of one log view, bounded: a ring buffer holding the newest `cap` lines. Appending
 * is O(1) per line and the buffer never grows past the cap, however chatty the container. It
 * lives outside React state: views subscribe and re-render at most once a frame.
 */
export class LogStore {
  private readonly buffer: Array<LogLine | undefined>;
  private start = 0;
  private count = 0;
  private nextSeq = 0;
  private readonly listeners = new Set<() => void>();
  /** Lines dropped from the front since the last clear. */
  dropped = 0;
  /** Bumped on every change, so a view can tell the store changed without comparing lines. */
  version = 0;

  constructor(readonly cap: number = LOG_LINE_CAP) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError('The log line cap must be a positive integer.');
    this.buffer = new Array<LogLine | undefined>(cap);
  }

  get size(): number {
    return this.count;
  }

  /** The seq of the oldest kept line (kept lines have consecutive seqs). */
  get firstSeq(): number {
    return this.nextSeq - this.count;
  }

  /** The seq the next appended line will get. */
  get endSeq(): number {
    return this.nextSeq;
  }

  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(lines: ReadonlyArray<{ stream: LogStream; text: string; timestamp?: string }>): void {
    if (lines.length === 0) return;
    for (const line of lines) {
      const entry: LogLine = { seq: this.nextSeq, stream: line.stream, text: line.text, plain: stripAnsi(line.text) };
      if (line.timestamp !== undefined) entry.timestamp = line.timestamp;
      this.nextSeq += 1;
      if (this.count < this.cap) {
        this.buffer[(this.start + this.count) % this.cap] = entry;
        this.count += 1;
      } else {
        this.buffer[this.start] = entry;
        this.start = (this.start + 1) % this.cap;
        this.dropped += 1;
      }
    }
    this.changed();
  }

  /** The line at `index` (0 = the oldest kept). */
  at(index: number): LogLine | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.buffer[(this.start + index) % this.cap];
  }

  /** The kept line with this seq, if it is still kept. */
  bySeq(seq: number): LogLine | undefined {
    return this.at(seq - this.firstSeq);
  }

  /** The newest line, e.g. for its timestamp when resuming a stream. */
  last(): LogLine | undefined {
    return this.at(this.count - 1);
  }

  /** Every kept line as text (escape sequences removed), with timestamps when asked: the download. */
  toText(withTimestamps: boolean): string {
    const parts: string[] = [];
    for (let i = 0; i < this.count; i += 1) {
      const line = this.at(i);
      if (!line) continue;
      parts.push(withTimestamps && line.timestamp ? `${line.timestamp} ${line.plain}` : line.plain);
    }
    return parts.length === 0 ? '' : `${parts.join('\n')}\n`;
  }

  clear(): void {
    this.buffer.fill(undefined);
    this.start = 0;
    this.count = 0;
    this.dropped = 0;
    this.changed();
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
