import type { HostStatus } from '../../shared/snapshot';
import { summarizeStatus } from '../lib/host-status';

/** A coloured dot and the status label ("Ready", "Reconnecting · attempt 3"). */
export function StatusBadge({ status, showLabel = true, compact = false }: { status: HostStatus; showLabel?: boolean; compact?: boolean }) {
  const summary = summarizeStatus(status);
  const label = compact && status.state === 'reconnecting' ? `Reconnecting (${status.attempt})` : summary.label;
  const title = summary.reason ? `${summary.label}: ${summary.reason.code}: ${summary.reason.message}` : summary.label;
  return (
    <span className={`status-badge status-badge--${summary.tone}`} title={title}>
      <span className="status-dot" aria-hidden="true" />
      {showLabel ? <span className="status-label">{label}</span> : <span className="visually-hidden">{label}</span>}
    </span>
  );
}
