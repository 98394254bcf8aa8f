import type Conf from 'conf';
import type { AppWarning, SecretStorageKind } from '../../../shared/contract.js';
import { BerthError } from '../errors.js';
import { type SecretStore, checkSecretKey } from './secret-store.js';
import { type StoreLocation, moveAside, openConf, readStoreFile, storeFilePath } from './store-file.js';

/**
 * What SafeStorageSecretStore needs of Electron's `safeStorage`, injected so main/core never
 * imports electron. `backend()` is `safeStorage.getSelectedStorageBackend()` on Linux
 * ('gnome_libsecret', 'kwallet5', 'basic_text', …) and e.g. 'keychain' / 'dpapi' elsewhere.
 */
export interface StringEncryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Promise<Buffer> | Buffer;
  /**
   * The plain text, or Electron's `decryptStringAsync` answer: `shouldReEncrypt` says the keyring
   * rotated its key, and the store then seals the secret again with the new one.
   */
  decryptString(encrypted: Buffer): Promise<string | DecryptResult> | string | DecryptResult;
  backend(): string;
}

export interface DecryptResult {
  result: string;
  shouldReEncrypt: boolean;
}

export const SECRETS_SCHEMA_VERSION = 1;
const DEFAULT_NAME = 'secrets';

interface SecretsFile extends Record<string, unknown> {
  schemaVersion: number;
  /** key → base64 ciphertext. */
  secrets: Record<string, string>;
}

/**
 * Secrets encrypted by the OS keyring (through the injected encryptor) and kept as base64
 * ciphertext in `<cwd>/secrets.json`, a conf file apart from the profiles. A file that does not
 * parse is moved aside as `secrets.corrupt-<timestamp>.json` and the store starts empty.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly kind: Extract<SecretStorageKind, 'keyring' | 'basic-text'>;
  readonly file: string;
  readonly warnings: AppWarning[] = [];
  private readonly conf: Conf<SecretsFile>;
  private secrets: Record<string, string>;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    location: StoreLocation,
    private readonly encryptor: StringEncryptor,
  ) {
    if (!encryptor.isEncryptionAvailable()) {
      throw new BerthError('INTERNAL', 'The OS keyring cannot encrypt secrets here; keep them in memory instead.');
    }
    this.kind = encryptor.backend() === 'basic_text' ? 'basic-text' : 'keyring';
    if (this.kind === 'basic-text') {
      this.warnings.push({
        code: 'SECRETS_NOT_ENCRYPTED',
        message:
          'No OS keyring was found (Electron chose its "basic_text" backend), so saved passwords, passphrases and pasted keys are only obfuscated on disk with a key that is the same on every machine: anyone who can read your files can read them. Set a master passphrase in Berth to encrypt them, or install and unlock a keyring (GNOME Keyring or KWallet) and restart Berth.',
      });
    }
    this.file = storeFilePath(location, DEFAULT_NAME);
    this.secrets = this.recover();
    this.conf = openConf<SecretsFile>(location, DEFAULT_NAME);
  }

  async get(key: string): Promise<string | undefined> {
    checkSecretKey(key);
    const ciphertext = Object.hasOwn(this.secrets, key) ? this.secrets[key] : undefined;
    if (ciphertext === undefined) return undefined;
    let decrypted: string | DecryptResult;
    try {
      decrypted = await this.encryptor.decryptString(Buffer.from(ciphertext, 'base64'));
    } catch (error) {
      throw new BerthError(
        'INTERNAL',
        `A saved secret (${key}) could not be decrypted: the OS keyring may have been reset or replaced. Enter it again.`,
        { cause: error },
      );
    }
    if (typeof decrypted === 'string') return decrypted;
    // The keyring rotated its key: seal the secret again; a failure here costs nothing (the old ciphertext still opens).
    if (decrypted.shouldReEncrypt) void this.set(key, decrypted.result).catch(() => undefined);
    return decrypted.result;
  }

  /** Every secret name held (to move them into a passphrase vault). */
  async keys(): Promise<string[]> {
    return Object.keys(this.secrets);
  }

  async set(key: string, value: string): Promise<void> {
    checkSecretKey(key);
    const ciphertext = Buffer.from(await this.encryptor.encryptString(value)).toString('base64');
    await this.update((secrets) => ({ ...secrets, [key]: ciphertext }));
  }

  async delete(key: string): Promise<void> {
    checkSecretKey(key);
    if (!Object.hasOwn(this.secrets, key)) return;
    await this.update((secrets) => {
      const { [key]: _removed, ...rest } = secrets;
      return rest;
    });
  }

  /** Serialised writes, so two concurrent sets cannot lose each other. */
  private update(edit: (secrets: Record<string, string>) => Record<string, string>): Promise<void> {
    const run = async (): Promise<void> => {
      const next = edit(this.secrets);
      this.conf.store = { schemaVersion: SECRETS_SCHEMA_VERSION, secrets: next };
      this.secrets = next;
    };
    const result = this.writes.then(run, run);
    this.writes = result.catch(() => undefined);
    return result;
  }

  private recover(): Record<string, string> {
    const read = readStoreFile(this.file);
    if (read.kind === 'missing') return {};
    const value = read.kind === 'json' ? read.value : undefined;
    const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
    const secrets = record?.secrets;
    const valid =
      record !== undefined &&
      record.schemaVersion === SECRETS_SCHEMA_VERSION &&
      typeof secrets === 'object' &&
      secrets !== null &&
      !Array.isArray(secrets) &&
      Object.entries(secrets).every(([key, text]) => typeof text === 'string' && /^[A-Za-z0-9+/=]*$/.test(text) && key.length <= 200);
    if (valid) return { ...(secrets as Record<string, string>) };
    const aside = moveAside(this.file);
    this.warnings.push({
      code: 'SECRETS_RECOVERED',
      message: `The saved secrets file ${this.file} could not be read, so saved passwords, passphrases and pasted keys are gone; enter them again. The original file is kept as ${aside}.`,
    });
    return {};
  }
}
