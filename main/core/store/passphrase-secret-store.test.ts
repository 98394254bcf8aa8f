import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, PassphraseSecretStore } from './passphrase-secret-store.js';
import { MemorySecretStore, masterPassphraseOf } from './secret-store.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-vault-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Cheap scrypt for tests; one test below runs the default cost. */
const fast = { scrypt: { N: 2 ** 10, r: 8, p: 1 } };
const PASSPHRASE = 'correct horse battery staple';
const SSH_PASSWORD = 'MARKER-ssh-password-5d1e';
const TLS_KEY = '-----BEGIN PRIVATE KEY-----\nMARKERtlskeyMARKERtlskeyMARKER0123\n-----END PRIVATE KEY-----\n';

function expectNoPlaintext(file: string, ...secrets: string[]): void {
  const bytes = readFileSync(file);
  for (const secret of [...secrets, PASSPHRASE]) {
    expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64').slice(0, 16)))).toBe(false);
  }
  expect(bytes.toString('utf8')).not.toContain('MARKER');
}

describe('PassphraseSecretStore', () => {
  it('creates a vault, keeps only ciphertext in its own 0600 file, and reopens with the passphrase', async () => {
    const dir = tempDir();
    const store = new PassphraseSecretStore({ cwd: dir }, fast);
    expect(store.kind).toBe('passphrase');
    expect(store.passphraseState).toBe('not-set');
    await store.setPassphrase(PASSPHRASE);
    expect(store.passphraseState).toBe('unlocked');
    await store.set('host/edge/ssh-password', SSH_PASSWORD);
    await store.set('host/prod/tls-key', TLS_KEY);
    expect(readdirSync(dir)).toEqual(['secrets-vault.json']);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expectNoPlaintext(store.file, SSH_PASSWORD, TLS_KEY, 'MIIE');
    const file = JSON.parse(readFileSync(store.file, 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ schemaVersion: 1, cipher: 'aes-256-gcm', kdf: { algorithm: 'scrypt', N: 1024, r: 8, p: 1 } });
    expect(Object.keys(file.secrets as object).sort()).toEqual(['host/edge/ssh-password', 'host/prod/tls-key']);

    const reopened = new PassphraseSecretStore({ cwd: dir }, fast);
    expect(reopened.passphraseState).toBe('locked');
    await expect(reopened.get('host/edge/ssh-password')).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });
    await expect(reopened.set('host/edge/ssh-password', 'x')).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });
    await reopened.unlock(PASSPHRASE);
    expect(await reopened.get('host/edge/ssh-password')).toBe(SSH_PASSWORD);
    expect(await reopened.get('host/prod/tls-key')).toBe(TLS_KEY);
    expect(await reopened.get('host/none/ssh-password')).toBeUndefined();
  });

  it('answers a wrong passphrase with SECRETS_PASSPHRASE_WRONG and stays locked', async () => {
    const dir = tempDir();
    const store = new PassphraseSecretStore({ cwd: dir }, fast);
    await store.setPassphrase(PASSPHRASE);
    await store.set('host/a/ssh-password', SSH_PASSWORD);
    const reopened = new PassphraseSecretStore({ cwd: dir }, fast);
    for (const wrong of ['correct horse battery stapler', '', 'x'.repeat(2000), PASSPHRASE.toUpperCase()]) {
      const error = await reopened.unlock(wrong).then(
        () => undefined,
        (caught: unknown) => caught as { code: string; message: string },
      );
      expect(error?.code).toBe('SECRETS_PASSPHRASE_WRONG');
      expect(error?.message).not.toContain(wrong.slice(0, 20) || 'never');
    }
    expect(reopened.passphraseState).toBe('locked');
    await expect(reopened.get('host/a/ssh-password')).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });
  });

  it('uses a fresh salt per vault and a fresh IV per secret', async () => {
    const a = new PassphraseSecretStore({ cwd: tempDir() }, fast);
    const b = new PassphraseSecretStore({ cwd: tempDir() }, fast);
    await a.setPassphrase(PASSPHRASE);
    await b.setPassphrase(PASSPHRASE);
    await a.set('k/1', 'same value');
    await a.set('k/2', 'same value');
    await b.set('k/1', 'same value');
    const fileA = JSON.parse(readFileSync(a.file, 'utf8')) as { kdf: { salt: string }; secrets: Record<string, string> };
    const fileB = JSON.parse(readFileSync(b.file, 'utf8')) as { kdf: { salt: string }; secrets: Record<string, string> };
    expect(Buffer.from(fileA.kdf.salt, 'base64')).toHaveLength(16);
    expect(fileA.kdf.salt).not.toBe(fileB.kdf.salt);
    expect(fileA.secrets['k/1']).not.toBe(fileA.secrets['k/2']);
    expect(fileA.secrets['k/1']).not.toBe(fileB.secrets['k/1']);
  });

  it('refuses a ciphertext moved to another name or altered (GCM with the name as associated data)', async () => {
    const dir = tempDir();
    const store = new PassphraseSecretStore({ cwd: dir }, fast);
    await store.setPassphrase(PASSPHRASE);
    await store.set('host/a/ssh-password', 'a-password');
    await store.set('host/b/ssh-password', 'b-password');
    const file = JSON.parse(readFileSync(store.file, 'utf8')) as { secrets: Record<string, string> };
    const original = file.secrets['host/b/ssh-password']!;
    file.secrets['host/b/ssh-password'] = file.secrets['host/a/ssh-password']!;
    writeFileSync(store.file, JSON.stringify(file));
    const swapped = new PassphraseSecretStore({ cwd: dir }, fast);
    await swapped.unlock(PASSPHRASE);
    await expect(swapped.get('host/b/ssh-password')).rejects.toThrow(/integrity check/);
    const bytes = Buffer.from(original, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    file.secrets['host/b/ssh-password'] = bytes.toString('base64');
    writeFileSync(store.file, JSON.stringify(file));
    const altered = new PassphraseSecretStore({ cwd: dir }, fast);
    await altered.unlock(PASSPHRASE);
    await expect(altered.get('host/b/ssh-password')).rejects.toThrow(/integrity check/);
  });

  it('changes the passphrase: needs the current one, re-encrypts everything under a new salt', async () => {
    const dir = tempDir();
    const store = new PassphraseSecretStore({ cwd: dir }, fast);
    await store.setPassphrase(PASSPHRASE);
    await store.set('host/a/ssh-password', SSH_PASSWORD);
    const before = JSON.parse(readFileSync(store.file, 'utf8')) as { kdf: { salt: string } };
    await expect(store.setPassphrase('a brand new passphrase')).rejects.toMatchObject({ code: 'SECRETS_PASSPHRASE_WRONG' });
    await expect(store.setPassphrase('a brand new passphrase', 'not the current one')).rejects.toMatchObject({
      code: 'SECRETS_PASSPHRASE_WRONG',
    });
    await store.setPassphrase('a brand new passphrase', PASSPHRASE);
    const after = JSON.parse(readFileSync(store.file, 'utf8')) as { kdf: { salt: string } };
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    const reopened = new PassphraseSecretStore({ cwd: dir }, fast);
    await expect(reopened.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'SECRETS_PASSPHRASE_WRONG' });
    await reopened.unlock('a brand new passphrase');
    expect(await reopened.get('host/a/ssh-password')).toBe(SSH_PASSWORD);
    // A locked vault cannot be re-keyed; a short passphrase is refused.
    await expect(
      new PassphraseSecretStore({ cwd: dir }, fast).setPassphrase('another one!', 'a brand new passphrase'),
    ).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });
    await expect(new PassphraseSecretStore({ cwd: tempDir() }, fast).setPassphrase('short')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('deletes while locked, and lock() forgets the key', async () => {
    const dir = tempDir();
    const store = new PassphraseSecretStore({ cwd: dir }, fast);
    await store.setPassphrase(PASSPHRASE);
    await store.set('host/a/ssh-password', SSH_PASSWORD);
    store.lock();
    expect(store.passphraseState).toBe('locked');
    await store.delete('host/a/ssh-password');
    await store.unlock(PASSPHRASE);
    expect(await store.get('host/a/ssh-password')).toBeUndefined();
    expect(await store.keys()).toEqual([]);
  });

  it('uses the fallback until a passphrase is set, then moves its secrets into the vault and deletes them there', async () => {
    const dir = tempDir();
    const fallback = new MemorySecretStore();
    const store = new PassphraseSecretStore({ cwd: dir }, { ...fast, fallback });
    expect(store.kind).toBe('memory');
    expect(masterPassphraseOf(store)?.passphraseState).toBe('not-set');
    await store.set('host/a/ssh-password', SSH_PASSWORD);
    await store.set('host/b/tls-key', TLS_KEY);
    expect(await fallback.get('host/a/ssh-password')).toBe(SSH_PASSWORD);
    expect(readdirSync(dir)).toEqual([]);
    // A write racing the move is not lost.
    await Promise.all([store.setPassphrase(PASSPHRASE), store.set('host/c/ssh-password', 'written during the move')]);
    expect(store.kind).toBe('passphrase');
    expect(await fallback.keys()).toEqual([]);
    const reopened = new PassphraseSecretStore({ cwd: dir }, fast);
    await reopened.unlock(PASSPHRASE);
    expect(await reopened.get('host/a/ssh-password')).toBe(SSH_PASSWORD);
    expect(await reopened.get('host/b/tls-key')).toBe(TLS_KEY);
    expect(await reopened.get('host/c/ssh-password')).toBe('written during the move');
    expectNoPlaintext(reopened.file, SSH_PASSWORD, TLS_KEY);
  });

  it('moves a corrupt or tampered vault aside with a warning', async () => {
    for (const content of [
      'not json',
      JSON.stringify({
        schemaVersion: 1,
        cipher: 'aes-256-gcm',
        kdf: { algorithm: 'scrypt', salt: 'AAAAAAAAAAAAAAAAAAAAAA==', N: 2 ** 30, r: 8, p: 1 },
      }),
      JSON.stringify({ schemaVersion: 2 }),
    ]) {
      const dir = tempDir();
      writeFileSync(path.join(dir, 'secrets-vault.json'), content);
      const store = new PassphraseSecretStore({ cwd: dir }, fast);
      expect(store.passphraseState).toBe('not-set');
      expect(store.warnings).toEqual([expect.objectContaining({ code: 'SECRETS_RECOVERED' })]);
      expect(readdirSync(dir).filter((name) => name.startsWith('secrets-vault.corrupt-'))).toHaveLength(1);
    }
  });

  it('refuses scrypt parameters needing more than 256 MiB (128·N·r), given or read from a vault', async () => {
    for (const scrypt of [
      { N: 2 ** 20, r: 32, p: 1 },
      { N: 2 ** 20, r: 8, p: 1 },
      { N: 2 ** 18, r: 9, p: 1 },
    ]) {
      expect(() => new PassphraseSecretStore({ cwd: tempDir() }, { scrypt })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringMatching(/needs? [\d.]+ [MG]iB of memory.*at most 256 MiB/),
        }),
      );
    }
    // 128 · 2^17 · 16 is exactly 256 MiB: allowed.
    expect(() => new PassphraseSecretStore({ cwd: tempDir() }, { scrypt: { N: 2 ** 17, r: 16, p: 1 } })).not.toThrow();

    const dir = tempDir();
    const store = new PassphraseSecretStore({ cwd: dir }, fast);
    await store.setPassphrase(PASSPHRASE);
    const vaultFile = path.join(dir, 'secrets-vault.json');
    const vault = JSON.parse(readFileSync(vaultFile, 'utf8'));
    writeFileSync(vaultFile, JSON.stringify({ ...vault, kdf: { ...vault.kdf, N: 2 ** 20, r: 32 } }));
    const tampered = new PassphraseSecretStore({ cwd: dir }, fast);
    expect(tampered.passphraseState).toBe('not-set');
    expect(tampered.warnings).toEqual([
      expect.objectContaining({ code: 'SECRETS_RECOVERED', message: expect.stringMatching(/4 GiB of memory.*at most 256 MiB/) }),
    ]);
  });

  it('keeps __proto__ and constructor as ordinary secret names', async () => {
    const store = new PassphraseSecretStore({ cwd: tempDir() }, fast);
    await store.setPassphrase(PASSPHRASE);
    expect(await store.get('constructor')).toBeUndefined();
    expect(await store.get('__proto__')).toBeUndefined();
    await store.set('__proto__', 'value');
    expect(await store.get('__proto__')).toBe('value');
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('derives with scrypt N=2^17, r=8, p=1 by default', async () => {
    const store = new PassphraseSecretStore({ cwd: tempDir() });
    await store.setPassphrase(PASSPHRASE);
    const file = JSON.parse(readFileSync(store.file, 'utf8')) as { kdf: object };
    expect(file.kdf).toMatchObject({ algorithm: 'scrypt', ...DEFAULT_SCRYPT });
  }, 20_000);
});
