import { describe, expect, it, vi } from 'vitest';
import { TempDirs } from '../core/app/service-test-support.js';

const electron = vi.hoisted(() => ({
  safeStorage: {
    isAsyncEncryptionAvailable: vi.fn(async () => true),
    encryptStringAsync: vi.fn(async (text: string) => Buffer.from(`enc:${text}`)),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: data.toString().slice(4), shouldReEncrypt: false })),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  },
}));
vi.mock('electron', () => ({ safeStorage: electron.safeStorage }));

const { openSecretStore } = await import('./secret-storage.js');

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

  it("tells the operator when Linux chose the 'basic_text' backend", async () => {
    if (process.platform !== 'linux') return;
    const temp = new TempDirs();
    electron.safeStorage.getSelectedStorageBackend.mockReturnValueOnce('basic_text');
    try {
      const { secrets } = await openSecretStore(temp.make());
      expect(secrets.kind).toBe('basic-text');
      expect(secrets.warnings).toEqual([expect.objectContaining({ code: 'SECRETS_NOT_ENCRYPTED' })]);
    } finally {
      temp.cleanup();
    }
  });

  it('keeps secrets in memory, with a warning, when nothing can encrypt', async () => {
    electron.safeStorage.isAsyncEncryptionAvailable.mockResolvedValueOnce(false);
    const { secrets, warnings } = await openSecretStore('/nonexistent');
    expect(secrets.kind).toBe('memory');
    expect(warnings).toEqual([expect.objectContaining({ code: 'SECRETS_IN_MEMORY' })]);
  });
});
