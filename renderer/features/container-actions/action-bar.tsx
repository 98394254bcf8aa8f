import { Lock, type LucideIcon, Pause, Pencil, Play, RotateCw, Square, Trash2, Zap } from 'lucide-react';
import { useState } from 'react';
import { isProduction, isReadOnly } from '../../../shared/profile';
import { useStoreState } from '../../lib/services';
import { findHost } from '../../lib/host-store';
import { ACTION_LABELS, type ActionTarget, type BulkAction, applicable, confirmationFor } from './action-model';
import { ActionReportView } from './action-report';
import { type ActionOptions, ConfirmActionDialog } from './confirm-action-dialog';
import { RenameDialog } from './rename-dialog';
import { useContainerActions } from './use-container-actions';
import './container-actions.css';

const ACTIONS: BulkAction[] = ['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'remove'];
const DANGER: ReadonlySet<BulkAction> = new Set(['kill', 'remove']);
const ICONS: Record<BulkAction, LucideIcon> = {
  start: Play,
  stop: Square,
  restart: RotateCw,
  kill: Zap,
  pause: Pause,
  unpause: Play,
  remove: Trash2,
};

export interface ActionBarProps {
  hostId: string;
  /** The containers acted on: one (detail) or the table's selection. */
  targets: readonly ActionTarget[];
  /** Offer rename (single container only). */
  allowRename?: boolean;
  /** Called after an action settled, e.g. to re-read the detail. */
  onSettled?: () => void;
}

/**
 * Start, stop, restart, kill, pause, unpause, remove (and rename) for one container or many.
 * Destructive and bulk actions ask first; on a production host the operator types the name
 * (or the count). A read-only host shows the buttons disabled with the reason; main refuses
 * such actions anyway.
 */
export function ActionBar({ hostId, targets, allowRename = false, onSettled }: ActionBarProps) {
  const host = useStoreState((state) => findHost(state, hostId));
  const { report, run, rename, clear } = useContainerActions(hostId);
  const [asking, setAsking] = useState<{ action: BulkAction; targets: ActionTarget[]; typed: string | null } | null>(null);
  const [renaming, setRenaming] = useState(false);
  if (!host) return null;
  const production = isProduction(host.profile);
  const readOnly = isReadOnly(host.profile);
  const readOnlyReason = 'This host is read-only (host settings): Berth does not change anything on it.';

  const start = (action: BulkAction) => {
    const acting = applicable(action, targets);
    if (acting.length === 0) return;
    const need = confirmationFor(action, acting, production);
    if (need.ask) setAsking({ action, targets: acting, typed: need.typed });
    else void run(action, acting).then(onSettled);
  };
  const confirm = (options: ActionOptions) => {
    if (!asking) return;
    const { action, targets: acting } = asking;
    setAsking(null);
    void run(action, acting, options).then(onSettled);
  };

  return (
    <div className="action-area">
      <div className="action-bar" role="toolbar" aria-label={targets.length === 1 ? 'Container actions' : 'Actions on the selection'}>
        {ACTIONS.map((action) => {
          const Icon = ICONS[action];
          const count = applicable(action, targets).length;
          const disabled = readOnly || count === 0 || report?.state === 'running';
          const title = readOnly
            ? readOnlyReason
            : count === 0
              ? `Nothing to ${ACTION_LABELS[action].toLowerCase()} in this state`
              : targets.length > 1
                ? `${ACTION_LABELS[action]} ${count} of ${targets.length}`
                : undefined;
          return (
            <button
              key={action}
              type="button"
              className={`button button--small${DANGER.has(action) ? ' button--danger-ghost' : ''}`}
              disabled={disabled}
              title={title}
              onClick={() => start(action)}
            >
              <Icon size={13} aria-hidden="true" />
              {ACTION_LABELS[action]}
              {targets.length > 1 && count > 0 ? ` (${count})` : ''}
            </button>
          );
        })}
        {allowRename && targets.length === 1 ? (
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={readOnly}
            title={readOnly ? readOnlyReason : undefined}
            onClick={() => setRenaming(true)}
          >
            <Pencil size={13} aria-hidden="true" />
            Rename…
          </button>
        ) : null}
        {readOnly ? (
          <span className="read-only-note" role="note">
            <Lock size={13} aria-hidden="true" />
            Read-only host: actions are off.
          </span>
        ) : null}
      </div>
      {report ? <ActionReportView report={report} targets={targets} onDismiss={clear} /> : null}
      {asking ? (
        <ConfirmActionDialog
          action={asking.action}
          targets={asking.targets}
          hostName={host.profile.name}
          typed={asking.typed}
          onConfirm={confirm}
          onClose={() => setAsking(null)}
        />
      ) : null}
      {renaming && targets[0] ? (
        <RenameDialog
          current={targets[0].name}
          onClose={() => setRenaming(false)}
          onRename={(name) => {
            setRenaming(false);
            void rename(targets[0]!, name).then(onSettled);
          }}
        />
      ) : null}
    </div>
  );
}
