import { describe, expect, it } from 'vitest';
import { LOG_LINE_CAP, LogStore } from './log-store';

const lines = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => ({ stream: 'stdout' as const, text: `line ${from + i}` }));

describe('LogStore', () => {
  it('keeps lines in order with stable sequence numbers', () => {
    const store = new LogStore(10);
    store.append(lines(0, 3));
    store.append([{ stream: 'stderr', text: '\u001b[31mboom\u001b[0m', timestamp: '2026-01-01T00:00:00.000000001Z' }]);
    expect(store.size).toBe(4);
    expect(store.at(3)).toMatchObject({ seq: 3, stream: 'stderr', plain: 'boom' });
    expect(store.last()?.timestamp).toBe('2026-01-01T00:00:00.000000001Z');
  });

  it('drops the oldest lines past the cap and counts them', () => {
    const store = new LogStore(5);
    store.append(lines(0, 12));
    expect(store.size).toBe(5);
    expect(store.dropped).toBe(7);
    expect(store.at(0)?.plain).toBe('line 7');
    expect(store.at(4)?.plain).toBe('line 11');
    expect(store.at(5)).toBeUndefined();
  });

  it('states a cap of 50,000 lines by default and stays bounded past it', () => {
    const store = new LogStore();
    expect(store.cap).toBe(LOG_LINE_CAP);
    expect(LOG_LINE_CAP).toBe(50_000);
    for (let i = 0; i < 5; i += 1) store.append(lines(i * 50_000, (i + 1) * 50_000));
    expect(store.size).toBe(50_000);
    expect(store.dropped).toBe(200_000);
    expect(store.at(0)?.plain).toBe('line 200000');
  });

  it('finds kept lines by seq and tells subscribers about every change', () => {
    const store = new LogStore(3);
    let calls = 0;
    const unsubscribe = store.subscribe(() => (calls += 1));
    store.append(lines(0, 5));
    expect(calls).toBe(1);
    expect([store.firstSeq, store.endSeq]).toEqual([2, 5]);
    expect(store.bySeq(1)).toBeUndefined();
    expect(store.bySeq(2)?.plain).toBe('line 2');
    expect(store.bySeq(4)?.plain).toBe('line 4');
    store.clear();
    expect(calls).toBe(2);
    expect([store.firstSeq, store.endSeq]).toEqual([5, 5]);
    unsubscribe();
    store.append(lines(5, 6));
    expect(calls).toBe(2);
  });

  it('downloads as text and clears', () => {
    const store = new LogStore(4);
    store.append([
      { stream: 'stdout', text: 'a', timestamp: 't1' },
      { stream: 'stderr', text: '\u001b[1mb\u001b[0m', timestamp: 't2' },
    ]);
    expect(store.toText(false)).toBe('a\nb\n');
    expect(store.toText(true)).toBe('t1 a\nt2 b\n');
    const version = store.version;
    store.clear();
    expect(store.size).toBe(0);
    expect(store.version).toBeGreaterThan(version);
    expect(store.toText(false)).toBe('');
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() => new LogStore(0)).toThrow(RangeError);
  });
});
