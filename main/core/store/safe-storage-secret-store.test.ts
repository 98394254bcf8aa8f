import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '../errors.js';
import { SafeStorageSecretStore, type StringEncryptor } from './safe-storage-secret-store.js';
import { MemorySecretStore } from './secret-store.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-secrets-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Stands in for Electron's safeStorage: real AES-GCM with a key that lives as long as the object. */
function fakeKeyring(backend = 'gnome_libsecret', key = randomBytes(32)): StringEncryptor {
  return {
    isEncryptionAvailable: () => true,
    backend: () => backend,
    encryptString: async (plainText) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString: (encrypted) => {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('SafeStorageSecretStore', () => {
  it('keeps only ciphertext on disk, in its own file, and reads it back after a restart', async () => {
    const dir = tempDir();
    const keyring = fakeKeyring();
    const store = new SafeStorageSecretStore({ cwd: dir }, keyring);
    expect(store.kind).toBe('keyring');
    await store.set('host/edge/ssh-password', 'correct horse battery staple');
    await store.set('host/edge/tls-key', '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n');
    const bytes = readFileSync(store.file, 'utf8');
    expect(bytes).not.toContain('correct horse');
    expect(bytes).not.toContain('PRIVATE KEY');
    expect(JSON.parse(bytes)).toMatchObject({
      schemaVersion: 1,
      secrets: { 'host/edge/ssh-password': expect.stringMatching(/^[A-Za-z0-9+/=]+$/) },
    });
    expect(readdirSync(dir)).toEqual(['secrets.json']);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);

    const reopened = new SafeStorageSecretStore({ cwd: dir }, keyring);
    expect(await reopened.get('host/edge/ssh-password')).toBe('correct horse battery staple');
    await reopened.delete('host/edge/ssh-password');
    expect(await reopened.get('host/edge/ssh-password')).toBeUndefined();
    expect(await new SafeStorageSecretStore({ cwd: dir }, keyring).get('host/edge/ssh-password')).toBeUndefined();
  });

  it('serialises concurrent writes', async () => {
    const dir = tempDir();
    const keyring = fakeKeyring();
    const store = new SafeStorageSecretStore({ cwd: dir }, keyring);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k/${i}`, `value-${i}`)));
    const reopened = new SafeStorageSecretStore({ cwd: dir }, keyring);
    for (let i = 0; i < 20; i += 1) expect(await reopened.get(`k/${i}`)).toBe(`value-${i}`);
  });

  it('says when Electron fell back to basic_text', () => {
    const store = new SafeStorageSecretStore({ cwd: tempDir() }, fakeKeyring('basic_text'));
    expect(store.kind).toBe('basic-text');
    expect(store.warnings).toEqual([expect.objectContaining({ code: 'SECRETS_NOT_ENCRYPTED' })]);
  });

  it('refuses to start without encryption', () => {
    const keyring = { ...fakeKeyring(), isEncryptionAvailable: () => false };
    expect(() => new SafeStorageSecretStore({ cwd: tempDir() }, keyring)).toThrow(BerthError);
  });

  it('reports a secret the keyring can no longer decrypt', async () => {
    const dir = tempDir();
    await new SafeStorageSecretStore({ cwd: dir }, fakeKeyring()).set('host/a/ssh-password', 'pw-1234');
    const otherKeyring = new SafeStorageSecretStore({ cwd: dir }, fakeKeyring());
    await expect(otherKeyring.get('host/a/ssh-password')).rejects.toThrow(/could not be decrypted/);
  });

  it('moves a corrupt file aside and starts empty with a warning', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'secrets.json'), 'not json at all');
    const store = new SafeStorageSecretStore({ cwd: dir }, fakeKeyring());
    expect(await store.get('host/a/ssh-password')).toBeUndefined();
    expect(store.warnings).toEqual([expect.objectContaining({ code: 'SECRETS_RECOVERED' })]);
    expect(readdirSync(dir).filter((name) => name.startsWith('secrets.corrupt-'))).toHaveLength(1);
  });

  it('rejects malformed secret names', async () => {
    const store = new SafeStorageSecretStore({ cwd: tempDir() }, fakeKeyring());
    await expect(store.set('', 'x')).rejects.toThrow(BerthError);
    await expect(store.set('x'.repeat(201), 'x')).rejects.toThrow(BerthError);
    await expect(new MemorySecretStore().get('has space')).rejects.toThrow(BerthError);
  });
});
