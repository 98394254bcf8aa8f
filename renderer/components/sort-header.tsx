import type { ReactNode } from 'react';

/**
 * A column header of a sortable ARIA table: a button that sorts by `sortKey` with ▲/▼ and
 * `aria-sort`, or plain content for a column that does not sort.
 */
export function SortHeader<Key extends string>({
  className,
  sortKey,
  sort,
  onSort,
  children,
}: {
  className: string;
  sortKey: Key | null;
  sort: { key: Key; direction: 'asc' | 'desc' } | null;
  onSort: (key: Key) => void;
  children: ReactNode;
}) {
  const sorted = sortKey !== null && sort?.key === sortKey ? sort.direction : null;
  return (
    <div
      role="columnheader"
      className={`ctable-cell ${className}`}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : sortKey ? 'none' : undefined}
    >
      {sortKey !== null ? (
        <button type="button" className="sort-button" onClick={() => onSort(sortKey)}>
          {children}
          <span className="sort-indicator" aria-hidden="true">
            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
          </span>
        </button>
      ) : (
        children
      )}
    </div>
  );
}
