import { type AnsiStyle, parseAnsi } from './ansi';
import type { MatchRange } from './log-filter';

export interface LinePiece {
  text: string;
  style: AnsiStyle;
  highlighted: boolean;
}

/** Characters of one line drawn in the view; the rest is announced (copy and download keep all). */
export const MAX_DRAWN_CHARACTERS = 4_000;

/**
 * A line's styled segments cut at the filter's match boundaries, so a match is highlighted
 * without losing the colours around and inside it. Ranges are offsets in the plain text
 * (the concatenation of the segments), as the filter computes them on `LogLine.plain`.
 */
export function linePieces(text: string, ranges: readonly MatchRange[], maxCharacters = MAX_DRAWN_CHARACTERS): LinePiece[] {
  const { segments } = parseAnsi(text);
  const pieces: LinePiece[] = [];
  let offset = 0;
  let rangeIndex = 0;
  for (const segment of segments) {
    if (offset >= maxCharacters) break;
    const segmentText = segment.text.slice(0, maxCharacters - offset);
    const end = offset + segmentText.length;
    let cursor = offset;
    while (cursor < end) {
      const range = ranges[rangeIndex];
      if (range === undefined || range[0] >= end) {
        pieces.push({ text: segmentText.slice(cursor - offset), style: segment.style, highlighted: false });
        cursor = end;
      } else if (range[1] <= cursor) {
        rangeIndex += 1;
      } else if (range[0] > cursor) {
        pieces.push({ text: segmentText.slice(cursor - offset, range[0] - offset), style: segment.style, highlighted: false });
        cursor = range[0];
      } else {
        const stop = Math.min(range[1], end);
        pieces.push({ text: segmentText.slice(cursor - offset, stop - offset), style: segment.style, highlighted: true });
        cursor = stop;
        if (stop === range[1]) rangeIndex += 1;
      }
    }
    offset += segment.text.length;
  }
  return pieces;
}
