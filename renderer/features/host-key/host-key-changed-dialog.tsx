import { useId, useRef } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { HostView } from '../../../shared/host-view';
import type { HostKeyPrompt } from '../../../shared/snapshot';
import { Dialog } from '../../components/dialog';
import { ForgetHostKey } from './forget-host-key';
import { HostKeyChanged } from './host-key-changed';

/** The changed-key alarm as a modal alert, opened when the operator switches to such a host. */
export function HostKeyChangedDialog({
  host,
  hostKey,
  error,
  onClose,
}: {
  host?: HostView | undefined;
  hostKey: HostKeyPrompt;
  error: ErrorEnvelope;
  onClose: () => void;
}) {
  const close = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  // A revoked key (no fingerprint on record) is never forgotten from here.
  const forgettable = host !== undefined && hostKey.changed && hostKey.knownFingerprint !== undefined;
  return (
    <Dialog
      label="Host key changed"
      role="alertdialog"
      onClose={onClose}
      className="host-key-dialog host-key-dialog--changed"
      initialFocus={close}
    >
      <HostKeyChanged hostKey={hostKey} error={error} headingId={headingId} />
      {forgettable ? <ForgetHostKey host={host} onDone={onClose} /> : null}
      <div className="dialog-actions">
        <span className="spacer" />
        <button ref={close} type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
