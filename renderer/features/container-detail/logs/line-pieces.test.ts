import { describe, expect, it } from 'vitest';
import { linePieces } from './line-pieces';

describe('linePieces', () => {
  it('cuts coloured segments at match boundaries', () => {
    const pieces = linePieces('\u001b[31mred\u001b[0m plain', [[1, 6]]);
    expect(pieces).toEqual([
      { text: 'r', style: { fg: 'ansi-1' }, highlighted: false },
      { text: 'ed', style: { fg: 'ansi-1' }, highlighted: true },
      { text: ' pl', style: {}, highlighted: true },
      { text: 'ain', style: {}, highlighted: false },
    ]);
  });

  it('handles several ranges inside one segment and none at all', () => {
    expect(
      linePieces('abcabc', [
        [0, 1],
        [3, 4],
      ]).map((piece) => [piece.text, piece.highlighted]),
    ).toEqual([
      ['a', true],
      ['bc', false],
      ['a', true],
      ['bc', false],
    ]);
    expect(linePieces('abc', [])).toEqual([{ text: 'abc', style: {}, highlighted: false }]);
  });

  it('draws at most the stated number of characters', () => {
    const pieces = linePieces('x'.repeat(1_000_000), [[0, 2]], 100);
    expect(pieces.reduce((sum, piece) => sum + piece.text.length, 0)).toBe(100);
  });
});
