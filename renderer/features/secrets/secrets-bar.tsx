import { useState } from 'react';
import type { AppWarning } from '../../../shared/contract';
import { useStoreState } from '../../lib/services';
import { UnlockForm } from './unlock-form';
import './secrets.css';

const NO_KEYRING: AppWarning = {
  code: 'SECRETS_NOT_ENCRYPTED',
  message: 'No OS keyring was found: passwords, passphrases and pasted keys are stored without encryption at rest on this machine.',
};

/** Start-up warnings a master passphrase puts right: the offer sits on them rather than on a line of its own. */
const fixedByPassphrase = new Set<AppWarning['code']>(['SECRETS_IN_MEMORY', 'SECRETS_NOT_ENCRYPTED']);

/**
 * Under the top bar: the unlock prompt while saved secrets are locked, and the start-up warnings
 * the main side reported (a recovered store, secrets not encrypted…), dismissible.
 */
export function SecretsBar({ onSetPassphrase }: { onSetPassphrase: () => void }) {
  const info = useStoreState((state) => state.appInfo);
  const [dismissed, setDismissed] = useState(false);
  if (!info) return null;
  const locked = info.masterPassphrase === 'locked';
  const warnings = (info.warnings ?? []).filter((warning) => !(locked && warning.code === 'SECRETS_LOCKED'));
  if (info.secretStorage === 'basic-text' && !warnings.some((warning) => warning.code === 'SECRETS_NOT_ENCRYPTED'))
    warnings.push(NO_KEYRING);
  const offerPassphrase = info.masterPassphrase === 'not-set' && info.secretStorage !== 'keyring';
  return (
    <>
      {locked ? (
        <div className="secrets-locked" role="region" aria-label="Secrets locked">
          <span className="secrets-locked-text">
            <strong>Saved secrets are locked.</strong> Hosts that need a saved password, key passphrase or pasted key wait until you enter
            the master passphrase.
          </span>
          <UnlockForm />
        </div>
      ) : null}
      {!dismissed && (warnings.length > 0 || offerPassphrase) ? (
        <div className="app-notice" role="note" aria-label="Start-up warnings">
          <ul>
            {warnings.map((warning) => (
              <li key={`${warning.code}:${warning.message}`}>
                {warning.message} <code className="error-code">{warning.code}</code>
                {offerPassphrase && fixedByPassphrase.has(warning.code) ? (
                  <>
                    {' '}
                    <button type="button" className="link-button" onClick={onSetPassphrase}>
                      Set a master passphrase…
                    </button>
                  </>
                ) : null}
              </li>
            ))}
            {offerPassphrase && !warnings.some((warning) => fixedByPassphrase.has(warning.code)) ? (
              <li>
                Saved secrets are {info.secretStorage === 'memory' ? 'kept in memory only' : 'not encrypted at rest'}.{' '}
                <button type="button" className="link-button" onClick={onSetPassphrase}>
                  Set a master passphrase…
                </button>
              </li>
            ) : null}
          </ul>
          <button type="button" className="icon-button" aria-label="Dismiss start-up warnings" onClick={() => setDismissed(true)}>
            ×
          </button>
        </div>
      ) : null}
    </>
  );
}
