import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, memo, useRef, useState } from 'react';
import type { SortOrder } from './sort-rows';
import { SortHeader } from '../../components/sort-header';

export const RESOURCE_ROW_HEIGHT = 30;

export interface ResourceColumn<Row, Key extends string> {
  /** The sort key this header sorts by; null for a column that does not sort. */
  sortKey: Key | null;
  label: string;
  /** A CSS grid track, e.g. `minmax(160px, 2fr)` or `90px`. */
  width: string;
  className?: string;
  render: (row: Row) => ReactNode;
  /** The cell's tooltip (full text of a cut value). */
  title?: (row: Row) => string | undefined;
}

export interface ResourceTableProps<Row, Key extends string> {
  label: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: ReadonlyArray<ResourceColumn<Row, Key>>;
  sort: SortOrder<Key> | null;
  onSort: (key: Key) => void;
  /** Extra class per row (a dangling image, a built-in network). */
  rowClass?: (row: Row) => string;
}

/**
 * A resource list as an ARIA table, virtualized like the containers table: only the rows in view
 * (plus a few) exist in the DOM. Arrow keys, Home/End and PageUp/PageDown move through the rows.
 */
export function ResourceTable<Row, Key extends string>({
  label,
  rows,
  rowKey,
  columns,
  sort,
  onSort,
  rowClass,
}: ResourceTableProps<Row, Key>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => RESOURCE_ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : rowKey(row);
    },
    initialRect: { width: 960, height: 480 },
  });
  const template = columns.map((column) => column.width).join(' ');
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: active + 15,
      PageUp: active - 15,
    };
    const target = moves[event.key];
    if (target === undefined || event.target !== event.currentTarget) return;
    event.preventDefault();
    const next = Math.min(Math.max(target, 0), rows.length - 1);
    setActive(next);
    virtualizer.scrollToIndex(next);
  };
  return (
    <div
      role="table"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      className="ctable rtable"
      style={{ ['--ctable-columns' as string]: template }}
    >
      <div role="rowgroup" className="ctable-head">
        <div role="row" aria-rowindex={1} className="ctable-row ctable-row--head">
          {columns.map((column) => (
            <SortHeader key={column.label} className={column.className ?? ''} sortKey={column.sortKey} sort={sort} onSort={onSort}>
              {column.label}
            </SortHeader>
          ))}
        </div>
      </div>
      <div ref={scroller} role="rowgroup" className="ctable-body" tabIndex={0} aria-label={`${label} rows`} onKeyDown={onKeyDown}>
        <div className="ctable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <ResourceRow
                key={item.key}
                row={row}
                columns={columns}
                rowIndex={item.index + 2}
                top={item.start}
                active={item.index === active}
                className={rowClass?.(row) ?? ''}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface ResourceRowProps<Row, Key extends string> {
  row: Row;
  columns: ReadonlyArray<ResourceColumn<Row, Key>>;
  rowIndex: number;
  top: number;
  active: boolean;
  className: string;
}

/** One row, memoized on the row object: a re-read that keeps a row's identity does not redraw it. */
const ResourceRow = memo(function ResourceRow<Row, Key extends string>({
  row,
  columns,
  rowIndex,
  top,
  active,
  className,
}: ResourceRowProps<Row, Key>) {
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={`ctable-row${active ? ' ctable-row--active' : ''} ${className}`}
      style={{ transform: `translateY(${top}px)`, height: RESOURCE_ROW_HEIGHT }}
    >
      {columns.map((column) => (
        <div key={column.label} role="cell" className={`ctable-cell ${column.className ?? ''}`} title={column.title?.(row)}>
          {column.render(row)}
        </div>
      ))}
    </div>
  );
}) as <Row, Key extends string>(props: ResourceRowProps<Row, Key>) => ReactNode;
