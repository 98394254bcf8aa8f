/** Rows drawn beyond each edge of the viewport, so a quick scroll shows no blank band. */
export const OVERSCAN_ROWS = 20;

export interface RowWindow {
  /** The first drawn row (inclusive) and the end (exclusive). */
  first: number;
  end: number;
}

/**
 * Which rows of a fixed-row-height list are drawn for a viewport: pure arithmetic, O(1) however
 * many rows there are (no per-row measurement, unlike a general virtualizer).
 */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  count: number,
  rowHeight: number,
  overscan = OVERSCAN_ROWS,
): RowWindow {
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight - viewportHeight));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((top + viewportHeight) / rowHeight) + overscan);
  return { first, end: Math.max(first, end) };
}

/** The scrollTop that shows the last row at the bottom of the viewport. */
export function bottomScrollTop(viewportHeight: number, count: number, rowHeight: number): number {
  return Math.max(0, count * rowHeight - viewportHeight);
}
