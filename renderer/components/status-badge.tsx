import { Circle, CircleCheck, CircleDashed, CircleX, KeyRound, LoaderCircle, type LucideIcon, RefreshCw, ShieldAlert } from 'lucide-react';
import type { HostStatus } from '../../shared/snapshot';
import { type StatusTone, changedHostKey, summarizeStatus } from '../lib/host-status';
import { useNow } from '../lib/use-now';

const toneIcons: Record<StatusTone, LucideIcon> = {
  ok: CircleCheck,
  // Hollow: the host answers, but is not followed live.
  standby: Circle,
  busy: LoaderCircle,
  warn: RefreshCw,
  error: CircleX,
  key: KeyRound,
  idle: CircleDashed,
};

interface StatusBadgeProps {
  status: HostStatus;
  showLabel?: boolean;
  compact?: boolean;
  /** Narrow places (the sidebar): "Standby · 40 s ago" instead of "Standby · checked 40 s ago". */
  brief?: boolean;
}

/** An icon in the state's colour and the status label ("Ready", "Reconnecting · attempt 3", "Standby · checked 40 s ago"). */
export function StatusBadge(props: StatusBadgeProps) {
  // Only a standby badge follows the clock (its "checked … ago"): live badges never re-render on a tick.
  // Compact (the fleet table, whose Last seen column says when it was checked): just "Standby".
  const standby = props.status.state === 'ready' && props.status.standby !== undefined;
  return standby && !props.compact ? <StandbyBadge {...props} /> : <StatusBadgeAt {...props} />;
}

function StandbyBadge(props: StatusBadgeProps) {
  return <StatusBadgeAt {...props} now={useNow(5_000)} />;
}

function StatusBadgeAt({ status, showLabel = true, compact = false, brief = false, now }: StatusBadgeProps & { now?: number }) {
  const summary = summarizeStatus(status, now, brief);
  const full = brief ? summarizeStatus(status, now) : summary;
  const label = compact && status.state === 'reconnecting' ? `Reconnecting (${status.attempt})` : summary.label;
  const standby = status.state === 'ready' ? status.standby : undefined;
  const title = summary.reason
    ? `${summary.label}: ${summary.reason.code}: ${summary.reason.message}`
    : standby
      ? `${full.label}: answers its health reads, not followed live; opening it brings it live`
      : summary.label;
  // A changed host key is a possible attack, not an ordinary failure: its own icon.
  const Icon = changedHostKey(status) ? ShieldAlert : toneIcons[summary.tone];
  return (
    <span className={`status-badge status-badge--${summary.tone}`} title={title}>
      <Icon className="status-icon" size={13} strokeWidth={2.25} aria-hidden="true" />
      {showLabel ? <span className="status-label">{label}</span> : <span className="visually-hidden">{label}</span>}
    </span>
  );
}
