import { Pencil, Plug, RefreshCw, ShieldCheck, TriangleAlert } from 'lucide-react';
import type { HostView } from '../../../shared/host-view';
import { isProduction } from '../../../shared/profile';
import type { HostSnapshot } from '../../../shared/snapshot';
import { useServices } from '../../lib/services';
import { ColorSwatch } from '../../components/color-swatch';
import { ProductionBadge } from '../../components/production-badge';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { TagList } from '../../components/tag-list';
import { useAction } from '../../lib/use-action';
import { CertificateBadge } from '../certificates';
import { describeAddress, isUnencrypted } from '../../lib/transport-label';
import { CopyConnection } from './copy-connection';

/** Who this host is and what can be done to it: name, production marker, address, status, actions. */
export function DashboardHeader({
  host,
  snapshot,
  onEdit,
  onSecure,
}: {
  host: HostView;
  snapshot: HostSnapshot | undefined;
  onEdit: () => void;
  /** Opens the TLS setup wizard for this host. */
  onSecure?: () => void;
}) {
  const { api, store } = useServices();
  const { profile, status } = host;
  const production = isProduction(profile);
  const refresh = useAction(async () => {
    const fresh = await api.refresh(profile.id);
    store.applySnapshot({ hostId: profile.id, snapshot: fresh });
  });
  const retry = useAction(() => api.retry(profile.id));
  const canRetry = status.state === 'failed' || status.state === 'reconnecting' || status.state === 'idle';
  const error = refresh.error ?? retry.error;

  return (
    <header className={`dashboard-header${production ? ' dashboard-header--production' : ''}`}>
      <div className="dashboard-title-row">
        <ColorSwatch color={profile.color} size={14} />
        <h1 className="dashboard-title">{profile.name}</h1>
        {production ? <ProductionBadge /> : null}
        <StatusBadge status={status} />
        <TagList tags={profile.tags} />
        <div className="dashboard-actions">
          {status.state === 'ready' ? (
            <button type="button" className="button button--small" onClick={() => void refresh.run()} disabled={refresh.pending}>
              <RefreshCw size={14} aria-hidden="true" className={refresh.pending ? 'icon-spin' : undefined} />
              {refresh.pending ? 'Refreshing…' : 'Refresh'}
            </button>
          ) : null}
          {canRetry ? (
            <button type="button" className="button button--small" onClick={() => void retry.run()} disabled={retry.pending}>
              <Plug size={14} aria-hidden="true" />
              {status.state === 'reconnecting' ? 'Reconnect now' : 'Retry'}
            </button>
          ) : null}
          <CopyConnection transport={profile.transport} />
          <button type="button" className="button button--small button--ghost" onClick={onEdit}>
            <Pencil size={14} aria-hidden="true" />
            Edit host
          </button>
        </div>
      </div>
      <div className="dashboard-subtitle">
        <span className="mono">{describeAddress(profile.transport)}</span>
        {isUnencrypted(profile.transport) ? (
          <span
            className="inline-warning"
            title="The Docker API over plain tcp has no encryption and no authentication: anyone who can reach the port has root on this host."
          >
            <TriangleAlert size={13} aria-hidden="true" />
            Unencrypted tcp — root access for anyone who can reach the port
          </span>
        ) : null}
        {isUnencrypted(profile.transport) && onSecure ? (
          <button type="button" className="button button--small tls-launch" onClick={onSecure}>
            <ShieldCheck size={14} aria-hidden="true" />
            Secure with TLS…
          </button>
        ) : null}
        <CertificateBadge certificates={host.certificates} />
        {snapshot ? (
          <span className="muted">
            Updated <RelativeTime epochMs={snapshot.updatedAt} />
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="inline-error" role="alert">
          <code>{error.code}</code> {error.message}
        </p>
      ) : null}
    </header>
  );
}
