import { useId, useState } from 'react';
import type { HostView } from '../../../shared/host-view';
import { useServices } from '../../lib/services';
import { ErrorNotice } from '../../components/error-notice';
import { useAction } from '../../lib/use-action';

/**
 * "The change is expected": only after the operator types the host's name does Berth forget the
 * key on record and connect again, which shows the new key for review like a first contact.
 */
export function ForgetHostKey({ host, onDone }: { host: HostView; onDone: () => void }) {
  const { api } = useServices();
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const hintId = useId();
  const name = host.profile.name;
  const forget = useAction(async () => {
    await api.forgetHostKey(host.profile.id);
    onDone();
  });
  const confirmed = typed.trim() === name;
  return (
    <section className="forget-host-key" aria-label="Forget the old host key">
      <h3 className="host-key-changed-subtitle">The change is expected</h3>
      <p id={hintId} className="muted">
        Only if the server&apos;s administrator confirmed the new fingerprint: Berth forgets the old key and connects again, then asks you
        to confirm the new one.
      </p>
      <div className="forget-host-key-row">
        <div className="field grow">
          <label className="field-label" htmlFor={inputId}>
            Type <span className="mono">{name}</span> to confirm
          </label>
          <input
            id={inputId}
            className="input mono"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={hintId}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <button type="button" className="button button--danger" disabled={!confirmed || forget.pending} onClick={() => void forget.run()}>
          {forget.pending ? 'Forgetting…' : 'Forget the old key and reconnect'}
        </button>
      </div>
      {forget.error ? <ErrorNotice error={forget.error} title="Could not forget the key:" /> : null}
    </section>
  );
}
