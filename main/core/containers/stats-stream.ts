import type { IncomingMessage } from 'node:http';
import type { StatsEvent } from '../../../shared/containers.js';
import type { ErrorEnvelope } from '../../../shared/errors.js';
import { BerthError, toEnvelope } from '../errors.js';
import {
  type ConnectionSource,
  type RetryOptions,
  containerPath,
  droppedError,
  retryUntilBack,
  whyStreamEnded,
} from './container-access.js';
import { containerError } from './container-errors.js';
import { computeStatsSample } from './compute-stats.js';

export type StatsEventBody = StatsEvent extends infer E ? (E extends { streamId: string } ? Omit<E, 'streamId'> : never) : never;

export interface StatsStreamOptions extends RetryOptions {
  container: string;
  connection: ConnectionSource;
  emit(event: StatsEventBody): void;
}

/** One stats reading is a few KB; anything past this without a newline is not a reading. */
const maxReadingBytes = 1024 * 1024;

/**
 * Live stats of one container: `/containers/{id}/stats` (a JSON reading per line, about one a
 * second) turned into StatsSamples. Resumes like the logs stream when the connection drops.
 */
export class StatsStream {
  private readonly abort = new AbortController();
  private response: IncomingMessage | undefined;
  private finished = false;

  constructor(private readonly options: StatsStreamOptions) {}

  async open(): Promise<void> {
    this.attach(await this.request());
  }

  async close(): Promise<void> {
    this.finished = true;
    this.abort.abort();
    this.response?.destroy();
  }

  private async request(): Promise<IncomingMessage> {
    const connection = this.options.connection();
    if (!connection) throw new BerthError('HOST_NOT_CONNECTED', 'The host is not connected right now; try again when it is ready.');
    try {
      return await connection.streamApi.stream(containerPath(this.options.container, '/stats'), { stream: 1 }, this.abort.signal);
    } catch (error) {
      throw containerError(error, this.options.container, connection.endpoint);
    }
  }

  private attach(response: IncomingMessage): void {
    this.response = response;
    let pending = '';
    let ended = false;
    response.setEncoding('utf8');
    response.on('data', (text: string) => {
      pending += text;
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        this.reading(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      if (pending.length > maxReadingBytes) {
        response.destroy();
        this.end({ code: 'DAEMON_ERROR', message: `The daemon sent a stats reading over ${maxReadingBytes} bytes; stats stopped.` });
      }
    });
    response.on('end', () => {
      ended = true;
    });
    response.on('error', () => undefined);
    response.on('close', () => {
      if (this.response !== response || this.finished) return;
      void this.afterEnd(!ended || !response.complete);
    });
  }

  private reading(line: string): void {
    if (line.trim() === '' || this.finished) return;
    try {
      this.options.emit({ type: 'sample', sample: computeStatsSample(JSON.parse(line)) });
    } catch {
      // One unreadable reading is skipped; the next comes a second later.
    }
  }

  private async afterEnd(aborted: boolean): Promise<void> {
    if (!aborted) {
      const why = await whyStreamEnded(this.options.connection, this.options.container);
      if (why.outcome === 'stopped') return this.end();
      if (why.outcome === 'gone') return this.end(why.error.toEnvelope());
    }
    this.options.emit({ type: 'disconnected', error: { ...droppedError } });
    try {
      const response = await retryUntilBack(() => this.request(), this.abort.signal, this.options);
      if (!response) return;
      if (this.finished) {
        response.destroy();
        return;
      }
      this.options.emit({ type: 'resumed' });
      this.attach(response);
    } catch (error) {
      this.end(toEnvelope(error));
    }
  }

  private end(error?: ErrorEnvelope): void {
    if (this.finished) return;
    this.finished = true;
    this.options.emit(error ? { type: 'ended', error } : { type: 'ended' });
  }
}
