import { type FormEvent, useState } from 'react';
import { useServices, useStoreState } from '../../lib/services';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { useAction } from '../../lib/use-action';
import { TextField } from '../../components/text-field';

const MIN_LENGTH = 8;

/** Sets a first master passphrase (secrets move into the vault) or changes it. */
export function MasterPassphraseDialog({ onClose }: { onClose: () => void }) {
  const { api, store } = useServices();
  const state = useStoreState((s) => s.appInfo?.masterPassphrase);
  const changing = state === 'unlocked' || state === 'locked';
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useAction(async () => {
    store.setAppInfo(await api.setMasterPassphrase(passphrase, changing ? current : undefined));
    onClose();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (passphrase.length < MIN_LENGTH) return setProblem(`A master passphrase needs at least ${MIN_LENGTH} characters.`);
    if (passphrase !== confirm) return setProblem('The two passphrases differ.');
    setProblem(null);
    void save.run();
  };
  return (
    <Dialog label="Master passphrase" onClose={onClose} closeOnBackdrop={false} className="passphrase-dialog">
      <form onSubmit={submit} aria-label="Master passphrase" noValidate>
        <h2 className="dialog-title">{changing ? 'Change the master passphrase' : 'Protect saved secrets with a master passphrase'}</h2>
        <p className="muted dialog-text">
          Passwords, key passphrases and pasted keys are sealed with it. Berth asks for it once per session; without it, hosts that need a
          saved secret wait. It cannot be recovered if you forget it.
        </p>
        <div className="fieldset">
          {changing ? (
            <TextField
              label="Current passphrase"
              type="password"
              value={current}
              onChange={setCurrent}
              autoComplete="current-password"
              autoFocus
            />
          ) : null}
          <TextField
            label="New passphrase"
            type="password"
            value={passphrase}
            onChange={setPassphrase}
            autoComplete="new-password"
            autoFocus={!changing}
            hint={`At least ${MIN_LENGTH} characters.`}
          />
          <TextField
            label="Repeat the new passphrase"
            type="password"
            value={confirm}
            onChange={setConfirm}
            autoComplete="new-password"
            error={problem ?? undefined}
          />
        </div>
        {save.error ? <ErrorNotice error={save.error} /> : null}
        <div className="dialog-actions">
          <span className="spacer" />
          <button type="button" className="button button--ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={save.pending}>
            {save.pending ? 'Saving…' : changing ? 'Change passphrase' : 'Set passphrase'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
