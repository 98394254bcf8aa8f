import type { RawData, WebSocket } from 'ws';
import { type WireRequestId, type WireServerMessage, wireMaxMessageBytes } from '../../shared/contract.js';
import type { ErrorEnvelope } from '../../shared/errors.js';
import type { BerthService } from '../core/app/berth-service.js';
import { createOutbox } from './ws-outbox.js';

/** Invokes one socket may have running at once; more are answered with an error at once. */
const MAX_IN_FLIGHT = 64;

/**
 * One browser tab on the WebSocket: `{id, type:'invoke', channel, input}` is answered with
 * `{id, type:'reply', reply}`; `{type:'ready'}` releases the queued pushes, sent as
 * `{type:'push', channel, payload}` through the outbox (size limit, coalescing, cut-off). Malformed, binary or oversized messages get an error reply
 * when they carry a usable id and are dropped otherwise; nothing a client sends can throw here.
 */
export function serveWebSocket(socket: WebSocket, service: BerthService): void {
  let inFlight = 0;
  const outbox = createOutbox(socket);
  const send = (message: WireServerMessage): void => outbox.send(message);
  const client = service.attachClient((push) => send({ type: 'push', ...push } as WireServerMessage));
  const replyError = (id: WireRequestId, error: ErrorEnvelope): void => send({ id, type: 'reply', reply: { ok: false, error } });

  socket.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = byteLength(data);
    const message = parseJson(data);
    const id = requestIdOf(message);
    if (isBinary) {
      // The protocol is JSON text frames; a binary frame is never acted on, only answered when it names an id.
      if (id !== undefined)
        replyError(id, { code: 'INVALID_ARGUMENT', message: 'Berth accepts JSON text frames only, not binary frames.' });
      return;
    }
    if (bytes > wireMaxMessageBytes) {
      if (id !== undefined) {
        replyError(id, {
          code: 'INVALID_ARGUMENT',
          message: `The message is ${bytes} bytes; Berth accepts at most ${wireMaxMessageBytes} bytes per message.`,
        });
      }
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return;
    const { type } = message as { type?: unknown };
    if (type === 'ready') {
      client.ready();
      return;
    }
    if (id === undefined) return;
    if (type !== 'invoke') {
      replyError(id, {
        code: 'INVALID_ARGUMENT',
        message: 'Unknown message type: send {id, type: "invoke", channel, input} or {type: "ready"}.',
      });
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      replyError(id, {
        code: 'INVALID_ARGUMENT',
        message: `Too many requests at once (at most ${MAX_IN_FLIGHT}); wait for answers first.`,
      });
      return;
    }
    inFlight += 1;
    const { channel, input } = message as { channel?: unknown; input?: unknown };
    service
      .invoke(channel, input)
      .then(
        (reply) => send({ id, type: 'reply', reply }),
        () => replyError(id, { code: 'INTERNAL', message: 'The request failed unexpectedly. This is a bug in Berth; please report it.' }),
      )
      .finally(() => {
        inFlight -= 1;
      });
  });
  socket.on('close', () => {
    outbox.close();
    client.detach();
  });
  socket.on('error', () => socket.terminate());
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function parseJson(data: RawData): unknown {
  try {
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    const text = buffer.toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A request id the client can match: a safe integer, or a string of up to 64 characters. */
function requestIdOf(message: unknown): WireRequestId | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const id = (message as { id?: unknown }).id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return id;
  if (typeof id === 'string' && id.length > 0 && id.length <= 64) return id;
  return undefined;
}
