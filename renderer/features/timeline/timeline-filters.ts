import type { TimelineQuery } from '../../../shared/timeline-contract';

/** What the operator set in the timeline's toolbar; empty strings mean "any". */
export interface TimelineFilterForm {
  hostId: string;
  type: string;
  action: string;
  container: string;
  /** `datetime-local` values (local time), or ''. */
  since: string;
  until: string;
}

export const emptyTimelineFilter: TimelineFilterForm = { hostId: '', type: '', action: '', container: '', since: '', until: '' };

/** The event types Docker sends, for the type filter. */
export const timelineEventTypes = [
  'container',
  'image',
  'volume',
  'network',
  'daemon',
  'plugin',
  'builder',
  'service',
  'node',
  'secret',
  'config',
];

/** The query (without limit and page) the form stands for. */
export function queryOf(form: TimelineFilterForm): Omit<TimelineQuery, 'limit' | 'beforeSeq'> {
  const since = form.since === '' ? Number.NaN : new Date(form.since).getTime();
  const until = form.until === '' ? Number.NaN : new Date(form.until).getTime();
  return {
    ...(form.hostId !== '' && { hostId: form.hostId }),
    ...(form.type !== '' && { types: [form.type] }),
    ...(form.action.trim() !== '' && { action: form.action.trim() }),
    ...(form.container.trim() !== '' && { container: form.container.trim() }),
    ...(Number.isFinite(since) && { sinceMs: since }),
    // A minute picked as "until" includes its whole minute.
    ...(Number.isFinite(until) && { untilMs: until + 59_999 }),
  };
}

/** Local date and time with milliseconds: events often share a second. */
export function formatEventTime(timeNano: number): string {
  const date = new Date(timeNano / 1e6);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
