import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import type Conf from 'conf';
import type { AppWarning } from '../../../shared/contract.js';
import { BerthError } from '../errors.js';
import type { MasterPassphraseStatus } from '../../../shared/contract.js';
import { type SecretStore, checkSecretKey } from './secret-store.js';
import { type StoreLocation, moveAside, openConf, readStoreFile, storeFilePath } from './store-file.js';

/** scrypt's cost parameters. Stored in the vault, so a later Berth can raise them for new vaults only. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommendation for scrypt (2^17, 8, 1): about 128 MiB and a few hundred ms per derivation. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** Bounds a vault file's parameters must stay in, so a tampered file cannot make Berth allocate gigabytes. */
const SCRYPT_BOUNDS = { minLogN: 10, maxLogN: 20, maxR: 32, maxP: 4 } as const;
/** scrypt allocates 128·N·r bytes: a vault (or a tampered one) may ask for at most this much. */
export const MAX_SCRYPT_MEMORY_BYTES = 256 * 1024 * 1024;

export const VAULT_SCHEMA_VERSION = 1;
export const DEFAULT_VAULT_NAME = 'secrets-vault';
export const MIN_MASTER_PASSPHRASE_LENGTH = 8;
export const MAX_MASTER_PASSPHRASE_LENGTH = 1024;

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERIFIER_PLAINTEXT = 'berth secrets vault v1';
const VERIFIER_AAD = 'berth:verifier';
const secretAad = (key: string) => `berth:secret:${key}`;

interface VaultFile extends Record<string, unknown> {
  schemaVersion: number;
  kdf: { algorithm: 'scrypt'; salt: string } & ScryptParams;
  cipher: 'aes-256-gcm';
  /** A known text sealed with the key: a wrong passphrase fails its tag, before any secret is touched. */
  verifier: string;
  /** key → base64(iv ‖ tag ‖ ciphertext); the secret's name is the additional authenticated data. */
  secrets: Record<string, string>;
}

/** What a PassphraseSecretStore falls back to before a master passphrase is set (the keyring's basic_text store, or memory). */
export interface FallbackSecretStore extends SecretStore {
  /** Every key held, so the secrets can move into the vault when a passphrase is set. */
  keys(): Promise<string[]>;
}

export interface PassphraseSecretStoreOptions {
  /** Default DEFAULT_SCRYPT; tests use a cheaper N. Only used when a vault is created or re-keyed. */
  scrypt?: ScryptParams;
  /**
   * Where secrets live while no master passphrase is set. Setting one moves them into the vault
   * and deletes them here. Without a fallback, a store with no vault is locked.
   */
  fallback?: FallbackSecretStore;
}

/**
 * Secrets sealed with a key derived from the operator's master passphrase: scrypt (random
 * 16-byte salt) → a 256-bit key → AES-256-GCM per secret with a fresh 12-byte IV and the secret's
 * name as associated data (a ciphertext moved to another name fails to open). The vault is
 * `<cwd>/secrets-vault.json`, apart from the profiles; it holds only the KDF parameters, a
 * verifier and ciphertext. Nothing is readable until `unlock()` (or `setPassphrase()`); a wrong
 * passphrase is SECRETS_PASSPHRASE_WRONG, a read or write while locked SECRETS_LOCKED.
 *
 * Used by the desktop app when Electron has no OS keyring (Linux `basic_text`, or no encryption
 * at all) and the operator chooses a master passphrase, and by the browser shell with
 * `--persist-secrets`.
 */
export class PassphraseSecretStore implements SecretStore {
  readonly file: string;
  readonly warnings: AppWarning[] = [];
  private readonly conf: Conf<VaultFile>;
  private readonly scryptParams: ScryptParams;
  private fallback: FallbackSecretStore | undefined;
  private vault: VaultFile | undefined;
  private key: Buffer | undefined;
  /** Writes and key derivations run one at a time: no lost updates, and no pile of 128 MiB derivations. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(location: StoreLocation, options: PassphraseSecretStoreOptions = {}) {
    this.file = storeFilePath(location, DEFAULT_VAULT_NAME);
    this.scryptParams = checkScryptParams(options.scrypt ?? DEFAULT_SCRYPT);
    this.fallback = options.fallback;
    this.vault = this.recover();
    this.conf = openConf<VaultFile>(location, DEFAULT_VAULT_NAME);
  }

  /** 'passphrase' once a vault exists; before that, whatever the fallback is ('basic-text', 'memory'). */
  get kind(): SecretStore['kind'] {
    if (this.vault || !this.fallback) return 'passphrase';
    return this.fallback.kind;
  }

  get passphraseState(): MasterPassphraseStatus {
    if (!this.vault) return 'not-set';
    return this.key ? 'unlocked' : 'locked';
  }

  /** Whether `<cwd>/secrets-vault.json` exists: the operator chose a master passphrase earlier. */
  static exists(location: StoreLocation): boolean {
    return readStoreFile(storeFilePath(location, DEFAULT_VAULT_NAME)).kind !== 'missing';
  }

