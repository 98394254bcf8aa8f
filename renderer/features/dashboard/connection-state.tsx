import type { HostView } from '../../../shared/host-view';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Spinner } from '../../components/spinner';
import { formatCountdown } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { KeepSecretsOffer, MissingSecretForm, UnlockForm } from '../secrets';

/** What the dashboard shows for a host with no snapshot yet: connecting, failing, waiting on a key. */
export function ConnectionState({
  host,
  onEdit,
  onRetry,
  onReviewHostKey,
}: {
  host: HostView;
  onEdit: () => void;
  onRetry: () => void;
  onReviewHostKey: () => void;
}) {
  const now = useNow(1_000);
  const { status } = host;
  switch (status.state) {
    case 'idle':
    case 'connecting':
      return (
        <EmptyState title={`Connecting to ${host.profile.name}…`}>
          <Spinner label="Connecting" />
        </EmptyState>
      );
    case 'ready':
      return (
        <EmptyState title="Reading the daemon…">
          <Spinner label="Loading snapshot" />
        </EmptyState>
      );
    case 'reconnecting':
      return (
        <div className="connection-state">
          <ErrorNotice
            error={status.lastError}
            title={`Cannot reach ${host.profile.name} · attempt ${status.attempt}, next ${formatCountdown(status.nextAttemptAt, now)}`}
          >
            <div className="notice-actions">
              <button type="button" className="button button--small" onClick={onRetry}>
                Reconnect now
              </button>
              <button type="button" className="button button--small button--ghost" onClick={onEdit}>
                Edit host
              </button>
            </div>
          </ErrorNotice>
        </div>
      );
    case 'failed':
      return (
        <div className="connection-state">
          <ErrorNotice error={status.error} title={`Could not connect to ${host.profile.name}`}>
            {status.error.code === 'SECRETS_LOCKED' ? (
              <div className="notice-actions">
                <UnlockForm />
              </div>
            ) : null}
            {status.error.code === 'SECRET_MISSING' ? (
              <div className="notice-actions">
                <MissingSecretForm host={host} />
              </div>
            ) : null}
            {status.error.code === 'SECRET_MISSING' ? <KeepSecretsOffer /> : null}
            <div className="notice-actions">
              <button type="button" className="button button--small" onClick={onRetry}>
                Retry
              </button>
              <button type="button" className="button button--small button--ghost" onClick={onEdit}>
                Edit host
              </button>
            </div>
          </ErrorNotice>
        </div>
      );
    case 'needs-host-key-confirmation':
      return (
        <EmptyState
          title="Confirm this host's SSH key"
          actions={
            <button type="button" className="button button--primary" onClick={onReviewHostKey}>
              Review host key
            </button>
          }
        >
          <p>
            Berth has never connected to {status.hostKey.host} before. Check its key fingerprint before trusting it; nothing is read from
            the host until you do.
          </p>
        </EmptyState>
      );
  }
}
