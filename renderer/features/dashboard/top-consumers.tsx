import { useEffect, useState } from 'react';
import type { TopConsumer, TopConsumers as Top } from '../../../shared/containers';
import type { ErrorEnvelope } from '../../../shared/errors';
import { useServices } from '../../lib/services';
import { Panel } from '../../components/panel';
import { toApiError } from '../../lib/api';
import { formatMemory, pluralize } from '../../lib/format';

/** How often the panel reads the host's running containers' stats while it is visible. */
export const TOP_REFRESH_MS = 5000;
/** The first read waits this long, so flicking through hosts reads nothing for hosts passed by. */
const FIRST_READ_DELAY_MS = 400;

function Bar({ fraction }: { fraction: number }) {
  const width = Math.max(0, Math.min(1, fraction)) * 100;
  return (
    <svg className="top-bar-chart" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
      <rect className="top-bar-track" x={0} y={0} width={100} height={6} rx={2} />
      <rect className="top-bar-fill" x={0} y={0} width={width} height={6} rx={2} />
    </svg>
  );
}

function List({
  title,
  items,
  value,
  fraction,
  onOpen,
}: {
  title: string;
  items: TopConsumer[];
  value: (item: TopConsumer) => string;
  fraction: (item: TopConsumer) => number;
  onOpen?: (id: string) => void;
}) {
  return (
    <div className="top-list" role="group" aria-label={title}>
      <h3 className="top-list-title">{title}</h3>
      {items.length === 0 ? <p className="muted">No running containers.</p> : null}
      <ol className="top-items">
        {items.map((item) => (
          <li key={item.containerId} className="top-item">
            <button type="button" className="link-button top-name" onClick={() => onOpen?.(item.containerId)} title={item.name}>
              {item.name}
            </button>
            <span className="top-value">{value(item)}</span>
            <Bar fraction={fraction(item)} />
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * The host's busiest running containers by CPU and by memory, read every few seconds while
 * the dashboard is visible (hidden windows and other views read nothing).
 */
export function TopConsumers({ hostId, ready, onOpen }: { hostId: string; ready: boolean; onOpen?: (id: string) => void }) {
  const { api } = useServices();
  const [top, setTop] = useState<Top | null>(null);
  const [error, setError] = useState<ErrorEnvelope | null>(null);

  useEffect(() => {
    setTop(null);
    setError(null);
    if (!ready) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = () => {
      timer = null;
      if (document.visibilityState === 'hidden') return;
      api.invoke('stats:top', { hostId, limit: 5 }).then(
        (value) => {
          if (stopped) return;
          setTop(value);
          setError(null);
          timer = setTimeout(read, TOP_REFRESH_MS);
        },
        (failure: unknown) => {
          if (stopped) return;
          setError(toApiError(failure).toEnvelope());
          timer = setTimeout(read, TOP_REFRESH_MS * 2);
        },
      );
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible' && timer === null && !stopped) read();
    };
    document.addEventListener('visibilitychange', onVisibility);
    timer = setTimeout(read, FIRST_READ_DELAY_MS);
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [api, hostId, ready]);

  if (!ready) return null;
  const maxCpu = Math.max(100, ...(top?.byCpu.map((item) => item.cpuPercent) ?? []));
  return (
    <Panel
      title="Top consumers"
      className="top-panel"
      actions={
        top ? (
          <span className="muted">
            {pluralize(top.running, 'running container')}
            {top.unreadable > 0 ? ` · ${top.unreadable} unreadable` : ''}
          </span>
        ) : null
      }
    >
      {error ? (
        <p className="muted" role="status">
          Stats unavailable: <code className="error-code">{error.code}</code> {error.message}
        </p>
      ) : null}
      {!top && !error ? <p className="muted">Reading stats…</p> : null}
      {top ? (
        <div className="top-lists">
          <List
            title="CPU"
            items={top.byCpu}
            value={(item) => `${item.cpuPercent.toFixed(1)} %`}
            fraction={(item) => item.cpuPercent / maxCpu}
            {...(onOpen ? { onOpen } : {})}
          />
          <List
            title="Memory"
            items={top.byMemory}
            value={(item) => formatMemory(item.memoryUsage)}
            fraction={(item) => item.memoryPercent / 100}
            {...(onOpen ? { onOpen } : {})}
          />
        </div>
      ) : null}
    </Panel>
  );
}
