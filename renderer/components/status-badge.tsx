import { CircleCheck, CircleDashed, CircleX, KeyRound, LoaderCircle, type LucideIcon, RefreshCw, ShieldAlert } from 'lucide-react';
import type { HostStatus } from '../../shared/snapshot';
import { type StatusTone, changedHostKey, summarizeStatus } from '../lib/host-status';

const toneIcons: Record<StatusTone, LucideIcon> = {
  ok: CircleCheck,
  busy: LoaderCircle,
  warn: RefreshCw,
  error: CircleX,
  key: KeyRound,
  idle: CircleDashed,
};

/** An icon in the state's colour and the status label ("Ready", "Reconnecting · attempt 3"). */
export function StatusBadge({ status, showLabel = true, compact = false }: { status: HostStatus; showLabel?: boolean; compact?: boolean }) {
  const summary = summarizeStatus(status);
  const label = compact && status.state === 'reconnecting' ? `Reconnecting (${status.attempt})` : summary.label;
  const title = summary.reason ? `${summary.label}: ${summary.reason.code}: ${summary.reason.message}` : summary.label;
  // A changed host key is a possible attack, not an ordinary failure: its own icon.
  const Icon = changedHostKey(status) ? ShieldAlert : toneIcons[summary.tone];
  return (
    <span className={`status-badge status-badge--${summary.tone}`} title={title}>
      <Icon className="status-icon" size={13} strokeWidth={2.25} aria-hidden="true" />
      {showLabel ? <span className="status-label">{label}</span> : <span className="visually-hidden">{label}</span>}
    </span>
  );
}
