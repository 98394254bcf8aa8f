import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ConfProfileStore } from '../core/store/conf-profile-store.js';
import type { StoredProfile } from '../core/store/profile-store.js';

const userData = mkdtempSync(path.join(os.tmpdir(), 'berth-electron-store-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

// electron-store asks Electron's app for its defaults; the binary is not needed for that.
vi.mock('electron', () => {
  const electron = {
    app: { getPath: (name: string) => (name === 'userData' ? userData : '/nonexistent'), getVersion: () => '0.1.0' },
    ipcMain: { on: vi.fn() },
    shell: { openPath: vi.fn() },
  };
  return { default: electron, ...electron };
});

const { openElectronStore } = await import('./electron-store-opener.js');

const profile: StoredProfile = { id: 'build-01', name: 'build 01', tags: ['ci'], transport: { type: 'tcp', host: '10.0.0.5', port: 2375 } };

describe('the desktop app keeps profiles with electron-store', () => {
  it('writes profiles.json that the browser shell and the CLI (plain conf) read, and reads theirs', async () => {
    const desktop = new ConfProfileStore({ cwd: userData, open: openElectronStore });
    await desktop.save(profile);
    const file = path.join(userData, 'profiles.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const shell = new ConfProfileStore({ cwd: userData });
    expect(await shell.list()).toEqual([profile]);

    await shell.save({ ...profile, id: 'edge', name: 'edge' });
    const reopened = new ConfProfileStore({ cwd: userData, open: openElectronStore });
    expect((await reopened.list()).map((entry) => entry.id)).toEqual(['build-01', 'edge']);
    expect(reopened.warnings).toEqual([]);
  });
});
