import type { LogsEventBody } from '../containers/logs-stream.js';
import { LogsStream, type LogsStreamOptions } from '../containers/logs-stream.js';

export interface ComposeLogSource {
  containerId: string;
  /** `service-number`, as compose prints it before each line. */
  prefix: string;
}

export type ComposeLogsOptions = Omit<LogsStreamOptions, 'container' | 'emit'> & {
  sources: readonly ComposeLogSource[];
  emit(event: LogsEventBody): void;
};

/**
 * A compose project's merged log: one LogsStream per container (the containers' own log code:
 * demultiplexing, line splitting, batching, resume after a drop), each line prefixed with
 * `service-number | ` and padded like compose so the text lines up. Lines of different containers
 * arrive as their batches do (interleaved, each container's in order). `ended` goes out once every
 * container's log has ended; `disconnected` / `resumed` once per drop, not once per container.
 */
export class ComposeLogs {
  private readonly streams: LogsStream[] = [];
  private open_ = new Set<number>();
  private lost = false;

  constructor(private readonly options: ComposeLogsOptions) {}

  /** True when every container has a TTY (the merged log is then raw streams). */
  get tty(): boolean {
    return this.streams.length > 0 && this.streams.every((stream) => stream.tty);
  }

  async open(): Promise<void> {
    const width = Math.max(...this.options.sources.map((source) => source.prefix.length));
    const { sources, emit: _emit, ...common } = this.options;
    sources.forEach((source, index) => {
      const label = `${source.prefix.padEnd(width)} | `;
      this.streams.push(
        new LogsStream({
          ...common,
          container: source.containerId,
          emit: (event) => this.onEvent(index, label, event),
        }),
      );
    });
    this.open_ = new Set(this.streams.map((_, index) => index));
    try {
      await Promise.all(this.streams.map((stream) => stream.open()));
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.streams.map((stream) => stream.close()));
  }

  private onEvent(index: number, label: string, event: LogsEventBody): void {
    if (event.type === 'lines') {
      this.options.emit({ type: 'lines', lines: event.lines.map((line) => ({ ...line, text: label + line.text })) });
    } else if (event.type === 'disconnected') {
      if (!this.lost) this.options.emit(event);
      this.lost = true;
    } else if (event.type === 'resumed') {
      if (this.lost) this.options.emit(event);
      this.lost = false;
    } else {
      this.open_.delete(index);
      if (this.open_.size === 0) this.options.emit(event.error && this.streams.length === 1 ? event : { type: 'ended' });
    }
  }
}
