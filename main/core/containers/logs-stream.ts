import type { IncomingMessage } from 'node:http';
import type { LogLine, LogsEvent } from '../../../shared/containers.js';
import type { ErrorEnvelope } from '../../../shared/errors.js';
import { BerthError, toEnvelope } from '../errors.js';
import {
  type ConnectionSource,
  containerPath,
  droppedError,
  inspectContainer,
  retryUntilBack,
  whyStreamEnded,
} from './container-access.js';
import { containerError } from './container-errors.js';
import { FrameDemuxer } from './frame-demuxer.js';
import { LogLineSplitter } from './log-line-splitter.js';
import { compareLogTimes, rfc3339ToUnix } from './log-time.js';

export type LogsEventBody = LogsEvent extends infer E ? (E extends { streamId: string } ? Omit<E, 'streamId'> : never) : never;

export interface LogsStreamOptions {
  container: string;
  follow: boolean;
  /** A number of lines or 'all'. */
  tail: number | 'all';
  /** Daemon `since` / `until` values (unix seconds, see log-time.ts). */
  since?: string | undefined;
  until?: string | undefined;
  connection: ConnectionSource;
  emit(event: LogsEventBody): void;
  /** Flush lines at least this often (ms) and at most this many per push. */
  batchMs?: number;
  batchLines?: number;
  /** Waits between resume attempts: from `retryMs`, doubling up to `retryMaxMs`. */
  retryMs?: number;
  retryMaxMs?: number;
}

const batchBytes = 256 * 1024;

/**
 * One container's log: read (and followed) over the host's connection, demultiplexed unless the
 * container has a TTY, split into lines carrying the daemon's timestamps, pushed in batches. When
 * the connection drops mid-follow it says `disconnected`, then keeps trying (on the host's current
 * connection) to follow again from the last timestamp it saw, skipping the lines at that exact
 * timestamp it already pushed, and says `resumed`.
 */
export class LogsStream {
  private readonly abort = new AbortController();
  private response: IncomingMessage | undefined;
  private batch: LogLine[] = [];
  private batchSize = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastTime = '';
  private atLastTime = 0;
  /** Set while resuming: the timestamp followed from, and how many lines at it were already pushed. */
  private resumeFrom: string | undefined;
  private skipAtLastTime = 0;
  private finished = false;
  tty = false;

  constructor(private readonly options: LogsStreamOptions) {}

  /** Opens the stream; throws (CONTAINER_NOT_FOUND, HOST_NOT_CONNECTED, …) when the first read cannot start. */
  async open(): Promise<void> {
    const connection = this.options.connection();
    if (!connection) throw new BerthError('HOST_NOT_CONNECTED', 'The host is not connected right now; try again when it is ready.');
    const inspect = await inspectContainer(connection, this.options.container);
    this.tty = (inspect.Config as { Tty?: unknown } | undefined)?.Tty === true;
    this.attach(await this.request(false));
  }

  async close(): Promise<void> {
    this.finished = true;
    this.abort.abort();
    this.response?.destroy();
    if (this.timer) clearTimeout(this.timer);
    this.batch = [];
  }

  private async request(resuming: boolean): Promise<IncomingMessage> {
    const connection = this.options.connection();
    if (!connection) throw new BerthError('HOST_NOT_CONNECTED', 'The host is not connected.');
    const query: Record<string, string | number> = { stdout: 1, stderr: 1, timestamps: 1, follow: this.options.follow ? 1 : 0 };
    if (resuming && this.lastTime !== '') query.since = rfc3339ToUnix(this.lastTime);
    else {
      query.tail = this.options.tail;
      if (this.options.since !== undefined) query.since = this.options.since;
    }
    if (this.options.until !== undefined) query.until = this.options.until;
    try {
      return await connection.streamApi.stream(containerPath(this.options.container, '/logs'), query, this.abort.signal);
    } catch (error) {
      throw containerError(error, this.options.container, connection.endpoint);
    }
  }

  private attach(response: IncomingMessage): void {
    this.response = response;
    const onLine = (line: LogLine) => this.accept(line);
    const splitters = {
      stdout: new LogLineSplitter(this.tty ? 'tty' : 'stdout', onLine),
      stderr: new LogLineSplitter('stderr', onLine),
    };
    const demuxer = this.tty ? undefined : new FrameDemuxer((stream, bytes, frameStart) => splitters[stream].push(bytes, frameStart));
    let ended = false;
    response.on('data', (chunk: Buffer) => (demuxer ? demuxer.push(chunk) : splitters.stdout.push(chunk)));
    response.on('end', () => {
      ended = true;
    });
    response.on('error', () => undefined);
    response.on('close', () => {
      if (this.response !== response || this.finished) return;
      splitters.stdout.flush();
      splitters.stderr.flush();
      this.flush();
      const aborted = (response as { aborted?: boolean }).aborted === true || !ended || !response.complete;
      void this.afterEnd(aborted);
    });
  }

  private accept(line: LogLine): void {
    if (this.resumeFrom !== undefined) {
      // Right after a resume: the daemon repeats the lines at `since` (and nothing before it).
      const order = line.time === '' ? 1 : compareLogTimes(line.time, this.resumeFrom);
      if (order < 0) return;
      if (order === 0 && this.skipAtLastTime > 0) {
        this.skipAtLastTime -= 1;
        return;
      }
      if (order > 0) this.resumeFrom = undefined;
    }
    if (line.time !== '') {
      if (line.time === this.lastTime) this.atLastTime += 1;
      else {
        this.lastTime = line.time;
        this.atLastTime = 1;
      }
    }
    this.batch.push(line);
    this.batchSize += line.text.length + 48;
    if (this.batch.length >= (this.options.batchLines ?? 1000) || this.batchSize >= batchBytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.batchMs ?? 40);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0 || this.finished) return;
    const lines = this.batch;
    this.batch = [];
    this.batchSize = 0;
    this.options.emit({ type: 'lines', lines });
  }

  private async afterEnd(aborted: boolean): Promise<void> {
    if (!this.options.follow && !aborted) return this.end();
    if (!aborted) {
      // A follow ends normally when the container stops; a daemon going away may look the same.
      const why = await whyStreamEnded(this.options.connection, this.options.container);
      if (why.outcome === 'stopped') return this.end();
      if (why.outcome === 'gone') return this.end(why.error.toEnvelope());
    }
    this.options.emit({ type: 'disconnected', error: { ...droppedError } });
    try {
      const response = await retryUntilBack(() => this.request(true), this.abort.signal, this.options);
      if (!response) return;
      if (this.finished) {
        response.destroy();
        return;
      }
      this.resumeFrom = this.lastTime === '' ? undefined : this.lastTime;
      this.skipAtLastTime = this.atLastTime;
      this.options.emit({ type: 'resumed', since: this.lastTime });
      this.attach(response);
    } catch (error) {
      this.end(toEnvelope(error));
    }
  }

  private end(error?: ErrorEnvelope): void {
    if (this.finished) return;
    this.flush();
    this.finished = true;
    this.options.emit(error ? { type: 'ended', error } : { type: 'ended' });
  }
}
