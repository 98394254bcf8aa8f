import { Activity, ArrowLeft, FileText, Info, type LucideIcon, SquareTerminal } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { ContainerStateIcon } from '../../components/container-state-icon';
import type { ContainerDetail as Detail } from '../../../shared/containers';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { ContainerSummary } from '../../../shared/snapshot';
import { useServices } from '../../lib/services';
import { ErrorNotice } from '../../components/error-notice';
import { Spinner } from '../../components/spinner';
import { toApiError } from '../../lib/api';
import { containerName } from '../../lib/format';
import { LogsTab } from './logs/logs-tab';
import { OverviewTab } from './overview/overview-tab';
import { StatsTab } from './stats/stats-tab';
import { TerminalTab } from './terminal/terminal-tab';
import { type DetailTab, useDetailKeys } from './use-detail-keys';
import './container-detail.css';

const TABS: Array<{ id: DetailTab; label: string; key: string; Icon: LucideIcon }> = [
  { id: 'overview', label: 'Overview', key: 'o', Icon: Info },
  { id: 'logs', label: 'Logs', key: 'l', Icon: FileText },
  { id: 'terminal', label: 'Terminal', key: 't', Icon: SquareTerminal },
  { id: 'stats', label: 'Stats', key: 's', Icon: Activity },
];

export interface ContainerDetailProps {
  hostId: string;
  containerId: string;
  /** The container as the host's snapshot lists it (live through pushes); undefined once it is gone. */
  summary: ContainerSummary | undefined;
  onBack: () => void;
  /** The action buttons for this container (composed by the dashboard). */
  actions?: (refresh: () => void) => ReactNode;
  initialTab?: DetailTab;
}

/**
 * One container: Overview (inspect), Logs, Terminal, Stats. Only the shown tab is mounted, so
 * leaving a tab closes its stream (and a terminal's exec). Esc goes back; o/l/t/s switch tabs.
 */
export function ContainerDetail({ hostId, containerId, summary, onBack, actions, initialTab = 'overview' }: ContainerDetailProps) {
  const { api } = useServices();
  const [tab, setTab] = useState<DetailTab>(initialTab);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<ErrorEnvelope | null>(null);
  const [reads, setReads] = useState(0);
  useDetailKeys(onBack, setTab);

  // Inspect again whenever the listed container changes (its state, status, name).
  useEffect(() => {
    let current = true;
    api.invoke('containers:inspect', { hostId, containerId }).then(
      (value) => {
        if (!current) return;
        setDetail(value);
        setError(null);
      },
      (failure: unknown) => {
        if (current) setError(toApiError(failure).toEnvelope());
      },
    );
    return () => {
      current = false;
    };
  }, [api, hostId, containerId, summary, reads]);

  const name = detail?.name ?? (summary ? containerName(summary.names, summary.id) : containerId.slice(0, 12));
  const state = summary?.state ?? detail?.state.status ?? 'unknown';
  const running = state === 'running';
  return (
    <section className="container-detail" aria-label={`Container ${name}`}>
      <header className="detail-header">
        <button type="button" className="button button--small button--ghost" onClick={onBack} aria-keyshortcuts="Escape">
          <ArrowLeft size={14} aria-hidden="true" />
          Containers
        </button>
        <h2 className="detail-title">{name}</h2>
        <span className={`state-pill state-pill--${state}`}>
          <ContainerStateIcon state={state} />
          {state}
        </span>
        {summary ? <span className="muted detail-status">{summary.status}</span> : null}
        {!summary && detail ? <span className="muted">no longer listed on this host</span> : null}
      </header>
      {actions ? <div className="detail-actions">{actions(() => setReads((count) => count + 1))}</div> : null}
      <div role="tablist" aria-label="Container views" className="detail-tabs">
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`detail-tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls={`detail-panel-${item.id}`}
            aria-keyshortcuts={item.key}
            className={`detail-tab${tab === item.id ? ' detail-tab--active' : ''}`}
            onClick={() => setTab(item.id)}
          >
            <item.Icon size={14} aria-hidden="true" />
            {item.label}
            <kbd className="detail-tab-key">{item.key}</kbd>
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`detail-panel-${tab}`} aria-labelledby={`detail-tab-${tab}`} className="detail-panel">
        {tab === 'overview' ? (
          error && !detail ? (
            <ErrorNotice error={error} title="Berth could not inspect this container:" />
          ) : detail ? (
            <>
              {error ? <ErrorNotice error={error} title="The last re-read failed (showing the previous one):" /> : null}
              <OverviewTab detail={detail} />
            </>
          ) : (
            <Spinner label="Inspecting the container" />
          )
        ) : null}
        {tab === 'logs' ? <LogsTab hostId={hostId} target={{ containerId }} name={name} /> : null}
        {tab === 'terminal' ? <TerminalTab hostId={hostId} containerId={containerId} running={running} /> : null}
        {tab === 'stats' ? <StatsTab hostId={hostId} containerId={containerId} running={running} /> : null}
      </div>
    </section>
  );
}
