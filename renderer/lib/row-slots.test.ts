import { describe, expect, it } from 'vitest';
import { rowSlotKey } from './row-slots';

function keysOf(first: number, length: number): number[] {
  return Array.from({ length }, (_, n) => rowSlotKey(first + n, length));
}

describe('rowSlotKey', () => {
  it('gives every row of a contiguous range its own key, at any scroll position and range length', () => {
    for (const length of [1, 40, 128, 129, 300, 1_000])
      for (const first of [0, 7, 127, 128, 9_950]) expect(new Set(keysOf(first, length)).size).toBe(length);
  });

  it('keeps the key of a row that stays in view while the range moves by a few rows', () => {
    const before = keysOf(100, 40);
    const after = keysOf(104, 40);
    expect(after.slice(0, 36)).toEqual(before.slice(4));
  });
});
