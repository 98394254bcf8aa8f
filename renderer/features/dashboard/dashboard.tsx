import { memo } from 'react';
import { findHost } from '../../lib/host-store';
import { poolOf } from '../../lib/storage-pool';
import { changedHostKey } from '../../lib/host-status';
import { useServices, useStoreState } from '../../lib/services';
import { EmptyState } from '../../components/empty-state';
import { useAction } from '../../lib/use-action';
import { CertificatesPanel } from '../certificates';
import { ContainersPanel } from '../containers';
import { HostKeyChanged } from '../host-key';
import { MissingSecretForm } from '../secrets';
import { DiskUsageChart, PoolPanel, StoragePanel } from '../storage';
import { ConnectionState } from './connection-state';
import { DaemonInfo } from './daemon-info';
import { DashboardHeader } from './dashboard-header';
import { OfflineBanner } from './offline-banner';
import { TruncationNote } from './truncation-note';
import './dashboard.css';

export interface DashboardProps {
  onEditHost: (hostId: string) => void;
  onReviewHostKey: () => void;
  /** Opens the TLS setup wizard for a host (from the plain-tcp warning). */
  onSecureHost?: (hostId: string) => void;
}

/**
 * The selected host. Its cached snapshot renders at once on switching (also when the host is
 * offline, marked with its age); pushes keep it live.
 */
export const Dashboard = memo(function Dashboard({ onEditHost, onReviewHostKey, onSecureHost }: DashboardProps) {
  const { api } = useServices();
  const host = useStoreState((state) => findHost(state, state.selectedHostId));
  const snapshot = useStoreState((state) => (state.selectedHostId === null ? undefined : state.snapshots[state.selectedHostId]));
  const pushError = useStoreState((state) => (state.selectedHostId === null ? undefined : state.pushErrors[state.selectedHostId]));
  const retry = useAction((hostId: string) => api.retry(hostId));

  if (!host) {
    return <EmptyState title="No host selected">Pick a host in the sidebar, or press Ctrl+K to search.</EmptyState>;
  }
  const id = host.profile.id;
  const changed = changedHostKey(host.status);
  const onEdit = () => onEditHost(id);
  const pool = snapshot ? poolOf(snapshot.storage) : undefined;
  return (
    <div className="dashboard" aria-label={`Dashboard of ${host.profile.name}`} role="region">
      <DashboardHeader host={host} snapshot={snapshot} onEdit={onEdit} {...(onSecureHost ? { onSecure: () => onSecureHost(id) } : {})} />
      {changed && host.status.state === 'failed' ? (
        <div className="host-key-alert" role="alert" aria-label="Host key changed">
          <HostKeyChanged hostKey={changed} error={host.status.error} />
        </div>
      ) : null}
      {snapshot && host.status.state !== 'ready' ? (
        <OfflineBanner status={host.status} updatedAt={snapshot.updatedAt} showReason={!changed} />
      ) : null}
      {snapshot && host.missingSecrets?.length ? (
        <div className="notice-actions dashboard-secret">
          <MissingSecretForm host={host} />
        </div>
      ) : null}
      {host.profile.transport.type === 'tls' ? <CertificatesPanel host={host} /> : null}
      {!snapshot && !changed ? (
        <ConnectionState host={host} onEdit={onEdit} onRetry={() => void retry.run(id)} onReviewHostKey={onReviewHostKey} />
      ) : null}
      {snapshot ? (
        <div className={`dashboard-body${host.status.state !== 'ready' ? ' dashboard-body--stale' : ''}`}>
          <div className="dashboard-grid">
            <div className="dashboard-column">
              <DaemonInfo summary={snapshot.summary} />
              <DiskUsageChart usage={snapshot.diskUsage} />
            </div>
            <div className="dashboard-column">
              {pool ? <PoolPanel pool={pool} /> : null}
              <StoragePanel storage={snapshot.storage} />
            </div>
          </div>
          <TruncationNote truncated={snapshot.truncated} pushError={pushError} />
          <ContainersPanel key={id} containers={snapshot.containers} counts={snapshot.counts} />
        </div>
      ) : null}
    </div>
  );
});
