import type { ReactNode } from 'react';
import type { ResourceKind } from '../../../shared/resources';
import { ErrorNotice } from '../../components/error-notice';
import { Panel } from '../../components/panel';
import type { ResourceListState } from './use-resource-list';

export interface FrameSearch {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}

/**
 * What every resource view shares around its table: the panel, the search (and filter) toolbar,
 * the state of the read (loading, failed, re-reading), what the daemon's answer left out, the
 * removal report, and the empty text (nothing on the host, or nothing matching with a way back).
 */
export function ResourceFrame<K extends ResourceKind>({
  title,
  noun,
  summary,
  list,
  search,
  filter,
  shown,
  count,
  onClear,
  report,
  children,
}: {
  title: string;
  /** Plural, for "No images on this host." */
  noun: string;
  summary?: ReactNode;
  list: ResourceListState<K>;
  search: FrameSearch;
  filter?: ReactNode;
  /** Rows after search and filter. */
  shown: number;
  count: string;
  onClear: () => void;
  report?: ReactNode;
  children: ReactNode;
}) {
  const total = list.state === 'loaded' ? list.list.rows.length : 0;
  const error = list.state === 'failed' || list.state === 'loaded' ? list.error : undefined;
  return (
    <Panel title={title} className="containers-panel resources-panel" actions={summary}>
      <div className="toolbar">
        <input
          type="search"
          className="input input--search"
          aria-label={search.label}
          placeholder={search.placeholder}
          value={search.value}
          onChange={(event) => search.onChange(event.target.value)}
        />
        {filter}
        <span className="toolbar-count" role="status" aria-live="polite">
          {list.state === 'loaded' && list.reading ? 'Reading… · ' : ''}
          {count}
        </span>
      </div>
      {report}
      {error ? <ErrorNotice error={error} title={`The ${title.toLowerCase()} could not be read:`} /> : null}
      {list.state === 'loaded'
        ? list.list.notes.map((note) => (
            <p key={note} className="empty-inline muted" role="note">
              {note}
            </p>
          ))
        : null}
      {list.state === 'loading' ? (
        <p className="empty-inline">Reading the {title.toLowerCase()}…</p>
      ) : list.state === 'failed' ? null : shown > 0 ? (
        children
      ) : (
        <EmptyRows total={total} noun={noun} onClear={onClear} />
      )}
    </Panel>
  );
}

/** The empty text of a list: nothing at all, or nothing matching (with a way back). */
export function EmptyRows({ total, noun, onClear }: { total: number; noun: string; onClear: () => void }) {
  return total === 0 ? (
    <p className="empty-inline">No {noun} on this host.</p>
  ) : (
    <p className="empty-inline">
      No {noun} match.{' '}
      <button type="button" className="link-button" onClick={onClear}>
        Clear filters
      </button>
    </p>
  );
}
