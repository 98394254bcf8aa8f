import { type FormEvent, useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { pluralize } from '../../../lib/format';
import { FilteredLines } from './filtered-lines';
import { DownloadLogButton, LogCounts } from './log-counts';
import { type LogFilter, compileFilter } from './log-filter';
import { LogView } from './log-view';
import { type LogConnection, type LogQuery, type LogTarget, useLogStream } from './use-log-stream';

const DEFAULT_TAIL = 500;

function ConnectionNote({ connection }: { connection: LogConnection }) {
  let text = '';
  let tone = 'muted';
  if (connection.state === 'opening') text = 'Opening the log…';
  else if (connection.state === 'live') text = connection.tty ? 'Live · TTY container: one raw stream' : 'Live';
  else if (connection.state === 'lost') {
    text = `Connection lost — resuming… (${connection.error.code}: ${connection.error.message})`;
    tone = 'warn';
  } else if (connection.state === 'resumed') {
    text = `Resumed from ${connection.since}, no line lost or repeated`;
    tone = 'ok';
  } else if (!connection.error) text = 'End of log';
  return text ? (
    <span className={`stream-note stream-note--${tone}`} role="status" aria-live="polite">
      {text}
    </span>
  ) : null;
}

/** Parses the tail field: a whole number or "all". */
function parseTail(value: string): number | 'all' | null {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === 'all') return 'all';
  if (!/^\d{1,7}$/.test(trimmed)) return null;
  return Number(trimmed);
}

/**
 * A container's log: follow live, tail/since/until, timestamps, stdout and stderr told apart,
 * ANSI colours, filter as you type (substring or regex) with highlights, copy and download.
 */
export function LogsTab({ hostId, target, name }: { hostId: string; target: LogTarget; name: string }) {
  const [query, setQuery] = useState<LogQuery>({ follow: true, tail: DEFAULT_TAIL });
  const [draft, setDraft] = useState({ tail: String(DEFAULT_TAIL), since: '', until: '' });
  const [draftError, setDraftError] = useState<string | null>(null);
  const [showTimestamps, setShowTimestamps] = useState(false);
  const [follow, setFollow] = useState(true);
  const [filterText, setFilterText] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const lastFilter = useRef<LogFilter | null>(null);
  const { store, connection } = useLogStream(hostId, target, query);

  const deferredFilter = useDeferredValue(filterText);
  const compiled = useMemo(() => compileFilter(deferredFilter, { regex, caseSensitive }), [deferredFilter, regex, caseSensitive]);
  // A regex still being typed (and not compiling yet) keeps the last working filter.
  if (compiled.ok) lastFilter.current = compiled.filter;
  const filter = compiled.ok ? compiled.filter : lastFilter.current;
  // One FilteredLines per filter: it keeps itself up to date as lines arrive.
  const lines = useMemo(() => new FilteredLines(store, filter), [store, filter]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const tail = parseTail(draft.tail);
    if (tail === null) {
      setDraftError('Tail: give a number of lines (e.g. 500) or "all".');
      return;
    }
    setDraftError(null);
    setQuery({
      follow: query.follow,
      tail,
      ...(draft.since.trim() ? { since: draft.since.trim() } : {}),
      ...(draft.until.trim() ? { until: draft.until.trim() } : {}),
    });
    setFollow(true);
  };

  const copySelection = useCallback(async () => {
    const text = window.getSelection()?.toString() ?? '';
    if (text === '') {
      setCopied('Select some lines first (drag over them), then copy.');
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`Copied ${pluralize(text.split('\n').length, 'line')}.`);
    } catch {
      setCopied('The clipboard refused: use Ctrl+C on the selection.');
    }
  }, []);

  return (
    <div className="logs-tab">
      <form className="toolbar logs-query" onSubmit={apply} aria-label="Log range">
        <label className="inline-field">
          Tail
          <input
            className="input input--narrow"
            aria-label="Tail lines"
            value={draft.tail}
            onChange={(event) => setDraft({ ...draft, tail: event.target.value })}
          />
        </label>
        <label className="inline-field">
          Since
          <input
            className="input input--time"
            aria-label="Since"
            placeholder="10m, 2026-01-01T10:00:00Z"
            value={draft.since}
            onChange={(event) => setDraft({ ...draft, since: event.target.value })}
          />
        </label>
        <label className="inline-field">
          Until
          <input
            className="input input--time"
            aria-label="Until"
            placeholder="now"
            value={draft.until}
            onChange={(event) => setDraft({ ...draft, until: event.target.value })}
          />
        </label>
        <label className="inline-field">
          <input type="checkbox" checked={query.follow} onChange={(event) => setQuery({ ...query, follow: event.target.checked })} />
          Live
        </label>
        <button type="submit" className="button button--small">
          Apply
        </button>
        {draftError ? (
          <span className="field-error" role="alert">
            {draftError}
          </span>
        ) : null}
      </form>
      <div className="toolbar logs-tools">
        <input
          type="search"
          className={`input input--search${compiled.ok ? '' : ' input--invalid'}`}
          aria-label="Filter log lines"
          aria-invalid={!compiled.ok}
          placeholder={regex ? 'Regular expression…' : 'Filter lines…'}
          value={filterText}
          onChange={(event) => setFilterText(event.target.value)}
        />
        <button
          type="button"
          className={`toggle-button${regex ? ' toggle-button--on' : ''}`}
          aria-pressed={regex}
          title="Regular expression"
          onClick={() => setRegex(!regex)}
        >
          .*
        </button>
        <button
          type="button"
          className={`toggle-button${caseSensitive ? ' toggle-button--on' : ''}`}
          aria-pressed={caseSensitive}
          title="Match case"
          onClick={() => setCaseSensitive(!caseSensitive)}
        >
          Aa
        </button>
        <label className="inline-field">
          <input type="checkbox" checked={showTimestamps} onChange={(event) => setShowTimestamps(event.target.checked)} />
          Timestamps
        </label>
        <span className="toolbar-spacer" />
        <button type="button" className="button button--small button--ghost" onClick={() => setFollow(!follow)} aria-pressed={!follow}>
          {follow ? 'Pause' : 'Resume'}
        </button>
        <button type="button" className="button button--small button--ghost" onClick={() => setFollow(true)} disabled={follow}>
          Jump to end
        </button>
        <button type="button" className="button button--small button--ghost" onClick={() => void copySelection()}>
          Copy selection
        </button>
        <DownloadLogButton store={store} fileName={`${name}-logs.txt`} withTimestamps={showTimestamps} />
      </div>
      {!compiled.ok ? (
        <p className="field-error logs-filter-error" role="alert">
          {compiled.error}
        </p>
      ) : null}
      <div className="logs-status">
        <ConnectionNote connection={connection} />
        <LogCounts store={store} lines={lines} />
        {!follow ? <span className="stream-note stream-note--warn">Paused: new lines arrive below</span> : null}
        {copied ? <span className="muted">{copied}</span> : null}
      </div>
      {connection.state === 'ended' && connection.error ? (
        <ErrorNotice error={connection.error} title="The log could not be read:" />
      ) : null}
      <LogView store={store} lines={lines} showTimestamps={showTimestamps} follow={follow} onFollowChange={setFollow} />
    </div>
  );
}
