import { safeStorage } from 'electron';
import type { AppWarning } from '../../shared/contract.js';
import { PassphraseSecretStore, type ScryptParams } from '../core/store/passphrase-secret-store.js';
import { SafeStorageSecretStore, type StringEncryptor } from '../core/store/safe-storage-secret-store.js';
import { MemorySecretStore, type SecretStore } from '../core/store/secret-store.js';
import { openElectronStore } from './electron-store-opener.js';

export interface OpenSecretStoreOptions {
  /** scrypt cost of a new master-passphrase vault (tests lower it). */
  scrypt?: ScryptParams;
}

/**
 * The secret store of the desktop app. Call after `app.whenReady()`.
 *
 * - A master-passphrase vault (`userData/secrets-vault.json`) exists: the operator chose one
 *   earlier, so it is used, locked until the renderer sends `secrets:unlock`.
 * - Electron's safeStorage has a real OS keyring: SafeStorageSecretStore, ciphertext in
 *   `userData/secrets.json` (async safeStorage API; secrets are sealed again when the keyring
 *   rotates its key).
 * - Linux without a keyring (safeStorage's `basic_text` backend, a hard-coded key) or no
 *   encryption at all: secrets stay where they are (obfuscated on disk, or in memory), the
 *   operator is told plainly, and may set a master passphrase (`secrets:set-master-passphrase`),
 *   which moves them into the vault.
 */
export async function openSecretStore(
  dataDir: string,
  options: OpenSecretStoreOptions = {},
): Promise<{ secrets: SecretStore & { warnings?: AppWarning[] }; warnings: AppWarning[] }> {
  const location = { cwd: dataDir, open: openElectronStore };
  const vaultOptions = options.scrypt ? { scrypt: options.scrypt } : {};
  const recovered: AppWarning[] = [];
  if (PassphraseSecretStore.exists(location)) {
    const vault = new PassphraseSecretStore(location, vaultOptions);
    if (vault.passphraseState !== 'not-set') return { secrets: vault, warnings: [] };
    // The vault file could not be read and was moved aside: say so, and start over as if there were none.
    recovered.push(...vault.warnings);
  }
  const available = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  if (!available) {
    return {
      secrets: new PassphraseSecretStore(location, { ...vaultOptions, fallback: new MemorySecretStore() }),
      warnings: [
        ...recovered,
        {
          code: 'SECRETS_IN_MEMORY',
          message:
            'The OS keyring cannot encrypt data for Berth, so passwords, passphrases and pasted keys are kept in memory only and forgotten when Berth quits. Set a master passphrase to save them encrypted.',
        },
      ],
    };
  }
  const encryptor: StringEncryptor = {
    isEncryptionAvailable: () => available,
    encryptString: (plainText) => safeStorage.encryptStringAsync(plainText),
    decryptString: (encrypted) => safeStorage.decryptStringAsync(encrypted),
    backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os-keychain'),
  };
  const keyring = new SafeStorageSecretStore(location, encryptor);
  if (keyring.kind === 'keyring') return { secrets: keyring, warnings: recovered };
  // basic_text: obfuscation only. The warning (SECRETS_NOT_ENCRYPTED) comes with the store.
  const secrets = new PassphraseSecretStore(location, { ...vaultOptions, fallback: keyring });
  secrets.warnings.push(...keyring.warnings);
  return { secrets, warnings: recovered };
}
