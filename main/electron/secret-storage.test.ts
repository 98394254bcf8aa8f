import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { TempDirs } from '../../test-support/service-fakes.js';
import { PassphraseSecretStore } from '../core/store/passphrase-secret-store.js';
import { masterPassphraseOf } from '../core/store/secret-store.js';

const electron = vi.hoisted(() => ({
  safeStorage: {
    isAsyncEncryptionAvailable: vi.fn(async () => true),
    encryptStringAsync: vi.fn(async (text: string) => Buffer.from(`enc:${text}`)),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: data.toString().slice(4), shouldReEncrypt: false })),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  },
}));
vi.mock('electron', () => ({ default: { safeStorage: electron.safeStorage }, safeStorage: electron.safeStorage }));

const { openSecretStore } = await import('./secret-storage.js');
const scrypt = { N: 2 ** 10, r: 8, p: 1 };

describe('openSecretStore', () => {
  it('uses safeStorage when it can encrypt', async () => {
    const temp = new TempDirs();
    try {
      const { secrets, warnings } = await openSecretStore(temp.make());
      expect(secrets.kind).toBe('keyring');
      await secrets.set('host/a/ssh-password', 'pw');
      expect(await secrets.get('host/a/ssh-password')).toBe('pw');
      expect(electron.safeStorage.encryptStringAsync).toHaveBeenCalledWith('pw');
      expect(warnings).toEqual([]);
    } finally {
      temp.cleanup();
    }
  });

  it("tells the operator when Linux chose the 'basic_text' backend, and offers a master passphrase that moves the secrets into the vault", async () => {
    if (process.platform !== 'linux') return;
    const temp = new TempDirs();
    electron.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    try {
      const dir = temp.make();
      const { secrets } = await openSecretStore(dir, { scrypt });
      expect(secrets.kind).toBe('basic-text');
      expect(secrets.warnings).toEqual([expect.objectContaining({ code: 'SECRETS_NOT_ENCRYPTED' })]);
      expect(secrets.warnings?.[0]?.message).toMatch(/same on every machine.*master passphrase/);
      const control = masterPassphraseOf(secrets);
      expect(control?.passphraseState).toBe('not-set');
      await secrets.set('host/a/ssh-password', 'MARKER-basic-text-pw');
      // Obfuscated only: the fake keyring's "enc:" prefix shows what basic_text amounts to.
      expect(readFileSync(path.join(dir, 'secrets.json'), 'utf8')).toContain(Buffer.from('enc:MARKER-basic-text-pw').toString('base64'));
      await control?.setPassphrase('a long master passphrase');
      expect(secrets.kind).toBe('passphrase');
      expect(readFileSync(path.join(dir, 'secrets.json'), 'utf8')).not.toContain(Buffer.from('enc:MARKER').toString('base64').slice(0, 12));
      expect(readFileSync(path.join(dir, 'secrets-vault.json'), 'utf8')).not.toContain('MARKER');

      // Next start: the vault is used, locked, whatever the keyring says now.
      electron.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
      const next = await openSecretStore(dir, { scrypt });
      expect(next.secrets).toBeInstanceOf(PassphraseSecretStore);
      expect(masterPassphraseOf(next.secrets)?.passphraseState).toBe('locked');
      await masterPassphraseOf(next.secrets)?.unlock('a long master passphrase');
      expect(await next.secrets.get('host/a/ssh-password')).toBe('MARKER-basic-text-pw');
    } finally {
      electron.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
      temp.cleanup();
    }
  });

  it('keeps secrets in memory, with a warning, when nothing can encrypt, and offers a master passphrase', async () => {
    const temp = new TempDirs();
    electron.safeStorage.isAsyncEncryptionAvailable.mockResolvedValueOnce(false);
    try {
      const dir = temp.make();
      const { secrets, warnings } = await openSecretStore(dir, { scrypt });
      expect(secrets.kind).toBe('memory');
      expect(warnings).toEqual([expect.objectContaining({ code: 'SECRETS_IN_MEMORY' })]);
      expect(masterPassphraseOf(secrets)?.passphraseState).toBe('not-set');
      expect(existsSync(path.join(dir, 'secrets.json'))).toBe(false);
    } finally {
      temp.cleanup();
    }
  });

  it('seals a secret again when the keyring says it rotated its key (decryptStringAsync shouldReEncrypt)', async () => {
    const temp = new TempDirs();
    try {
      const { secrets } = await openSecretStore(temp.make());
      await secrets.set('host/a/ssh-password', 'pw-rotated');
      electron.safeStorage.encryptStringAsync.mockClear();
      electron.safeStorage.decryptStringAsync.mockImplementationOnce(async (data: Buffer) => ({
        result: data.toString().slice(4),
        shouldReEncrypt: true,
      }));
      expect(await secrets.get('host/a/ssh-password')).toBe('pw-rotated');
      await vi.waitFor(() => expect(electron.safeStorage.encryptStringAsync).toHaveBeenCalledWith('pw-rotated'));
    } finally {
      temp.cleanup();
    }
  });
});
