import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppService } from '../app/create-service.js';
import { prepareDataDirectory } from './data-directory.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-datadir-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const modeOf = (dir: string) => statSync(dir).mode & 0o777;

describe('the data directory', () => {
  it('is created with mode 0700, however loose the umask', () => {
    const dir = path.join(tempDir(), 'nested', 'berth');
    const previous = process.umask(0o000);
    try {
      expect(prepareDataDirectory(dir)).toEqual([]);
    } finally {
      process.umask(previous);
    }
    expect(modeOf(dir)).toBe(0o700);
  });

  it('tightens an existing directory of ours that others may read', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    expect(prepareDataDirectory(dir)).toEqual([]);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('warns about a loose directory that belongs to someone else, and leaves it alone', () => {
    const dir = tempDir();
    chmodSync(dir, 0o750);
    const otherUser = statSync(dir).uid + 1;
    const warnings = prepareDataDirectory(dir, otherUser);
    expect(warnings).toEqual([
      {
        code: 'DATA_DIR_PERMISSIONS',
        message: expect.stringMatching(/mode 750.*belongs to another user.*chmod 700/),
      },
    ]);
    expect(modeOf(dir)).toBe(0o750);
  });

  it('is made private when the app service starts in it', async () => {
    const dir = path.join(tempDir(), 'data');
    mkdirSync(dir, { mode: 0o777 });
    chmodSync(dir, 0o777);
    const service = await createAppService({ dataDir: dir, shell: 'browser', version: '0.0.0-test', useUserKnownHosts: false });
    try {
      expect(modeOf(dir)).toBe(0o700);
      const info = await service.invoke('app:info', {});
      expect(info).toMatchObject({ ok: true });
      expect(JSON.stringify(info)).not.toContain('DATA_DIR_PERMISSIONS');
    } finally {
      await service.dispose();
    }
  });
});
