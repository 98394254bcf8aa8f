/** Sorting and searching the resource lists: the same rules as the containers table. */

export interface SortOrder<Key extends string> {
  key: Key;
  direction: 'asc' | 'desc';
}

export const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Clicking a header: ascending (descending first for `descFirst` keys such as sizes and dates), then the other way, then unsorted. */
export function nextSort<Key extends string>(current: SortOrder<Key> | null, key: Key, descFirst: readonly Key[]): SortOrder<Key> | null {
  const first = descFirst.includes(key) ? 'desc' : 'asc';
  if (current?.key !== key) return { key, direction: first };
  return current.direction === first ? { key, direction: first === 'asc' ? 'desc' : 'asc' } : null;
}

/**
 * Rows whose search text holds every whitespace-separated term of `query` (case-insensitive)
 * and that pass `keep`, sorted by `sort` (ties by `tieBreak`), as a new array.
 */
export function filterAndSort<Row, Key extends string>(
  rows: readonly Row[],
  options: {
    query: string;
    searchText: (row: Row) => string;
    keep?: ((row: Row) => boolean) | undefined;
    sort: SortOrder<Key> | null;
    comparators: Record<Key, (a: Row, b: Row) => number>;
    tieBreak: (a: Row, b: Row) => number;
  },
): Row[] {
  const terms = options.query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term !== '');
  const matches = rows.filter((row) => {
    if (options.keep && !options.keep(row)) return false;
    if (terms.length === 0) return true;
    const text = options.searchText(row).toLowerCase();
    return terms.every((term) => text.includes(term));
  });
  const { sort } = options;
  if (!sort) return matches;
  const factor = sort.direction === 'asc' ? 1 : -1;
  const compare = options.comparators[sort.key];
  return matches.sort((a, b) => factor * compare(a, b) || options.tieBreak(a, b));
}