  /** Derives the key and checks it against the vault's verifier. */
  unlock(passphrase: string): Promise<void> {
    return this.serialise(async () => {
      const vault = this.vault;
      if (!vault) throw new BerthError('SECRETS_LOCKED', 'No master passphrase is set yet, so there is nothing to unlock. Set one first.');
      // Already unlocked: still check it, so a wrong passphrase is never answered with success.
      const key = await this.openVault(vault, passphrase);
      if (this.key) key.fill(0);
      else this.key = key;
    });
  }

  /**
   * Sets the master passphrase. With no vault yet, creates one and moves the fallback's secrets
   * into it; with an unlocked vault, re-encrypts every secret under a new salt and key, after
   * checking `current`. A locked vault must be unlocked first.
   */
  setPassphrase(passphrase: string, current?: string): Promise<void> {
    return this.serialise(async () => {
      checkNewPassphrase(passphrase);
      const vault = this.vault;
      if (vault && !this.key) {
        throw new BerthError('SECRETS_LOCKED', "Unlock Berth's secrets with the current master passphrase before changing it.");
      }
      let plain: Array<[string, string]>;
      if (vault) {
        if (current === undefined) {
          throw new BerthError('SECRETS_PASSPHRASE_WRONG', 'Give the current master passphrase to change it.');
        }
        const currentKey = await this.openVault(vault, current);
        plain = Object.keys(vault.secrets).map((name) => [name, this.open(currentKey, vault, name)]);
        currentKey.fill(0);
      } else {
        plain = [];
        for (const name of (await this.fallback?.keys()) ?? []) {
          const value = await this.fallback?.get(name);
          if (value !== undefined) plain.push([name, value]);
        }
      }
      const salt = randomBytes(SALT_BYTES);
      const key = await deriveKey(passphrase, salt, this.scryptParams);
      const next: VaultFile = {
        schemaVersion: VAULT_SCHEMA_VERSION,
        kdf: { algorithm: 'scrypt', salt: salt.toString('base64'), ...this.scryptParams },
        cipher: 'aes-256-gcm',
        verifier: seal(key, VERIFIER_PLAINTEXT, VERIFIER_AAD),
        secrets: Object.fromEntries(plain.map(([name, value]) => [name, seal(key, value, secretAad(name))])),
      };
      this.write(next);
      this.key?.fill(0);
      this.key = key;
      // Only now, with every secret safe in the vault, are the weaker copies deleted.
      const fallback = this.fallback;
      this.fallback = undefined;
      if (!vault && fallback) for (const [name] of plain) await fallback.delete(name);
    });
  }

  /** Forgets the key (the secrets stay sealed on disk). */
  lock(): void {
    this.key?.fill(0);
    this.key = undefined;
  }

  async get(name: string): Promise<string | undefined> {
    checkSecretKey(name);
    if (!this.vault && this.fallback) return this.fallback.get(name);
    const { vault, key } = this.unlocked();
    if (!Object.hasOwn(vault.secrets, name)) return undefined;
    return this.open(key, vault, name);
  }

  async set(name: string, value: string): Promise<void> {
    checkSecretKey(name);
    // Serialised with setPassphrase, so a secret written during the move into the vault is not lost.
    await this.serialise(async () => {
      if (!this.vault && this.fallback) return this.fallback.set(name, value);
      const { vault, key } = this.unlocked();
      this.write({ ...vault, secrets: { ...vault.secrets, [name]: seal(key, value, secretAad(name)) } });
    });
  }

  /** Deleting needs no key: a locked vault can still forget a removed host's secrets. */
  async delete(name: string): Promise<void> {
    checkSecretKey(name);
    await this.serialise(async () => {
      if (!this.vault && this.fallback) return this.fallback.delete(name);
      const vault = this.vault;
      if (!vault || !Object.hasOwn(vault.secrets, name)) return;
      const { [name]: _removed, ...rest } = vault.secrets;
      this.write({ ...vault, secrets: rest });
    });
  }

  async keys(): Promise<string[]> {
    if (!this.vault && this.fallback) return this.fallback.keys();
    return Object.keys(this.vault?.secrets ?? {});
  }

  private unlocked(): { vault: VaultFile; key: Buffer } {
    if (!this.vault) {
      throw new BerthError('SECRETS_LOCKED', 'No master passphrase is set, so Berth cannot keep secrets here yet. Set one first.');
    }
    if (!this.key) {
      throw new BerthError(
        'SECRETS_LOCKED',
        "Berth's saved secrets are locked. Unlock them with your master passphrase to use saved passwords, passphrases and pasted keys.",
      );
    }
    return { vault: this.vault, key: this.key };
  }

  private async openVault(vault: VaultFile, passphrase: string): Promise<Buffer> {
    const key = await deriveKey(passphrase, Buffer.from(vault.kdf.salt, 'base64'), vault.kdf);
    try {
      if (unseal(key, vault.verifier, VERIFIER_AAD) === VERIFIER_PLAINTEXT) return key;
    } catch {
      // a wrong key fails the GCM tag
    }
    key.fill(0);
    throw new BerthError('SECRETS_PASSPHRASE_WRONG', 'That is not the master passphrase of these secrets. Try again.');
  }

