import { type FormEvent, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { ProductionBadge } from '../../components/production-badge';
import { TypedConfirmation } from '../../components/typed-confirmation';
import type { ResourceKind } from '../../../shared/resources';

export const KIND_NOUN: Record<ResourceKind, string> = { images: 'image', volumes: 'volume', networks: 'network' };

export interface RemoveRequest {
  kind: ResourceKind;
  /** What main removes: an image reference (repo:tag, or the id of a dangling image), a volume or network name. */
  ref: string;
  /** What the dialog says about it (users, other tags). */
  detail: string;
}

/**
 * Asks before removing an image reference, a volume or a network. Images offer "force". On a
 * production host the operator types the ref before the button works; main checks it again.
 */
export function RemoveDialog({
  request,
  hostName,
  production,
  onConfirm,
  onClose,
}: {
  request: RemoveRequest;
  hostName: string;
  production: boolean;
  onConfirm: (options: { force: boolean; confirmation?: string }) => void;
  onClose: () => void;
}) {
  const [force, setForce] = useState(false);
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const matches = !production || text === request.ref;
  const noun = KIND_NOUN[request.kind];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!matches) return;
    onConfirm({ force, ...(production ? { confirmation: text } : {}) });
  };
  return (
    <Dialog label={`Remove ${noun} ${request.ref}`} onClose={onClose} role="alertdialog" closeOnBackdrop={false} className="confirm-dialog">
      <form onSubmit={submit}>
        <div className="dialog-header">
          <h2 className="dialog-title">Remove {noun}</h2>
          {production ? <ProductionBadge /> : null}
        </div>
        <div className="dialog-body">
          <p>
            Remove <strong className="mono">{request.ref}</strong> from host <strong>{hostName}</strong>?
          </p>
          {request.detail ? <p className="muted">{request.detail}</p> : null}
          {request.kind === 'images' ? (
            <label className="inline-field">
              <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} />
              Force (untag every reference; a stopped container keeps the image without a name)
            </label>
          ) : null}
          {production ? <TypedConfirmation expected={request.ref} value={text} onChange={setText} attempted={attempted} /> : null}
        </div>
        <div className="dialog-footer">
          <button type="button" className="button" onClick={onClose} {...(!production ? { 'data-autofocus': true } : {})}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={!matches}>
            Remove
          </button>
        </div>
      </form>
    </Dialog>
  );
}
