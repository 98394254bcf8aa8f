import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useStoreState } from '../../lib/services';
import { MasterPassphraseDialog } from './master-passphrase-dialog';

/**
 * Beside a request for a lost secret, where secrets are kept in memory (the browser shell) or
 * unencrypted and a vault can be used: says why the secret was lost and offers the fix, a master
 * passphrase, so the secret entered now survives the next start.
 */
export function KeepSecretsOffer() {
  const info = useStoreState((state) => state.appInfo);
  const [open, setOpen] = useState(false);
  if (info?.masterPassphrase !== 'not-set' || info.secretStorage === 'keyring') return null;
  const where = info.secretStorage === 'memory' ? 'kept in memory only and forgotten when Berth stops' : 'stored without encryption';
  return (
    <p className="keep-secrets-offer">
      Secrets you enter here are {where}.{' '}
      <button type="button" className="button button--small button--ghost" onClick={() => setOpen(true)}>
        <KeyRound size={14} aria-hidden="true" />
        Set a master passphrase…
      </button>{' '}
      <span className="muted">to keep them encrypted on disk.</span>
      {open ? <MasterPassphraseDialog onClose={() => setOpen(false)} /> : null}
    </p>
  );
}
