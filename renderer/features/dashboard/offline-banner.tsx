import type { HostStatus } from '../../../shared/snapshot';
import { formatAgo, formatCountdown, formatTimestamp } from '../../lib/format';
import { summarizeStatus } from '../../lib/host-status';
import { useNow } from '../../lib/use-now';

/**
 * Shown above a cached snapshot while the host is not live: the data stays visible, marked
 * with its age and why it is not current.
 */
export function OfflineBanner({ status, updatedAt, showReason = true }: { status: HostStatus; updatedAt: number; showReason?: boolean }) {
  const now = useNow(1_000);
  const summary = summarizeStatus(status);
  const age = formatAgo(updatedAt, now);
  const state = status.state === 'connecting' ? 'connecting' : 'offline';
  return (
    <div className={`offline-banner offline-banner--${summary.tone}`} role="status" aria-label="Offline snapshot">
      <strong>
        {state} — data from {age}
      </strong>
      <span className="muted" title={formatTimestamp(updatedAt)}>
        {' '}
        (read {formatTimestamp(updatedAt)})
      </span>
      {status.state === 'reconnecting' ? (
        <span>
          {' · '}attempt {status.attempt}, next {formatCountdown(status.nextAttemptAt, now)} · {status.lastError.message}{' '}
          <code className="error-code">{status.lastError.code}</code>
        </span>
      ) : null}
      {status.state === 'failed' && showReason ? (
        <span>
          {' · '}
          {status.error.message} <code className="error-code">{status.error.code}</code>
        </span>
      ) : null}
    </div>
  );
}
