import type { WebSocket } from 'ws';
import { type PushTooLarge, type WireServerMessage, wireMaxPushBytes } from '../../shared/contract.js';
import type { ErrorEnvelope } from '../../shared/errors.js';
import { applySnapshotPatch, isSnapshotPatch } from '../../shared/snapshot-patch.js';

/** A client that stops reading gets cut off rather than growing our memory without bound. */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Past this much unsent data, pushes where only the latest counts wait (coalesced) for the socket to drain. */
export const SOFT_BUFFERED_BYTES = 8 * 1024 * 1024;
const DRAIN_POLL_MS = 20;

/** The socket as the outbox uses it (the `ws` WebSocket, or a fake in tests). */
export type OutboxSocket = Pick<WebSocket, 'readyState' | 'OPEN' | 'bufferedAmount' | 'send' | 'terminate'>;

/**
 * What the server sends on one socket. No message is larger than `wireMaxPushBytes`: a push that
 * would be becomes `push:too-large`, a reply a MESSAGE_TOO_LARGE error. While the socket holds
 * more than `SOFT_BUFFERED_BYTES` unsent, snapshots, statuses and host lists wait and only the
 * latest of each is sent once it drains, so a client that reads promptly is never cut off by a
 * burst; one that stops reading is cut off past `MAX_BUFFERED_BYTES`. A patch for a host whose
 * snapshot is held is applied to that held snapshot: sent on its own it would overtake the
 * snapshot it changes.
 */
export function createOutbox(socket: OutboxSocket): { send(message: WireServerMessage): void; close(): void } {
  const held = new Map<string, WireServerMessage>();
  let drainTimer: ReturnType<typeof setInterval> | undefined;

  const open = () => socket.readyState === socket.OPEN;
  const stopWaiting = () => {
    clearInterval(drainTimer);
    drainTimer = undefined;
  };
  const flush = () => {
    if (!open()) return stopWaiting();
    if (socket.bufferedAmount > SOFT_BUFFERED_BYTES) return;
    stopWaiting();
    const waiting = [...held.values()];
    held.clear();
    for (const message of waiting) write(message);
  };
  const write = (message: WireServerMessage) => {
    const text = JSON.stringify(message);
    const bytes = utf8Bytes(text);
    socket.send(bytes > wireMaxPushBytes ? JSON.stringify(tooLarge(message, bytes)) : text);
  };

  return {
    send(message) {
      if (!open()) return;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return void socket.terminate();
      const folded = foldIntoHeldSnapshot(held, message);
      if (folded) message = folded;
      const key = latestWinsKey(message);
      if (key !== undefined && (held.size > 0 || socket.bufferedAmount > SOFT_BUFFERED_BYTES)) {
        held.delete(key);
        held.set(key, message);
        drainTimer ??= setInterval(flush, DRAIN_POLL_MS);
        return;
      }
      write(message);
    },
    close() {
      stopWaiting();
      held.clear();
    },
  };
}

/** A snapshot patch applied to the held snapshot of its host (which it must not overtake); undefined when none is held. */
function foldIntoHeldSnapshot(held: ReadonlyMap<string, WireServerMessage>, message: WireServerMessage): WireServerMessage | undefined {
  if (message.type !== 'push' || !isSnapshotPatch(message)) return undefined;
  const { hostId } = message.payload;
  const waiting = held.get(`host:snapshot:${hostId}`);
  if (waiting?.type !== 'push' || waiting.channel !== 'host:snapshot') return undefined;
  return { type: 'push', channel: 'host:snapshot', payload: { hostId, snapshot: applySnapshotPatch(waiting.payload.snapshot, message) } };
}

/** Pushes where a newer one replaces an older one entirely. */
function latestWinsKey(message: WireServerMessage): string | undefined {
  if (message.type !== 'push') return undefined;
  if (message.channel === 'host:snapshot' || message.channel === 'host:status') return `${message.channel}:${message.payload.hostId}`;
  if (message.channel === 'hosts:changed') return message.channel;
  return undefined;
}

function tooLarge(message: WireServerMessage, bytes: number): WireServerMessage {
  const megabytes = (value: number) => `${(value / (1024 * 1024)).toFixed(1)} MB`;
  if (message.type === 'reply') {
    const error: ErrorEnvelope = {
      code: 'MESSAGE_TOO_LARGE',
      message: `The answer is ${megabytes(bytes)}; Berth sends at most ${megabytes(wireMaxPushBytes)} in one message.`,
    };
    return { id: message.id, type: 'reply', reply: { ok: false, error } };
  }
  const hostId = (message.payload as { hostId?: unknown }).hostId;
  const about = typeof hostId === 'string' ? ` of host ${hostId}` : '';
  const payload: PushTooLarge = {
    channel: message.channel,
    ...(typeof hostId === 'string' ? { hostId } : {}),
    bytes,
    error: {
      code: 'MESSAGE_TOO_LARGE',
      message: `The ${message.channel} update${about} is ${megabytes(bytes)}; Berth sends at most ${megabytes(wireMaxPushBytes)} in one message, so this page shows the previous one. What the daemon sends is unusually large.`,
    },
  };
  return { type: 'push', channel: 'push:too-large', payload };
}

/** UTF-8 bytes of a string, without copying it. */
function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
