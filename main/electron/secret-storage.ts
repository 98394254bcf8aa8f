import { safeStorage } from 'electron';
import type { AppWarning } from '../../shared/contract.js';
import { SafeStorageSecretStore, type StringEncryptor } from '../core/store/safe-storage-secret-store.js';
import { MemorySecretStore, type SecretStore } from '../core/store/secret-store.js';

/**
 * The secret store of the desktop app: Electron's safeStorage (OS keyring) behind
 * SafeStorageSecretStore, in userData/secrets.json. When no encryption is available at all,
 * secrets stay in memory and the operator is told. Call after `app.whenReady()`.
 */
export async function openSecretStore(
  dataDir: string,
): Promise<{ secrets: SecretStore & { warnings?: AppWarning[] }; warnings: AppWarning[] }> {
  const available = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  if (!available) {
    return {
      secrets: new MemorySecretStore(),
      warnings: [
        {
          code: 'SECRETS_IN_MEMORY',
          message: 'The OS keyring cannot encrypt data for Berth, so passwords, passphrases and pasted keys are not saved to disk.',
        },
      ],
    };
  }
  const encryptor: StringEncryptor = {
    isEncryptionAvailable: () => available,
    encryptString: (plainText) => safeStorage.encryptStringAsync(plainText),
    decryptString: async (encrypted) => (await safeStorage.decryptStringAsync(encrypted)).result,
    backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os-keychain'),
  };
  return { secrets: new SafeStorageSecretStore({ cwd: dataDir }, encryptor), warnings: [] };
}
