import { type ReactNode, useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { ContainerCounts, ContainerSummary } from '../../../shared/snapshot';
import { Panel } from '../../components/panel';
import { pluralize } from '../../lib/format';
import { ContainerTable } from './container-table';
import { type SortKey, type SortOrder, type StateFilter, STATE_ORDER, countByState, filterContainers } from './filter-containers';
import type { HostColumn } from './host-column';
import './containers.css';

export interface ContainersPanelProps {
  containers: readonly ContainerSummary[];
  counts: ContainerCounts;
  /** A row click or Enter: open the container's detail. */
  onOpen?: (id: string) => void;
  /** The actions for the selected containers (composed by the dashboard). */
  selectionActions?: (selected: readonly ContainerSummary[], clear: () => void) => ReactNode;
  /** A table over several hosts (the fleet's): the Host column; `onOpen` then gets hostColumn.rowKey. */
  hostColumn?: HostColumn;
  /** The search the panel starts with (e.g. from a fleet search result). */
  initialQuery?: string;
  /** More filters beside the search and the state (e.g. the fleet's host filter). */
  toolbarExtra?: ReactNode;
  /** Shown when there are no containers at all. */
  emptyText?: string;
}

/** Search, state filter, selection and the virtualized table; live through pushed snapshots. */
export function ContainersPanel({
  containers,
  counts,
  onOpen,
  selectionActions,
  hostColumn,
  initialQuery = '',
  toolbarExtra,
  emptyText = 'No containers on this host.',
}: ContainersPanelProps) {
  const [query, setQuery] = useState(initialQuery);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const [state, setState] = useState<StateFilter>('all');
  const [sort, setSort] = useState<SortOrder | null>(null);
  // Typing stays responsive with thousands of rows: filtering follows at lower priority.
  const deferredQuery = useDeferredValue(query);
  const hostName = useMemo(
    () => (hostColumn ? (container: ContainerSummary) => hostColumn.hostOf(container).name : undefined),
    [hostColumn],
  );
  const rows = useMemo(
    () => filterContainers(containers, deferredQuery, state, sort, hostName),
    [containers, deferredQuery, state, sort, hostName],
  );
  const keyOf = useCallback((container: ContainerSummary) => (hostColumn ? hostColumn.rowKey(container) : container.id), [hostColumn]);
  const byState = useMemo(() => countByState(containers), [containers]);
  const onSort = (key: SortKey) =>
    setSort((current) =>
      current?.key !== key
        ? { key, direction: key === 'created' ? 'desc' : 'asc' }
        : current.direction === 'asc'
          ? { key, direction: 'desc' }
          : null,
    );
  const filtered = query !== '' || state !== 'all';
  // Containers removed meanwhile leave the selection by themselves.
  const selected = useMemo(() => containers.filter((container) => selectedIds.has(keyOf(container))), [containers, selectedIds, keyOf]);
  const selectedSet = useMemo(() => new Set(selected.map(keyOf)), [selected, keyOf]);
  const onToggle = useCallback(
    (id: string) =>
      setSelectedIds((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const onToggleAll = () =>
    setSelectedIds(rows.length > 0 && rows.every((row) => selectedSet.has(keyOf(row))) ? new Set() : new Set(rows.map(keyOf)));
  const clearSelection = useCallback(() => setSelectedIds(new Set()), []);
  const noop = useCallback(() => undefined, []);

  return (
    <Panel
      title="Containers"
      className="containers-panel"
      actions={
        <span className="muted">
          {counts.running.toLocaleString('en-US')} running · {counts.paused.toLocaleString('en-US')} paused ·{' '}
          {counts.stopped.toLocaleString('en-US')} stopped · {counts.total.toLocaleString('en-US')} total
        </span>
      }
    >
      <div className="toolbar">
        <input
          type="search"
          className="input input--search"
          aria-label="Search containers"
          placeholder="Search name, image, id, status, ports…"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        {toolbarExtra}
        <select
          aria-label="Filter by state"
          className="select"
          value={state}
          onChange={(event) => setState(event.target.value as StateFilter)}
        >
          <option value="all">All states ({containers.length.toLocaleString('en-US')})</option>
          {STATE_ORDER.filter((value) => byState.has(value) || value === state).map((value) => (
            <option key={value} value={value}>
              {value} ({(byState.get(value) ?? 0).toLocaleString('en-US')})
            </option>
          ))}
        </select>
        <span className="toolbar-count" role="status" aria-live="polite">
          {filtered ? `${pluralize(rows.length, 'match', 'matches')}` : pluralize(rows.length, 'container')}
        </span>
      </div>
      {selected.length > 0 ? (
        <div className="selection-bar" aria-label="Selection">
          <strong>{pluralize(selected.length, 'container')} selected</strong>
          {selectionActions ? selectionActions(selected, clearSelection) : null}
          <button type="button" className="link-button" onClick={clearSelection}>
            Clear selection
          </button>
        </div>
      ) : null}
      {containers.length === 0 ? (
        <p className="empty-inline">{emptyText}</p>
      ) : rows.length === 0 ? (
        <p className="empty-inline">
          No container matches.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setQuery('');
              setState('all');
            }}
          >
            Clear filters
          </button>
        </p>
      ) : (
        <ContainerTable
          rows={rows}
          sort={sort}
          onSort={onSort}
          selected={selectedSet}
          onToggle={onToggle}
          onToggleAll={onToggleAll}
          onOpen={onOpen ?? noop}
          hostColumn={hostColumn}
        />
      )}
    </Panel>
  );
}
