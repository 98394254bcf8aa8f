import { useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import { TextField } from '../../components/text-field';

/**
 * Removing a host takes a second click; a production host also wants its name typed, so a
 * slip of the mouse cannot remove it.
 */
export function RemoveHost({
  name,
  production,
  pending,
  error,
  onRemove,
}: {
  name: string;
  production: boolean;
  pending: boolean;
  error: ErrorEnvelope | null;
  onRemove: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  if (!confirming) {
    return (
      <button type="button" className="button button--danger-ghost" onClick={() => setConfirming(true)}>
        Remove host…
      </button>
    );
  }
  const allowed = !production || typed.trim() === name;
  return (
    <div className="remove-confirm" role="group" aria-label="Confirm removal">
      {production ? (
        <TextField label={`Type “${name}” to remove this production host`} value={typed} onChange={setTyped} mono />
      ) : (
        <span>Remove {name} from Berth? Its stored secrets are deleted too.</span>
      )}
      <button type="button" className="button button--danger" disabled={!allowed || pending} onClick={onRemove}>
        {pending ? 'Removing…' : 'Remove host'}
      </button>
      <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
        Keep
      </button>
      {error ? (
        <p className="field-error" role="alert">
          <code>{error.code}</code> {error.message}
        </p>
      ) : null}
    </div>
  );
}
