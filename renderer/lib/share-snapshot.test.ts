import { describe, expect, it } from 'vitest';
import { makeContainers } from './demo/demo-containers';
import { share, shareContainers } from './share-snapshot';

describe('share', () => {
  it('returns the previous value when deep-equal', () => {
    const prev = { a: [1, 2, { b: 'x' }], c: null };
    expect(share(prev, structuredClone(prev))).toBe(prev);
  });

  it('keeps equal branches and replaces changed ones', () => {
    const prev = { same: { deep: [1, 2] }, changed: { v: 1 } };
    const next = share(prev, { same: { deep: [1, 2] }, changed: { v: 2 } });
    expect(next).not.toBe(prev);
    expect(next.same).toBe(prev.same);
    expect(next.changed).toEqual({ v: 2 });
  });

  it('notices added and removed keys and array length changes', () => {
    expect(share<Record<string, number>>({ a: 1 }, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
    expect(share<Record<string, number>>({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
    expect(share([1, 2, 3], [1, 2])).toEqual([1, 2]);
  });
});

describe('shareContainers', () => {
  it('matches containers by id, so an insertion at the top keeps every other row', () => {
    const prev = makeContainers(5, 3, 1_800_000_000_000);
    const added = makeContainers(1, 4, 1_800_000_000_000)[0]!;
    const next = shareContainers(prev, [added, ...structuredClone(prev)]);
    expect(next[0]).toBe(added);
    next.slice(1).forEach((container, index) => expect(container).toBe(prev[index]));
  });

  it('returns the previous array when nothing changed', () => {
    const prev = makeContainers(20, 5, 1_800_000_000_000);
    expect(shareContainers(prev, structuredClone(prev))).toBe(prev);
  });
});
