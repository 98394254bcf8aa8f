import { describe, expect, it } from 'vitest';
import { shareRows } from './share-rows';

describe('shareRows', () => {
  const key = (row: { id: string }) => row.id;
  it('keeps the previous array when a re-read brought the same rows', () => {
    const previous = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ];
    expect(shareRows(previous, structuredClone(previous), key)).toBe(previous);
  });
  it('keeps unchanged rows, takes changed and new ones, follows the new order', () => {
    const previous = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ];
    const next = [
      { id: 'c', n: 3 },
      { id: 'b', n: 2 },
      { id: 'a', n: 9 },
    ];
    const shared = shareRows(previous, next, key);
    expect(shared).toEqual(next);
    expect(shared[1]).toBe(previous[1]);
    expect(shared[2]).toBe(next[2]);
    expect(
      shareRows(
        previous,
        [previous[1]!, previous[0]!].map((row) => ({ ...row })),
        key,
      ),
    ).toEqual([previous[1], previous[0]]);
  });
});
