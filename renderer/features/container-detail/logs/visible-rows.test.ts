import { describe, expect, it } from 'vitest';
import { bottomScrollTop, visibleRows } from './visible-rows';

describe('visibleRows', () => {
  it('draws the rows in the viewport plus the overscan on each side', () => {
    expect(visibleRows(0, 180, 1000, 18, 5)).toEqual({ first: 0, end: 15 });
    expect(visibleRows(1800, 180, 1000, 18, 5)).toEqual({ first: 95, end: 115 });
  });

  it('stays within the rows when the position is past the end or the list is short', () => {
    expect(visibleRows(1e9, 180, 1000, 18, 5)).toEqual({ first: 985, end: 1000 });
    expect(visibleRows(500, 180, 3, 18, 5)).toEqual({ first: 0, end: 3 });
    expect(visibleRows(0, 180, 0, 18, 5)).toEqual({ first: 0, end: 0 });
  });

  it('puts the last row at the bottom when following', () => {
    expect(bottomScrollTop(180, 1000, 18)).toBe(18_000 - 180);
    expect(bottomScrollTop(180, 3, 18)).toBe(0);
  });
});
