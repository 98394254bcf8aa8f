import { useId, useRef } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { HostKeyPrompt } from '../../../shared/snapshot';
import { Dialog } from '../../components/dialog';
import { HostKeyChanged } from './host-key-changed';

/** The changed-key alarm as a modal alert, opened when the operator switches to such a host. */
export function HostKeyChangedDialog({ hostKey, error, onClose }: { hostKey: HostKeyPrompt; error: ErrorEnvelope; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  return (
    <Dialog
      label="Host key changed"
      role="alertdialog"
      onClose={onClose}
      className="host-key-dialog host-key-dialog--changed"
      initialFocus={close}
    >
      <HostKeyChanged hostKey={hostKey} error={error} headingId={headingId} />
      <div className="dialog-actions">
        <span className="spacer" />
        <button ref={close} type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
