import { type FormEvent, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { ProductionBadge } from '../../components/production-badge';
import { ContainersTypedConfirmation } from './containers-typed-confirmation';
import { ACTION_LABELS, type ActionTarget, type BulkAction, KILL_SIGNALS, describeAction } from './action-model';

export interface ActionOptions {
  signal?: string;
  force?: boolean;
  removeVolumes?: boolean;
  confirmation?: string;
}

export interface ConfirmActionDialogProps {
  action: BulkAction;
  targets: readonly ActionTarget[];
  hostName: string;
  /** On a production host: what must be typed (the container's name, or the count). */
  typed: string | null;
  onConfirm: (options: ActionOptions) => void;
  onClose: () => void;
}

/**
 * Asks before a destructive or bulk action, with the action's options (kill signal, remove
 * force/volumes). On a production host the operator types the container's name (or the count
 * for a bulk action) before the button works; main checks the same text again.
 */
export function ConfirmActionDialog({ action, targets, hostName, typed, onConfirm, onClose }: ConfirmActionDialogProps) {
  const [signal, setSignal] = useState<string>('SIGKILL');
  const [force, setForce] = useState(false);
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const options = { ...(action === 'kill' ? { signal } : {}), ...(action === 'remove' ? { force, removeVolumes } : {}) };
  const matches = typed === null || text === typed;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!matches) return;
    onConfirm({ ...options, ...(typed !== null ? { confirmation: text } : {}) });
  };
  const label = ACTION_LABELS[action];
  return (
    <Dialog
      label={`${label} ${targets.length === 1 ? targets[0]?.name : `${targets.length} containers`}`}
      onClose={onClose}
      role="alertdialog"
      closeOnBackdrop={false}
      className={`confirm-dialog${typed !== null ? ' confirm-dialog--production' : ''}`}
    >
      <form onSubmit={submit}>
        <div className="dialog-header">
          <h2 className="dialog-title">
            {label} {targets.length === 1 ? 'container' : `${targets.length} containers`}
          </h2>
          {typed !== null ? <ProductionBadge /> : null}
        </div>
        <div className="dialog-body">
          <p>{describeAction(action, targets, options)}</p>
          <p className="muted">
            Host <strong>{hostName}</strong>
          </p>
          {targets.length > 1 ? (
            <ul className="confirm-targets mono" aria-label="Containers">
              {targets.slice(0, 12).map((target) => (
                <li key={target.id}>{target.name}</li>
              ))}
              {targets.length > 12 ? <li className="muted">… and {targets.length - 12} more</li> : null}
            </ul>
          ) : null}
          {action === 'kill' ? (
            <label className="field">
              <span className="field-label">Signal</span>
              <select className="select" aria-label="Signal" value={signal} onChange={(event) => setSignal(event.target.value)}>
                {KILL_SIGNALS.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {action === 'remove' ? (
            <div className="confirm-options">
              <label className="inline-field">
                <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} />
                Force (kill a running container first)
              </label>
              <label className="inline-field">
                <input type="checkbox" checked={removeVolumes} onChange={(event) => setRemoveVolumes(event.target.checked)} />
                Also remove its anonymous volumes
              </label>
            </div>
          ) : null}
          {typed !== null ? (
            <ContainersTypedConfirmation expected={typed} count={targets.length} value={text} onChange={setText} attempted={attempted} />
          ) : null}
        </div>
        <div className="dialog-footer">
          <button type="button" className="button" onClick={onClose} {...(typed === null ? { 'data-autofocus': true } : {})}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={typed !== null && !matches}>
            {label}
            {targets.length > 1 ? ` ${targets.length}` : ''}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
