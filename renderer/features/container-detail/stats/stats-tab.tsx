import { useEffect, useMemo, useState } from 'react';
import type { StatsEvent } from '../../../../shared/containers';
import type { ErrorEnvelope } from '../../../../shared/errors';
import { formatBytes } from '../../../../shared/format';
import { useServices } from '../../../lib/services';
import { ErrorNotice } from '../../../components/error-notice';
import { Sparkline } from '../../../components/sparkline';
import { toApiError } from '../../../lib/api';
import { formatMemory } from '../../../lib/format';
import { openStream } from '../../../lib/streams';
import { STATS_HISTORY, type StatsPoint, appendSample } from './stats-history';

type Connection =
  { state: 'opening' } | { state: 'live' } | { state: 'lost'; error: ErrorEnvelope } | { state: 'ended'; error?: ErrorEnvelope };

const rateText = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${formatBytes(value)}/s`);

function Metric({
  title,
  value,
  detail,
  children,
}: {
  title: string;
  value: string;
  detail?: string | undefined;
  children: React.ReactNode;
}) {
  return (
    <div className="stat-card" role="group" aria-label={title}>
      <div className="stat-head">
        <span className="stat-title">{title}</span>
        <span className="stat-value" data-testid={`stat-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
          {value}
        </span>
      </div>
      {detail ? <div className="stat-detail muted">{detail}</div> : null}
      {children}
    </div>
  );
}

/**
 * Live `docker stats` of one container: the numbers now and their last minutes as small
 * charts. The stream is opened when the tab shows and closed when it goes away.
 */
export function StatsTab({ hostId, containerId, running }: { hostId: string; containerId: string; running: boolean }) {
  const { api } = useServices();
  const [history, setHistory] = useState<StatsPoint[]>([]);
  const [connection, setConnection] = useState<Connection>({ state: 'opening' });

  useEffect(() => {
    if (!running) return;
    setHistory([]);
    setConnection({ state: 'opening' });
    const handle = openStream(
      api,
      { open: 'stats:open', push: 'stats:event', close: 'stats:close' },
      { hostId, containerId },
      {
        onOpened: () => setConnection({ state: 'live' }),
        onEvent: (event: StatsEvent) => {
          if (event.type === 'sample') setHistory((current) => appendSample(current, event.sample));
          else if (event.type === 'disconnected') setConnection({ state: 'lost', error: event.error });
          else if (event.type === 'resumed') setConnection({ state: 'live' });
          else setConnection(event.error ? { state: 'ended', error: event.error } : { state: 'ended' });
        },
        onError: (error) => setConnection({ state: 'ended', error: toApiError(error).toEnvelope() }),
      },
    );
    return () => handle.dispose();
  }, [api, hostId, containerId, running]);

  const series = useMemo(
    () => ({
      cpu: history.map((point) => point.cpuPercent),
      memory: history.map((point) => point.memoryUsage),
      rx: history.map((point) => point.networkRxRate),
      tx: history.map((point) => point.networkTxRate),
      read: history.map((point) => point.blockReadRate),
      write: history.map((point) => point.blockWriteRate),
      pids: history.map((point) => point.pids),
    }),
    [history],
  );

  if (!running) {
    return <p className="empty-inline">The container is not running: it has no live stats. Start it to watch CPU, memory and I/O.</p>;
  }
  const last = history[history.length - 1];
  const cpus = last?.sample.onlineCpus ?? 1;
  const window = `over the last ${Math.round(STATS_HISTORY / 60)} minutes`;
  return (
    <div className="stats-tab">
      <div className="stream-note" role="status" aria-live="polite">
        {connection.state === 'opening' ? 'Connecting to the stats stream…' : null}
        {connection.state === 'live' && !last ? 'Waiting for the first reading…' : null}
        {connection.state === 'lost' ? `Connection lost — resuming (${connection.error.message})` : null}
      </div>
      {connection.state === 'ended' && connection.error ? <ErrorNotice error={connection.error} title="Stats stopped:" /> : null}
      {connection.state === 'ended' && !connection.error ? <p className="muted">The stats stream ended (the container stopped).</p> : null}
      <div className="stats-grid">
        <Metric
          title="CPU"
          value={last ? `${last.cpuPercent.toFixed(1)} %` : '–'}
          detail={`of ${cpus} CPU${cpus === 1 ? '' : 's'} (100 % = one CPU)`}
        >
          <Sparkline values={series.cpu} capacity={STATS_HISTORY} minMax={100} label={`CPU ${window}`} />
        </Metric>
        <Metric
          title="Memory"
          value={last ? `${formatMemory(last.memoryUsage)} / ${formatMemory(last.memoryLimit)}` : '–'}
          detail={last ? `${last.memoryPercent.toFixed(1)} % of the limit (page cache not counted)` : 'page cache not counted'}
        >
          <Sparkline
            values={series.memory}
            capacity={STATS_HISTORY}
            {...(last ? { max: last.memoryLimit } : {})}
            label={`Memory ${window}`}
          />
        </Metric>
        <Metric
          title="Network"
          value={last ? `↓ ${rateText(last.networkRxRate)} ↑ ${rateText(last.networkTxRate)}` : '–'}
          detail={last ? `${formatBytes(last.sample.networkRx)} received · ${formatBytes(last.sample.networkTx)} sent` : undefined}
        >
          <Sparkline values={series.rx} capacity={STATS_HISTORY} minMax={1024} label={`Network received ${window}`} />
          <Sparkline
            values={series.tx}
            capacity={STATS_HISTORY}
            minMax={1024}
            label={`Network sent ${window}`}
            className="sparkline--second"
          />
        </Metric>
        <Metric
          title="Block I/O"
          value={last ? `R ${rateText(last.blockReadRate)} W ${rateText(last.blockWriteRate)}` : '–'}
          detail={last ? `${formatBytes(last.sample.blockRead)} read · ${formatBytes(last.sample.blockWrite)} written` : undefined}
        >
          <Sparkline values={series.read} capacity={STATS_HISTORY} minMax={1024} label={`Block reads ${window}`} />
          <Sparkline
            values={series.write}
            capacity={STATS_HISTORY}
            minMax={1024}
            label={`Block writes ${window}`}
            className="sparkline--second"
          />
        </Metric>
        <Metric title="PIDs" value={last ? String(last.pids) : '–'}>
          <Sparkline values={series.pids} capacity={STATS_HISTORY} minMax={4} label={`PIDs ${window}`} />
        </Metric>
      </div>
    </div>
  );
}
