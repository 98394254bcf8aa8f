import { type FormEvent, useState } from 'react';
import { type KindPreview, cleanupKindLabels } from '../../../shared/cleanup';
import { Dialog } from '../../components/dialog';
import { ProductionBadge } from '../../components/production-badge';
import { TypedConfirmation } from '../../components/typed-confirmation';
import { formatBytes } from '../../lib/format';

export interface PruneDialogProps {
  preview: KindPreview;
  hostName: string;
  production: boolean;
  onConfirm: (confirmation: string | undefined) => void;
  onClose: () => void;
}

/**
 * Asks before a prune: what the preview lists and frees, and that the daemon decides at the
 * moment it prunes. On a production host the operator types the host's name (main checks again).
 */
export function PruneDialog({ preview, hostName, production, onConfirm, onClose }: PruneDialogProps) {
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const matches = !production || text.trim() === hostName;
  const label = cleanupKindLabels[preview.kind];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (matches) onConfirm(production ? text.trim() : undefined);
  };
  return (
    <Dialog
      label={`Prune ${label.toLowerCase()} on ${hostName}`}
      onClose={onClose}
      role="alertdialog"
      closeOnBackdrop={false}
      className={`confirm-dialog${production ? ' confirm-dialog--production' : ''}`}
    >
      <form onSubmit={submit}>
        <div className="dialog-header">
          <h2 className="dialog-title">Prune {label.toLowerCase()}</h2>
          {production ? <ProductionBadge /> : null}
        </div>
        <div className="dialog-body">
          <p>
            The preview lists <strong>{preview.count}</strong> {preview.count === 1 ? 'object' : 'objects'} freeing{' '}
            <strong>{formatBytes(preview.bytes)}</strong> on <strong>{hostName}</strong>.
          </p>
          <p className="muted">
            The daemon prunes by its own rules at that moment: an object created or freed since the preview is judged then, and the result
            shows what it actually removed.
          </p>
          {production ? <TypedConfirmation expected={hostName} what="" value={text} attempted={attempted} onChange={setText} /> : null}
        </div>
        <div className="dialog-footer">
          <button type="button" className="button" onClick={onClose} {...(!production ? { 'data-autofocus': true } : {})}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={!matches}>
            Prune {preview.count}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
