import type { ReactNode } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import { ErrorNotice } from '../../components/error-notice';
import { Panel } from '../../components/panel';

/**
 * What every resource view shares around its table: the panel, the search and filter toolbar,
 * the state of the read (loading, failed, re-reading), what the daemon's answer left out, and the
 * removal report.
 */
export function ResourceFrame({
  title,
  summary,
  toolbar,
  count,
  loading,
  error,
  reading,
  notes,
  report,
  children,
}: {
  title: string;
  summary?: ReactNode;
  toolbar: ReactNode;
  count: string;
  loading: boolean;
  error: ErrorEnvelope | undefined;
  reading: boolean;
  notes: readonly string[];
  report?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Panel title={title} className="containers-panel resources-panel" actions={summary}>
      <div className="toolbar">
        {toolbar}
        <span className="toolbar-count" role="status" aria-live="polite">
          {reading ? 'Reading… · ' : ''}
          {count}
        </span>
      </div>
      {report}
      {error ? <ErrorNotice error={error} title={`The ${title.toLowerCase()} could not be read:`} /> : null}
      {notes.map((note) => (
        <p key={note} className="empty-inline muted" role="note">
          {note}
        </p>
      ))}
      {loading ? <p className="empty-inline">Reading the {title.toLowerCase()}…</p> : children}
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