  private open(key: Buffer, vault: VaultFile, name: string): string {
    const sealed = Object.hasOwn(vault.secrets, name) ? vault.secrets[name] : undefined;
    if (sealed === undefined) throw new BerthError('INTERNAL', `No secret named ${name}.`);
    try {
      return unseal(key, sealed, secretAad(name));
    } catch (error) {
      throw new BerthError('INTERNAL', `The saved secret ${name} failed its integrity check: the vault file was changed. Enter it again.`, {
        cause: error,
      });
    }
  }

  private write(next: VaultFile): void {
    this.conf.store = next;
    this.vault = next;
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private recover(): VaultFile | undefined {
    const read = readStoreFile(this.file);
    if (read.kind === 'missing') return undefined;
    const vault = read.kind === 'json' ? parseVault(read.value) : undefined;
    if (typeof vault === 'object') return vault;
    const aside = moveAside(this.file);
    const why = typeof vault === 'string' ? ` ${vault}` : '';
    this.warnings.push({
      code: 'SECRETS_RECOVERED',
      message: `The passphrase-protected secrets file ${this.file} could not be read, so saved passwords, passphrases and pasted keys are gone; enter them again and set a master passphrase.${why} The original file is kept as ${aside}.`,
    });
    return undefined;
  }
}

export function checkNewPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length < MIN_MASTER_PASSPHRASE_LENGTH) {
    throw new BerthError('INVALID_ARGUMENT', `A master passphrase needs at least ${MIN_MASTER_PASSPHRASE_LENGTH} characters.`);
  }
  if (passphrase.length > MAX_MASTER_PASSPHRASE_LENGTH) {
    throw new BerthError('INVALID_ARGUMENT', `A master passphrase has at most ${MAX_MASTER_PASSPHRASE_LENGTH} characters.`);
  }
}

function checkScryptParams(params: ScryptParams): ScryptParams {
  const logN = Math.log2(params.N);
  const ok =
    Number.isInteger(logN) &&
    logN >= SCRYPT_BOUNDS.minLogN &&
    logN <= SCRYPT_BOUNDS.maxLogN &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    params.r <= SCRYPT_BOUNDS.maxR &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= SCRYPT_BOUNDS.maxP;
  if (!ok) throw new BerthError('INVALID_ARGUMENT', 'The scrypt parameters are out of bounds.');
  const memory = 128 * params.N * params.r;
  if (memory > MAX_SCRYPT_MEMORY_BYTES) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `The scrypt parameters N=2^${logN}, r=${params.r} need ${formatMebibytes(memory)} of memory (128·N·r); Berth allows at most 256 MiB, so it does not derive a key with them.`,
    );
  }
  return { N: params.N, r: params.r, p: params.p };
}

function formatMebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1024 ? `${mib / 1024} GiB` : `${mib} MiB`;
}

function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const { N, r, p } = checkScryptParams(params);
  return new Promise((resolve, reject) => {
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below the recommended cost.
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function seal(key: Buffer, plainText: string, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(key: Buffer, sealed: string, aad: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The vault, or undefined when it is not one, or why its KDF parameters were refused. */
function parseVault(value: unknown): VaultFile | string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const kdf = record.kdf as Record<string, unknown> | undefined;
  const secrets = record.secrets;
  if (record.schemaVersion !== VAULT_SCHEMA_VERSION || record.cipher !== 'aes-256-gcm') return undefined;
  if (typeof kdf !== 'object' || kdf === null || kdf.algorithm !== 'scrypt') return undefined;
  if (typeof kdf.salt !== 'string' || !BASE64.test(kdf.salt) || Buffer.from(kdf.salt, 'base64').length < SALT_BYTES) return undefined;
  const params = { N: kdf.N, r: kdf.r, p: kdf.p };
  if (typeof params.N !== 'number' || typeof params.r !== 'number' || typeof params.p !== 'number') return undefined;
  try {
    checkScryptParams(params as ScryptParams);
  } catch (error) {
    return (error as Error).message;
  }
  if (typeof record.verifier !== 'string' || !BASE64.test(record.verifier)) return undefined;
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return undefined;
  const entries = Object.entries(secrets);
  if (!entries.every(([name, sealed]) => /^[A-Za-z0-9_./:-]{1,200}$/.test(name) && typeof sealed === 'string' && BASE64.test(sealed))) {
    return undefined;
  }
  return {
    schemaVersion: VAULT_SCHEMA_VERSION,
    kdf: { algorithm: 'scrypt', salt: kdf.salt, N: params.N, r: params.r, p: params.p },
    cipher: 'aes-256-gcm',
    verifier: record.verifier,
    secrets: Object.fromEntries(entries) as Record<string, string>,
  };
}
