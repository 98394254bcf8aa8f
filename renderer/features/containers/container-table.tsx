import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerSummary } from '../../../shared/snapshot';
import { useNow } from '../../lib/use-now';
import { rowSlotKey } from '../../lib/row-slots';
import { SortHeader } from '../../components/sort-header';
import { ContainerRow } from './container-row';
import type { SortKey, SortOrder } from './filter-containers';
import type { HostColumn } from './host-column';

export const ROW_HEIGHT = 30;

type Column = { key: SortKey | null; label: string; className: string };
const SELECT_COLUMN: Column = { key: null, label: '', className: 'ctable-select' };
const HOST_COLUMN: Column = { key: 'host', label: 'Host', className: 'ctable-host' };
const COLUMNS: Column[] = [
  { key: 'name', label: 'Name', className: 'ctable-name' },
  { key: 'image', label: 'Image', className: 'ctable-image' },
  { key: 'state', label: 'State', className: 'ctable-state' },
  { key: null, label: 'Status', className: 'ctable-status' },
  { key: null, label: 'Ports', className: 'ctable-ports' },
  { key: 'created', label: 'Created', className: 'ctable-created' },
];

export interface ContainerTableProps {
  rows: readonly ContainerSummary[];
  sort: SortOrder | null;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  /** Selects every row shown (or clears the selection when all are selected). */
  onToggleAll: () => void;
  onOpen: (id: string) => void;
  /** A table over several hosts: adds the Host column and keys rows across hosts. */
  hostColumn?: HostColumn | undefined;
}

/**
 * The containers as an ARIA table, virtualized: only the rows in view (plus a few) exist in
 * the DOM, so thousands of containers scroll smoothly.
 */
export function ContainerTable({ rows, sort, onSort, selected, onToggle, onToggleAll, onOpen, hostColumn }: ContainerTableProps) {
  const keyOf = useCallback((container: ContainerSummary) => (hostColumn ? hostColumn.rowKey(container) : container.id), [hostColumn]);
  // Stable between renders: the virtualizer recomputes every row's position (10,000 key calls)
  // whenever this function changes, and it renders on every scroll step.
  const getItemKey = useCallback((index: number) => (rows[index] ? keyOf(rows[index]) : index), [rows, keyOf]);
  const columns = hostColumn ? [SELECT_COLUMN, HOST_COLUMN, ...COLUMNS] : [SELECT_COLUMN, ...COLUMNS];
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  useEffect(() => {
    if (active >= rows.length) setActive(Math.max(0, rows.length - 1));
  }, [active, rows.length]);
  const now = useNow(60_000);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey,
    initialRect: { width: 960, height: 480 },
  });
  const items = virtualizer.getVirtualItems();
  // Not on every scroll step: with every row selected this walks all of them.
  const allSelected = useMemo(() => rows.length > 0 && rows.every((row) => selected.has(keyOf(row))), [rows, selected, keyOf]);

  // The rows body is one tab stop: arrows move the active row, Enter opens it, Space selects it.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = (index: number) => {
      event.preventDefault();
      const next = Math.min(Math.max(index, 0), rows.length - 1);
      setActive(next);
      virtualizer.scrollToIndex(next);
    };
    if (event.key === 'ArrowDown') move(active + 1);
    else if (event.key === 'ArrowUp') move(active - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'PageDown') move(active + 15);
    else if (event.key === 'PageUp') move(active - 15);
    else if (event.key === 'Enter' && rows[active]) {
      event.preventDefault();
      onOpen(keyOf(rows[active]));
    } else if (event.key === ' ' && rows[active]) {
      event.preventDefault();
      onToggle(keyOf(rows[active]));
    }
  };

  return (
    <div role="table" aria-label="Containers" aria-rowcount={rows.length + 1} className={`ctable${hostColumn ? ' ctable--hosts' : ''}`}>
      <div role="rowgroup" className="ctable-head">
        <div role="row" aria-rowindex={1} className="ctable-row ctable-row--head">
          {columns.map((column) => (
            <SortHeader key={column.label} className={column.className} sortKey={column.key} sort={sort} onSort={onSort}>
              {column.className === 'ctable-select' ? (
                <input type="checkbox" aria-label="Select all shown" checked={allSelected} onChange={onToggleAll} />
              ) : (
                column.label
              )}
            </SortHeader>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        role="rowgroup"
        className="ctable-body"
        tabIndex={0}
        aria-label="Container rows"
        aria-keyshortcuts="Enter Space ArrowUp ArrowDown"
        onKeyDown={onKeyDown}
      >
        <div className="ctable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const container = rows[item.index];
            if (!container) return null;
            const rowKey = keyOf(container);
            return (
              <ContainerRow
                key={rowSlotKey(item.index, items.length)}
                container={container}
                rowKey={rowKey}
                host={hostColumn?.hostOf(container)}
                rowIndex={item.index + 2}
                top={item.start}
                height={ROW_HEIGHT}
                now={now}
                selected={selected.has(rowKey)}
                active={item.index === active}
                onToggle={onToggle}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
