import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { findHost } from '../../lib/host-store';
import { poolOf } from '../../lib/storage-pool';
import { changedHostKey, standbyOf } from '../../lib/host-status';
import { useServices, useStoreState } from '../../lib/services';
import { EmptyState } from '../../components/empty-state';
import { useAction } from '../../lib/use-action';
import { Eraser } from 'lucide-react';
import { CertificatesPanel } from '../certificates';
import { CleanupView, FreeSpacePanel } from '../cleanup';
import { ActionBar, actionTargetOf } from '../container-actions';
import { ContainerDetail } from '../container-detail';
import { ContainersPanel } from '../containers';
import { ComposeView, ImagesView, NetworksView, VolumesView } from '../resources';
import { composeProjectCount } from '../../../shared/compose';
import { HostTabs } from './host-tabs';
import { HostKeyChanged } from '../host-key';
import { KeepSecretsOffer, MissingSecretForm } from '../secrets';
import { DiskUsageChart, PoolPanel, StoragePanel } from '../storage';
import { ConnectionState } from './connection-state';
import { DaemonInfo } from './daemon-info';
import { DashboardHeader } from './dashboard-header';
import { OfflineBanner } from './offline-banner';
import { StandbyBanner } from './standby-banner';
import { TopConsumers } from './top-consumers';
import { TruncationNote } from './truncation-note';
import './dashboard.css';

export interface DashboardProps {
  onEditHost: (hostId: string) => void;
  onReviewHostKey: () => void;
  /** Opens the TLS setup wizard for a host (from the plain-tcp warning). */
  onSecureHost?: (hostId: string) => void;
}

/** The host view's tabs, beside Containers. */
type HostTabId = 'containers' | 'images' | 'volumes' | 'networks' | 'compose';

/**
 * The selected host. Its cached snapshot renders at once on switching (also when the host is
 * offline, marked with its age); pushes keep it live.
 */
