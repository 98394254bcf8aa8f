import { type FormEvent, useState } from 'react';
import { useServices } from '../../lib/services';
import { useAction } from '../../lib/use-action';

/** Enter the master passphrase: saved secrets unlock for this session and waiting hosts connect. */
export function UnlockForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const { api, store } = useServices();
  const [passphrase, setPassphrase] = useState('');
  const unlock = useAction(async (value: string) => {
    store.setAppInfo(await api.unlockSecrets(value));
    setPassphrase('');
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (passphrase !== '') void unlock.run(passphrase);
  };
  return (
    <form className="unlock-form" aria-label="Unlock secrets" onSubmit={submit}>
      <input
        type="password"
        className="input"
        aria-label="Master passphrase"
        placeholder="Master passphrase"
        autoComplete="current-password"
        value={passphrase}
        onChange={(event) => {
          setPassphrase(event.target.value);
          unlock.reset();
        }}
        data-autofocus={autoFocus ? true : undefined}
      />
      <button type="submit" className="button button--primary button--small" disabled={unlock.pending || passphrase === ''}>
        {unlock.pending ? 'Unlocking…' : 'Unlock'}
      </button>
      {unlock.error ? (
        <span className="field-error" role="alert">
          <code>{unlock.error.code}</code> {unlock.error.message}
        </span>
      ) : null}
    </form>
  );
}
