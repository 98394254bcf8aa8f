import { afterEach, describe, expect, it, vi } from 'vitest';
import { type WireServerMessage, wireMaxPushBytes } from '../../shared/contract.js';
import type { ContainerSummary, HostSnapshot } from '../../shared/snapshot.js';
import { MAX_BUFFERED_BYTES, type OutboxSocket, SOFT_BUFFERED_BYTES, createOutbox } from './ws-outbox.js';

function fakeSocket() {
  const sent: unknown[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    terminated: false,
    send: (text: string) => void sent.push(JSON.parse(text)),
    terminate() {
      this.terminated = true;
    },
  };
  return { socket: socket as unknown as OutboxSocket & { bufferedAmount: number; terminated: boolean }, sent };
}

const snapshotPush = (hostId: string, updatedAt: number, extra = ''): WireServerMessage => ({
  type: 'push',
  channel: 'host:snapshot',
  payload: { hostId, snapshot: { hostId, updatedAt, containers: [], extra } as unknown as HostSnapshot },
});

afterEach(() => vi.useRealTimers());

describe('the WebSocket outbox', () => {
  it('replaces a push over the message limit with push:too-large naming the host', () => {
    const { socket, sent } = fakeSocket();
    createOutbox(socket).send(snapshotPush('big', 1, 'x'.repeat(wireMaxPushBytes)));
    expect(sent).toEqual([
      {
        type: 'push',
        channel: 'push:too-large',
        payload: {
          channel: 'host:snapshot',
          hostId: 'big',
          bytes: expect.any(Number),
          error: expect.objectContaining({ code: 'MESSAGE_TOO_LARGE' }),
        },
      },
    ]);
    expect((sent[0] as { payload: { bytes: number } }).payload.bytes).toBeGreaterThan(wireMaxPushBytes);
  });

  it('replaces a reply over the message limit with a MESSAGE_TOO_LARGE error', () => {
    const { socket, sent } = fakeSocket();
    createOutbox(socket).send({ id: 7, type: 'reply', reply: { ok: true, value: 'y'.repeat(wireMaxPushBytes) as never } });
    expect(sent).toEqual([{ id: 7, type: 'reply', reply: { ok: false, error: expect.objectContaining({ code: 'MESSAGE_TOO_LARGE' }) } }]);
  });

  it('holds snapshots while the socket is full, sends only the latest per host when it drains', () => {
    vi.useFakeTimers();
    const { socket, sent } = fakeSocket();
    const outbox = createOutbox(socket);
    socket.bufferedAmount = SOFT_BUFFERED_BYTES + 1;
    outbox.send(snapshotPush('a', 1));
    outbox.send(snapshotPush('b', 1));
    outbox.send(snapshotPush('a', 2));
    outbox.send({ id: 1, type: 'reply', reply: { ok: true, value: null } });
    expect(sent).toEqual([{ id: 1, type: 'reply', reply: { ok: true, value: null } }]);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
    socket.bufferedAmount = 0;
    vi.advanceTimersByTime(100);
    const snapshots = sent.slice(1) as Array<{ payload: { hostId: string; snapshot: { updatedAt: number } } }>;
    expect(snapshots.map((push) => [push.payload.hostId, push.payload.snapshot.updatedAt])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    expect(socket.terminated).toBe(false);
  });

  it('applies a patch for a host whose snapshot is held to that snapshot instead of letting it overtake it', () => {
    vi.useFakeTimers();
    const { socket, sent } = fakeSocket();
    const outbox = createOutbox(socket);
    socket.bufferedAmount = SOFT_BUFFERED_BYTES + 1;
    outbox.send(snapshotPush('a', 1));
    const counts = { total: 1, running: 1, paused: 0, stopped: 0 };
    const row: ContainerSummary = {
      id: 'c1',
      names: ['c1'],
      image: 'alpine',
      state: 'running',
      status: 'Up',
      ports: [],
      created: 1,
      labels: {},
    };
    outbox.send({
      type: 'push',
      channel: 'host:containers-patch',
      payload: { hostId: 'a', upserted: [row], removed: [], counts, updatedAt: 2 },
    });
    outbox.send({ type: 'push', channel: 'host:disk-usage', payload: { hostId: 'a', diskUsage: null, updatedAt: 3 } });
    // No snapshot of b is held: its patch goes out in order with what was already written.
    outbox.send({ type: 'push', channel: 'host:disk-usage', payload: { hostId: 'b', diskUsage: null, updatedAt: 4 } });
    expect(sent).toEqual([{ type: 'push', channel: 'host:disk-usage', payload: { hostId: 'b', diskUsage: null, updatedAt: 4 } }]);
    socket.bufferedAmount = 0;
    vi.advanceTimersByTime(100);
    expect(sent.slice(1)).toEqual([
      {
        type: 'push',
        channel: 'host:snapshot',
        payload: { hostId: 'a', snapshot: expect.objectContaining({ containers: [row], counts, diskUsage: null, updatedAt: 3 }) },
      },
    ]);
  });

  it('cuts off a client that stopped reading', () => {
    const { socket, sent } = fakeSocket();
    socket.bufferedAmount = MAX_BUFFERED_BYTES + 1;
    createOutbox(socket).send(snapshotPush('a', 1));
    expect(socket.terminated).toBe(true);
    expect(sent).toEqual([]);
  });
});
