import type { MasterPassphraseStatus, SecretStorageKind } from '../../../shared/contract.js';
import { BerthError } from '../errors.js';

/**
 * Where passwords, passphrases and pasted private keys live, apart from the profiles. Keys are
 * short names such as `host/<id>/ssh-password`; values are never logged or sent to the renderer.
 */
export interface SecretStore {
  /** How secrets are kept at rest, as app:info reports it. */
  readonly kind: SecretStorageKind;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A secret store protected by a master passphrase the operator enters (PassphraseSecretStore). */
export interface MasterPassphraseControl {
  readonly passphraseState: MasterPassphraseStatus;
  /** SECRETS_PASSPHRASE_WRONG for a wrong passphrase. */
  unlock(passphrase: string): Promise<void>;
  /** Sets a first passphrase, or changes it (then `current` must be the present one). */
  setPassphrase(passphrase: string, current?: string): Promise<void>;
}

/** The store's master-passphrase control, when it has one. */
export function masterPassphraseOf(store: SecretStore): MasterPassphraseControl | undefined {
  const candidate = store as Partial<MasterPassphraseControl>;
  return typeof candidate.unlock === 'function' && typeof candidate.setPassphrase === 'function' && 'passphraseState' in candidate
    ? (candidate as MasterPassphraseControl)
    : undefined;
}

const KEY_PATTERN = /^[A-Za-z0-9_./:-]{1,200}$/;

export function checkSecretKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new BerthError('INVALID_ARGUMENT', `"${key.slice(0, 60)}" is not a valid secret name (letters, digits and _ . / : - only).`);
  }
}

/** Secrets for this process's life only: the browser shell's default and the tests'. */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  private readonly secrets = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    checkSecretKey(key);
    return this.secrets.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    checkSecretKey(key);
    this.secrets.set(key, value);
  }

  async delete(key: string): Promise<void> {
    checkSecretKey(key);
    this.secrets.delete(key);
  }

  async keys(): Promise<string[]> {
    return [...this.secrets.keys()];
  }
}