export const Dashboard = memo(function Dashboard({ onEditHost, onReviewHostKey, onSecureHost }: DashboardProps) {
  const { api, store } = useServices();
  const host = useStoreState((state) => findHost(state, state.selectedHostId));
  const snapshot = useStoreState((state) => (state.selectedHostId === null ? undefined : state.snapshots[state.selectedHostId]));
  const pushError = useStoreState((state) => (state.selectedHostId === null ? undefined : state.pushErrors[state.selectedHostId]));
  const retry = useAction((hostId: string) => api.retry(hostId));
  // The container whose detail is open, per host (switching hosts closes it).
  const [open, setOpen] = useState<{ hostId: string; containerId: string } | null>(null);
  // The host whose Cleanup view is open (switching hosts closes it).
  const [cleanupOf, setCleanupOf] = useState<string | null>(null);
  const [tab, setTab] = useState<HostTabId>('containers');
  const containers = snapshot?.containers;
  const projectCount = useMemo(() => (containers ? composeProjectCount(containers) : 0), [containers]);
  const selectedId = host?.profile.id;
  const request = useStoreState((state) => state.containerRequest);
  useEffect(() => {
    if (open && open.hostId !== selectedId) setOpen(null);
    if (cleanupOf !== null && cleanupOf !== selectedId) setCleanupOf(null);
  }, [open, cleanupOf, selectedId]);
  // A container asked for from elsewhere (fleet search, fleet containers): open it once its host shows.
  useEffect(() => {
    if (request && request.hostId === selectedId) {
      setOpen(request);
      store.clearContainerRequest();
    }
  }, [request, selectedId, store]);
  // Stable, so a pushed snapshot re-renders only the rows that changed.
  const openContainer = useCallback(
    (containerId: string) => {
      if (selectedId !== undefined) setOpen({ hostId: selectedId, containerId });
    },
    [selectedId],
  );

  if (!host) {
    return <EmptyState title="No host selected">Pick a host in the sidebar, or press Ctrl+K to search.</EmptyState>;
  }
  const id = host.profile.id;
  const changed = changedHostKey(host.status);
  const onEdit = () => onEditHost(id);
  const pool = snapshot ? poolOf(snapshot.storage) : undefined;
  const standby = standbyOf(host.status);
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
      {standby ? <StandbyBanner checkedAt={standby.checkedAt} updatedAt={snapshot?.updatedAt} /> : null}
      {snapshot && host.missingSecrets?.length ? (
        <div className="notice-actions dashboard-secret">
          <MissingSecretForm host={host} />
          <KeepSecretsOffer />
        </div>
      ) : null}
      {host.profile.transport.type === 'tls' ? <CertificatesPanel host={host} /> : null}
      {!snapshot && !changed ? (
        <ConnectionState host={host} onEdit={onEdit} onRetry={() => void retry.run(id)} onReviewHostKey={onReviewHostKey} />
      ) : null}
      {cleanupOf === id ? <CleanupView host={host} onBack={() => setCleanupOf(null)} /> : null}
      {snapshot && cleanupOf !== id && open?.hostId === id ? (
        <ContainerDetail
          key={open.containerId}
          hostId={id}
          containerId={open.containerId}
          summary={snapshot.containers.find((container) => container.id === open.containerId)}
          onBack={() => setOpen(null)}
          actions={(refresh) => {
            const container = snapshot.containers.find((item) => item.id === open.containerId);
            return container ? (
              <ActionBar hostId={id} targets={[actionTargetOf(container)]} allowRename onSettled={refresh} />
            ) : (
              <p className="muted">This container is no longer listed on the host (removed?).</p>
            );
          }}
        />
      ) : null}
      {snapshot && cleanupOf !== id && open?.hostId !== id ? (
        <div className={`dashboard-body${host.status.state !== 'ready' ? ' dashboard-body--stale' : ''}`}>
          <div className="dashboard-grid">
            <div className="dashboard-column">
              <DaemonInfo summary={snapshot.summary} />
              <DiskUsageChart usage={snapshot.diskUsage} />
              <div>
                <button type="button" className="button cleanup-entry" onClick={() => setCleanupOf(id)}>
                  <Eraser size={14} aria-hidden="true" /> Cleanup…
                </button>
              </div>
            </div>
            <div className="dashboard-column">
              <FreeSpacePanel hostId={id} ready={host.status.state === 'ready'} ssh={host.profile.transport.type === 'ssh'} />
              {pool ? <PoolPanel pool={pool} /> : null}
              <StoragePanel storage={snapshot.storage} />
            </div>
          </div>
          <TruncationNote truncated={snapshot.truncated} pushError={pushError} />
          <TopConsumers hostId={id} ready={host.status.state === 'ready'} onOpen={openContainer} />
          <HostTabs
            tabs={[
              { id: 'containers', label: 'Containers', count: snapshot.counts.total },
              { id: 'images', label: 'Images' },
              { id: 'volumes', label: 'Volumes' },
              { id: 'networks', label: 'Networks' },
              { id: 'compose', label: 'Compose', count: projectCount },
            ]}
            selected={tab}
            onSelect={setTab}
          >
            {tab === 'containers' ? (
              <ContainersPanel
                key={id}
                containers={snapshot.containers}
                counts={snapshot.counts}
                onOpen={openContainer}
                selectionActions={(selected) => <ActionBar hostId={id} targets={selected.map(actionTargetOf)} />}
              />
            ) : tab === 'images' ? (
              <ImagesView key={id} host={host} />
            ) : tab === 'volumes' ? (
              <VolumesView key={id} host={host} />
            ) : tab === 'networks' ? (
              <NetworksView key={id} host={host} />
            ) : (
              <ComposeView key={id} host={host} containers={snapshot.containers} />
            )}
          </HostTabs>
        </div>
      ) : null}
    </div>
  );
});
