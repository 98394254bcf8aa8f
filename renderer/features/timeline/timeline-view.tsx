import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import { type TimelineEvent, type TimelinePage, matchesTimelineFilter } from '../../../shared/timeline-contract';
import { EmptyState } from '../../components/empty-state';
import { HostFilterSelect } from '../../components/host-filter-select';
import { ErrorNotice } from '../../components/error-notice';
import { Panel } from '../../components/panel';
import { toApiError } from '../../lib/api';
import { pluralize } from '../../lib/format';
import { useServices, useStoreState } from '../../lib/services';
import { useNow } from '../../lib/use-now';
import { standbyLagText } from './standby-lag';
import { type TimelineFilterForm, emptyTimelineFilter, queryOf, timelineEventTypes } from './timeline-filters';
import { TimelineList } from './timeline-list';
import './timeline.css';

const PAGE = 1_000;
/** Live events beyond this many rows push the oldest out of the view (they stay in the store). */
const MAX_ROWS = 20_000;

/** Every host's Docker events (or one host's), newest first, filtered, following new events live. */
export function TimelineView() {
  const { api } = useServices();
  const hosts = useStoreState((state) => state.hosts);
  const [form, setForm] = useState<TimelineFilterForm>(emptyTimelineFilter);
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [page, setPage] = useState<Pick<TimelinePage, 'more' | 'retention'> | null>(null);
  const [error, setError] = useState<ErrorEnvelope | null>(null);
  const [loading, setLoading] = useState(false);
  const query = useMemo(() => queryOf(form), [form]);
  const queryRef = useRef(query);
  queryRef.current = query;

  const names = useMemo(() => new Map(hosts.map((host) => [host.profile.id, host.profile.name])), [hosts]);
  const hostName = useCallback((hostId: string) => names.get(hostId) ?? hostId, [names]);

  const load = useCallback(
    (beforeSeq?: number) => {
      setLoading(true);
      api.invoke('timeline:query', { ...query, limit: PAGE, ...(beforeSeq !== undefined && { beforeSeq }) }).then(
        (result) => {
          setEvents((current) => (beforeSeq === undefined ? result.events : [...current, ...result.events]));
          setPage({ more: result.more, retention: result.retention });
          setError(null);
          setLoading(false);
        },
        (failure: unknown) => {
          setError(toApiError(failure).toEnvelope());
          setLoading(false);
        },
      );
    },
    [api, query],
  );
  useEffect(() => load(), [load]);

  // New events arrive oldest first; the ones the filter lets through go on top.
  useEffect(
    () =>
      api.on('timeline:appended', ({ events: added }) => {
        const shown = added.filter((event) => matchesTimelineFilter(event, queryRef.current)).reverse();
        if (shown.length > 0) setEvents((current) => [...shown, ...current].slice(0, MAX_ROWS));
      }),
    [api],
  );

  const set = (field: keyof TimelineFilterForm) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));
  const retention = page?.retention;
  const now = useNow(5_000);
  const standbyLag = standbyLagText(hosts, form.hostId, now);
  return (
    <div className="timeline-view">
      <Panel
        title="Event timeline"
        className="timeline-panel"
        actions={
          retention ? (
            <span className="muted">
              Kept per host: the newest {retention.maxEventsPerHost.toLocaleString('en-US')} events, at most {retention.maxAgeDays} days
            </span>
          ) : null
        }
      >
        <div className="toolbar timeline-toolbar">
          <HostFilterSelect
            hosts={hosts}
            value={form.hostId}
            label="Host"
            onChange={(hostId) => setForm((current) => ({ ...current, hostId }))}
          />
          <select className="select" aria-label="Event type" value={form.type} onChange={set('type')}>
            <option value="">All types</option>
            {timelineEventTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
          <input className="input" aria-label="Action" placeholder="Action (die, start…)" value={form.action} onChange={set('action')} />
          <input
            className="input"
            aria-label="Container"
            placeholder="Container name or id"
            value={form.container}
            onChange={set('container')}
          />
          <label className="timeline-time-field">
            <span className="muted">From</span>
            <input className="input" type="datetime-local" aria-label="From" value={form.since} onChange={set('since')} />
          </label>
          <label className="timeline-time-field">
            <span className="muted">To</span>
            <input className="input" type="datetime-local" aria-label="To" value={form.until} onChange={set('until')} />
          </label>
          <button type="button" className="button button--small button--ghost" onClick={() => setForm(emptyTimelineFilter)}>
            Clear
          </button>
          <span className="toolbar-count" role="status">
            {page ? `${pluralize(events.length, 'event')}${page.more ? '+' : ''}` : ''}
          </span>
        </div>
        {standbyLag ? (
          <p className="timeline-standby muted" role="note">
            {standbyLag}
          </p>
        ) : null}
        {error ? <ErrorNotice error={error} title="The timeline could not be read:" /> : null}
        {page && events.length === 0 ? (
          <EmptyState title="No events">
            Docker events of every connected host appear here as they happen: containers created, started, dying; images pulled; volumes and
            networks changed.
          </EmptyState>
        ) : null}
        {events.length > 0 ? <TimelineList events={events} hostName={hostName} /> : null}
        {page?.more ? (
          <div className="timeline-more">
            <button type="button" className="button button--small" disabled={loading} onClick={() => load(events.at(-1)?.seq)}>
              {loading ? 'Reading…' : 'Older events'}
            </button>
          </div>
        ) : null}
      </Panel>
    </div>
  );
}
