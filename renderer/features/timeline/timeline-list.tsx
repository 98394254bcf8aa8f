import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { TimelineEvent } from '../../../shared/timeline-contract';
import { formatEventTime } from './timeline-filters';

const ROW_HEIGHT = 28;

/** Content digests and container ids shortened to 12 characters, as the docker CLI prints them. */
const shortId = (id: string) => (id.startsWith('sha256:') ? id.slice(7, 19) : /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id);

/** The shared pill tone of each event type (components.css): containers stand out, the rest stay quiet. */
function typeTone(type: string): 'accent' | 'key' | 'info' | 'muted' {
  if (type === 'container') return 'accent';
  if (type === 'image') return 'key';
  return type === 'volume' || type === 'network' ? 'info' : 'muted';
}

function actorLabel(event: TimelineEvent): string {
  return shortId(event.name ?? event.actorId);
}

function detailsOf(event: TimelineEvent): string {
  const parts: string[] = [];
  if (event.image) parts.push(event.image);
  if (event.attributes.exitCode !== undefined) parts.push(`exit ${event.attributes.exitCode}`);
  if (event.attributes.signal !== undefined) parts.push(`signal ${event.attributes.signal}`);
  return parts.join(' · ');
}

/** The events as a virtualized ARIA table: only the rows in view exist in the DOM. */
export function TimelineList({ events, hostName }: { events: readonly TimelineEvent[]; hostName: (hostId: string) => string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
    getItemKey: (index) => events[index]?.seq ?? index,
    initialRect: { width: 960, height: 480 },
  });
  return (
    <div className="timeline-table" role="table" aria-label="Docker events" aria-rowcount={events.length + 1}>
      <div className="timeline-row timeline-row--head" role="row">
        <span role="columnheader">Time</span>
        <span role="columnheader">Host</span>
        <span role="columnheader">Type</span>
        <span role="columnheader">Action</span>
        <span role="columnheader">Actor</span>
        <span role="columnheader">Details</span>
      </div>
      <div className="timeline-scroll" ref={scroller} role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const event = events[item.index]!;
            return (
              <div
                key={item.key}
                className={`timeline-row timeline-row--${event.type}`}
                role="row"
                aria-rowindex={item.index + 2}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span role="cell" className="timeline-time mono">
                  {formatEventTime(event.timeNano)}
                </span>
                <span role="cell" className="timeline-host">
                  {hostName(event.hostId)}
                </span>
                <span role="cell">
                  <span className={`pill pill--${typeTone(event.type)}`}>{event.type}</span>
                </span>
                <span role="cell" className={`timeline-action timeline-action--${event.action.replace(/[^a-z_]/gi, '-')}`}>
                  {event.action}
                </span>
                <span role="cell" className="timeline-actor mono" title={event.actorId}>
                  {actorLabel(event)}
                </span>
                <span role="cell" className="timeline-details muted">
                  {detailsOf(event)}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
