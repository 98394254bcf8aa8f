/**
 * Keeps the previous row objects where a re-read brought the same content (and the previous
 * array when nothing changed at all), so a re-read after an unrelated event re-sorts nothing and
 * redraws no row: the views memoize on these identities.
 */
export function shareRows<Row>(previous: readonly Row[] | undefined, next: Row[], keyOf: (row: Row) => string): Row[] {
  if (!previous || previous.length === 0) return next;
  const before = new Map<string, { row: Row; json: string }>();
  for (const row of previous) before.set(keyOf(row), { row, json: JSON.stringify(row) });
  let changed = previous.length !== next.length;
  const shared = next.map((row, index) => {
    const old = before.get(keyOf(row));
    if (old && old.json === JSON.stringify(row)) {
      if (previous[index] !== old.row) changed = true;
      return old.row;
    }
    changed = true;
    return row;
  });
  return changed ? shared : (previous as Row[]);
}
