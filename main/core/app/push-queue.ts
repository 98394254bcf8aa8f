import type { PushChannel, PushEvents } from '../../../shared/contract.js';
import type { HostSnapshot } from '../../../shared/snapshot.js';
import { isSnapshotPatch } from '../../../shared/snapshot-patch.js';

export interface PushMessage<P extends PushChannel = PushChannel> {
  channel: P;
  payload: PushEvents[P];
}
export type AnyPushMessage = { [P in PushChannel]: PushMessage<P> }[PushChannel];
export type PushSink = (message: AnyPushMessage) => void;
/** A host's whole snapshot as main holds it now (null: none, or not to be shown). */
export type CurrentSnapshot = (hostId: string) => HostSnapshot | null;

/** Beyond this many queued messages the oldest status changes are dropped (the latest of each host stays). */
const MAX_QUEUED = 2_000;

/**
 * One client's pushes. Until `ready()` they are queued in order, coalesced so only the latest
 * snapshot per host and the latest host list are kept (each moved to where its latest version
 * arrived); `ready()` flushes them and later pushes go straight to the sink. `reset()` starts
 * queueing again, e.g. when the Electron window reloads.
 *
 * A patch (`host:containers-patch`, `host:disk-usage`) is a change to a snapshot the client
 * already holds; a client that is not ready may never have received that snapshot, so a queued
 * patch becomes the host's current whole snapshot instead (replacing any queued older one).
 */
export class PushQueue {
  private queue: AnyPushMessage[] = [];
  private isReady = false;
  private closed = false;

  constructor(
    private readonly sink: PushSink,
    private readonly currentSnapshot: CurrentSnapshot,
  ) {}

  get ready(): boolean {
    return this.isReady;
  }

  push(message: AnyPushMessage): void {
    if (this.closed) return;
    if (this.isReady) {
      this.deliver(message);
      return;
    }
    if (isSnapshotPatch(message)) {
      const { hostId } = message.payload;
      const snapshot = this.currentSnapshot(hostId);
      if (snapshot) this.push({ channel: 'host:snapshot', payload: { hostId, snapshot } });
      return;
    }
    const key = coalesceKey(message);
    if (key !== undefined) this.queue = this.queue.filter((queued) => coalesceKey(queued) !== key);
    this.queue.push(message);
    if (this.queue.length > MAX_QUEUED) this.dropOldestStatus();
  }

  markReady(): void {
    if (this.closed || this.isReady) return;
    this.isReady = true;
    const queued = this.queue;
    this.queue = [];
    for (const message of queued) this.deliver(message);
  }

  reset(): void {
    this.isReady = false;
    this.queue = [];
  }

  close(): void {
    this.closed = true;
    this.queue = [];
  }

  /** What is waiting for `ready()`, for tests. */
  pending(): readonly AnyPushMessage[] {
    return this.queue;
  }

  private deliver(message: AnyPushMessage): void {
    try {
      this.sink(message);
    } catch {
      // A client that cannot take a push (closed socket, destroyed window) must not break the others.
    }
  }

  private dropOldestStatus(): void {
    const latest = new Map<string, number>();
    this.queue.forEach((message, index) => {
      if (message.channel === 'host:status') latest.set(message.payload.hostId, index);
    });
    const index = this.queue.findIndex((message, i) => message.channel === 'host:status' && latest.get(message.payload.hostId) !== i);
    this.queue.splice(index === -1 ? 0 : index, 1);
  }
}

function coalesceKey(message: AnyPushMessage): string | undefined {
  switch (message.channel) {
    case 'host:snapshot':
      return `snapshot:${message.payload.hostId}`;
    case 'hosts:changed':
      return 'hosts';
    default:
      return undefined;
  }
}
