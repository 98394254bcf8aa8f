import { describe, expect, it } from 'vitest';
import type { HostSnapshot } from '../../../shared/snapshot.js';
import { type AnyPushMessage, PushQueue } from './push-queue.js';

const snapshot = (hostId: string, updatedAt: number) => ({ hostId, updatedAt }) as unknown as HostSnapshot;
const status = (hostId: string, attempt: number): AnyPushMessage => ({
  channel: 'host:status',
  payload: { hostId, status: { state: 'reconnecting', attempt, nextAttemptAt: 0, lastError: { code: 'TIMEOUT', message: 't' } } },
});

describe('PushQueue', () => {
  it('holds pushes until ready, then flushes them in order and passes later ones straight through', () => {
    const sent: AnyPushMessage[] = [];
    const queue = new PushQueue((message) => sent.push(message));
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
    const queue = new PushQueue((message) => sent.push(message));
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
    const queue = new PushQueue(() => undefined);
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
    });
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
});
