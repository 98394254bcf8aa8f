import { LoaderCircle } from 'lucide-react';
import { formatAgo, formatTimestamp } from '../../lib/format';
import { useNow } from '../../lib/use-now';

/**
 * Shown while the open host is on standby: it answers its health reads but is not followed live.
 * Opening it put it in view, so main is bringing it live; until then its last snapshot shows.
 */
export function StandbyBanner({ checkedAt, updatedAt }: { checkedAt: number; updatedAt: number | undefined }) {
  const now = useNow(5_000);
  return (
    <div className="standby-banner" role="status" aria-label="Standby host">
      <LoaderCircle size={14} aria-hidden="true" className="icon-spin" />
      <span>
        <strong>On standby — bringing it live.</strong> It answered its last health check {formatAgo(checkedAt, now)}; Berth now opens its
        live connection.
        {updatedAt !== undefined ? (
          <span className="muted" title={formatTimestamp(updatedAt)}>
            {' '}
            The containers below are from {formatAgo(updatedAt, now)}.
          </span>
        ) : null}
      </span>
    </div>
  );
}
