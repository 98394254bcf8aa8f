import { describe, expect, it } from 'vitest';
import type { HostSnapshot } from '../../../shared/snapshot.js';
import { type AnyPushMessage, PushQueue } from './push-queue.js';

const snapshot = (hostId: string, updatedAt: number) => ({ hostId, updatedAt }) as unknown as HostSnapshot;
const status = (hostId: string, attempt: number): AnyPushMessage => ({
  channel: 'host:status',
  payload: { hostId, status: { state: 'reconnecting', attempt, nextAttemptAt: 0, lastError: { code: 'TIMEOUT', message: 't' } } },
});

const noSnapshot = () => null;
const patch = (hostId: string, updatedAt: number): AnyPushMessage => ({
  channel: 'host:containers-patch',
  payload: { hostId, upserted: [], removed: ['gone'], counts: { total: 0, running: 0, paused: 0, stopped: 0 }, updatedAt },
});
const label = (m: AnyPushMessage) =>
  m.channel === 'host:snapshot' ? `snapshot ${m.payload.hostId}@${m.payload.snapshot.updatedAt}` : m.channel;

describe('PushQueue', () => {
  it('holds pushes until ready, then flushes them in order and passes later ones straight through', () => {
    const sent: AnyPushMessage[] = [];
    const queue = new PushQueue((message) => sent.push(message), noSnapshot);
    queue.push(status('a', 1));
    queue.push({ channel: 'host:snapshot', payload: { hostId: 'a', snapshot: snapshot('a', 1) } });
    queue.push(status('b', 1));
    expect(sent).toEqual([]);
    queue.markReady();
    expect(sent.map((m) => m.channel)).toEqual(['host:status', 'host:snapshot', 'host:status']);
    queue.push(status('a', 2));
    expect(sent).toHaveLength(4);
  });

  it('keeps only the latest snapshot per host and the latest host list', () => {
    const sent: AnyPushMessage[] = [];
    const queue = new PushQueue((message) => sent.push(message), noSnapshot);
    for (let i = 1; i <= 100; i += 1) {
      queue.push({ channel: 'host:snapshot', payload: { hostId: 'a', snapshot: snapshot('a', i) } });
      queue.push({ channel: 'host:snapshot', payload: { hostId: 'b', snapshot: snapshot('b', i) } });
      queue.push({ channel: 'hosts:changed', payload: { hosts: [] } });
    }
    expect(queue.pending()).toHaveLength(3);
    queue.markReady();
    expect(sent.map((m) => (m.channel === 'host:snapshot' ? `${m.payload.hostId}@${m.payload.snapshot.updatedAt}` : m.channel))).toEqual([
      'a@100',
      'b@100',
      'hosts:changed',
    ]);
  });

  it("stays bounded when a client never says ready, keeping each host's latest status", () => {
    const queue = new PushQueue(() => undefined, noSnapshot);
    for (let i = 1; i <= 5_000; i += 1) queue.push(status(i % 2 === 0 ? 'a' : 'b', i));
    expect(queue.pending().length).toBeLessThanOrEqual(2_000);
    const last = queue.pending().slice(-2);
    expect(last.map((m) => m.channel === 'host:status' && m.payload.status)).toEqual([
      expect.objectContaining({ attempt: 4_999 }),
      expect.objectContaining({ attempt: 5_000 }),
    ]);
  });

  it('queues again after reset, survives a failing sink, and stops after close', () => {
    let calls = 0;
    const queue = new PushQueue(() => {
      calls += 1;
      throw new Error('window gone');
    }, noSnapshot);
    queue.markReady();
    expect(() => queue.push(status('a', 1))).not.toThrow();
    queue.reset();
    queue.push(status('a', 2));
    expect(calls).toBe(1);
    queue.close();
    queue.markReady();
    queue.push(status('a', 3));
    expect(calls).toBe(1);
  });

  it("turns a patch queued before ready into the host's current whole snapshot, replacing the queued older one", () => {
    const sent: AnyPushMessage[] = [];
    const current = new Map([['a', snapshot('a', 7)]]);
    const queue = new PushQueue(
      (message) => sent.push(message),
      (hostId) => current.get(hostId) ?? null,
    );
    queue.push({ channel: 'host:snapshot', payload: { hostId: 'a', snapshot: snapshot('a', 5) } });
    queue.push(status('a', 1));
    queue.push(patch('a', 6));
    queue.push({ channel: 'host:disk-usage', payload: { hostId: 'a', diskUsage: null, updatedAt: 7 } });
    expect(queue.pending().map(label)).toEqual(['host:status', 'snapshot a@7']);
    // A patch for a host main holds no snapshot of (removed, locked) has nothing to become.
    queue.push(patch('b', 8));
    expect(queue.pending()).toHaveLength(2);
    queue.markReady();
    expect(sent.map(label)).toEqual(['host:status', 'snapshot a@7']);
    // Once ready, patches go out as they are.
    queue.push(patch('a', 9));
    expect(sent.map(label).at(-1)).toBe('host:containers-patch');
  });

  it('queues patches as snapshots again after a reset (a reloaded page holds no snapshot)', () => {
    const sent: AnyPushMessage[] = [];
    const queue = new PushQueue(
      (message) => sent.push(message),
      (hostId) => snapshot(hostId, 3),
    );
    queue.markReady();
    queue.reset();
    queue.push(patch('a', 3));
    expect(queue.pending().map(label)).toEqual(['snapshot a@3']);
  });
});
