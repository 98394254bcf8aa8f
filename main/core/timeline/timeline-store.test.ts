import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type TimelineQuery } from '../../../shared/timeline-contract.js';
import { JsonlTimelineStore } from './jsonl-timeline-store.js';
import { SqliteTimelineStore, loadSqlite } from './sqlite-timeline-store.js';
import type { NewTimelineEvent, TimelineRetention, TimelineStore } from './timeline-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-timeline-test-'));
  dirs.push(dir);
  return dir;
};

const now = Date.parse('2026-06-01T12:00:00Z');
const at = (msAgo: number, extra: Partial<NewTimelineEvent> = {}): NewTimelineEvent => ({
  hostId: 'h1',
  timeNano: (now - msAgo) * 1e6 + 123,
  type: 'container',
  action: 'start',
  actorId: 'abc123def456',
  name: 'web',
  image: 'nginx',
  attributes: { exitCode: '0' },
  ...extra,
});
const query = (extra: Partial<TimelineQuery> = {}): TimelineQuery => ({ limit: 100, ...extra });

const sqlite = loadSqlite();
const kinds: Array<[string, (dir: string, retention: TimelineRetention) => TimelineStore]> = [
  ['sqlite', (dir, retention) => new SqliteTimelineStore(sqlite!, path.join(dir, 'timeline.sqlite'), retention, now)],
  ['jsonl', (dir, retention) => new JsonlTimelineStore(path.join(dir, 'timeline'), retention, now)],
];
const roomy: TimelineRetention = { maxEventsPerHost: 1_000, maxAgeMs: 30 * 86_400_000 };

describe.each(kinds)('the %s timeline store', (_kind, open) => {
  it('node:sqlite exists in this runtime (Node 24)', () => {
    expect(sqlite).toBeDefined();
  });

  it('numbers events in arrival order and answers newest first, per host and for the fleet', () => {
    const store = open(tempDir(), roomy);
    const stored = store.append([at(3000), at(2000, { hostId: 'h2', action: 'die' }), at(1000, { action: 'stop' })]);
    expect(stored.map((event) => event.seq)).toEqual([...stored.map((event) => event.seq)].sort((a, b) => a - b));
    expect(store.query(query()).events.map((event) => event.action)).toEqual(['stop', 'die', 'start']);
    expect(store.query(query({ hostId: 'h1' })).events.map((event) => event.action)).toEqual(['stop', 'start']);
    expect(store.query(query({ hostId: 'h1' })).events[0]).toEqual({ ...at(1000, { action: 'stop' }), seq: stored[2]!.seq });
    store.close();
  });

  it('filters by type, action, container name or id prefix and time, and pages back', () => {
    const store = open(tempDir(), roomy);
    store.append([
      at(5000, { type: 'image', action: 'pull', actorId: 'busybox', name: 'busybox' }),
      at(4000, { action: 'health_status: unhealthy' }),
      at(3000, { action: 'die', name: 'api', actorId: 'ffee0011' }),
      at(2000, { action: 'start', name: 'api', actorId: 'ffee0011' }),
    ]);
    expect(store.query(query({ types: ['image'] })).events.map((event) => event.action)).toEqual(['pull']);
    expect(store.query(query({ action: 'UNHEALTHY' })).events).toHaveLength(1);
    expect(store.query(query({ container: 'ap' })).events.map((event) => event.action)).toEqual(['start', 'die']);
    expect(store.query(query({ container: 'ffee' })).events).toHaveLength(2);
    expect(store.query(query({ container: 'busybox' })).events).toHaveLength(0);
    expect(store.query(query({ sinceMs: now - 3500, untilMs: now - 2500 })).events.map((event) => event.action)).toEqual(['die']);
    const first = store.query(query({ limit: 3 }));
    expect(first.more).toBe(true);
    const next = store.query(query({ limit: 3, beforeSeq: first.events.at(-1)!.seq }));
    expect(next).toMatchObject({ more: false, events: [{ action: 'pull' }] });
    store.close();
  });

  it('keeps at most maxEventsPerHost per host and nothing older than maxAgeMs', () => {
    const store = open(tempDir(), { maxEventsPerHost: 5, maxAgeMs: 60_000 });
    store.append(Array.from({ length: 12 }, (_, index) => at(12_000 - index * 1000, { actorId: `c${index}` })));
    store.append([at(0, { hostId: 'h2' })]);
    store.prune(now);
    expect(store.query(query({ hostId: 'h1' })).events.map((event) => event.actorId)).toEqual(['c11', 'c10', 'c9', 'c8', 'c7']);
    store.prune(now + 59_500);
    expect(store.query(query()).events.map((event) => event.actorId)).toEqual(['abc123def456']);
    store.close();
  });

  it('is still there after a restart, with the resume point of each host', () => {
    const dir = tempDir();
    const store = open(dir, roomy);
    store.append([at(2500), at(2000, { action: 'die' }), at(2000, { action: 'stop' }), at(900, { hostId: 'h2' })]);
    store.close();
    const reopened = open(dir, roomy);
    for (const file of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()))
      expect(statSync(path.join(file.parentPath, file.name)).mode & 0o777, file.name).toBe(0o600);
    expect(reopened.query(query()).events).toHaveLength(4);
    const point = reopened.resumePoint('h1')!;
    expect(point.timeNano).toBe(at(2000).timeNano);
    expect(point.keys.sort()).toEqual(
      [
        `${at(2000).timeNano}|container|die|abc123def456`,
        `${at(2000).timeNano}|container|stop|abc123def456`,
        `${at(2500).timeNano}|container|start|abc123def456`,
      ]
        .filter((key) => Number(key.split('|')[0]) >= Math.floor(at(2000).timeNano / 1e9) * 1e9)
        .sort(),
    );
    expect(reopened.resumePoint('nobody')).toBeUndefined();
    reopened.removeHost('h2');
    expect(reopened.query(query({ hostId: 'h2' })).events).toEqual([]);
    reopened.close();
  });
});
