import { randomUUID } from 'node:crypto';
import { BerthError } from '../errors.js';
import type { AnyPushMessage } from '../app/push-queue.js';

/** An attached renderer as the container streams see it: a key and its own push queue. */
export interface StreamClient {
  key: string;
  push(message: AnyPushMessage): void;
}

export type StreamKind = 'logs' | 'exec' | 'stats';

/** A live stream: closing it releases everything it holds (daemon connection, exec process, timers). */
export interface OpenStream {
  close(): Promise<void>;
}

interface Entry {
  clientKey: string;
  kind: StreamKind;
  stream: OpenStream;
}

/** Streams one client may hold at once (tabs of logs, terminals, stats charts). */
export const maxStreamsPerClient = 64;

/**
 * Every open logs / exec / stats stream, by id, with the client that opened it. A stream is only
 * reachable by its own client; a client that detaches or reloads has all its streams closed.
 */
export class StreamRegistry {
  private readonly entries = new Map<string, Entry>();

  /** Reserves an id for a stream being opened, refusing past the per-client limit. */
  reserve(client: StreamClient, kind: StreamKind): string {
    const held = [...this.entries.values()].filter((entry) => entry.clientKey === client.key).length;
    if (held >= maxStreamsPerClient)
      throw new BerthError(
        'STREAM_LIMIT',
        `This window already has ${held} open streams (at most ${maxStreamsPerClient}); close some logs, terminals or stats views first.`,
      );
    return `${kind}-${randomUUID()}`;
  }

  add(id: string, client: StreamClient, kind: StreamKind, stream: OpenStream): void {
    this.entries.set(id, { clientKey: client.key, kind, stream });
  }

  /** Forgets a stream that ended by itself (already closed). */
  forget(id: string): void {
    this.entries.delete(id);
  }

  get(id: string, client: StreamClient | undefined, kind: StreamKind): OpenStream {
    const entry = this.entries.get(id);
    if (!entry || entry.kind !== kind || entry.clientKey !== client?.key)
      throw new BerthError(
        'STREAM_NOT_FOUND',
        `There is no open ${kind} stream "${id.slice(0, 64)}" (it ended or was closed); open it again.`,
      );
    return entry.stream;
  }

  async close(id: string, client: StreamClient | undefined, kind: StreamKind): Promise<void> {
    const stream = this.get(id, client, kind);
    this.entries.delete(id);
    await stream.close();
  }

  closeClient(clientKey: string): Promise<void> {
    const ids = [...this.entries].filter(([, entry]) => entry.clientKey === clientKey).map(([id]) => id);
    return this.closeIds(ids);
  }

  closeAll(): Promise<void> {
    return this.closeIds([...this.entries.keys()]);
  }

  count(kind?: StreamKind): number {
    return [...this.entries.values()].filter((entry) => kind === undefined || entry.kind === kind).length;
  }

  private async closeIds(ids: string[]): Promise<void> {
    const streams = ids.flatMap((id) => {
      const entry = this.entries.get(id);
      this.entries.delete(id);
      return entry ? [entry.stream] : [];
    });
    await Promise.allSettled(streams.map((stream) => stream.close()));
  }
}
