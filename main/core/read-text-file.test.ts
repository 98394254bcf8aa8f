import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextFile } from './read-text-file.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-read-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readTextFile', () => {
  it('reads a text file', async () => {
    const file = path.join(dir, 'ca.pem');
    writeFileSync(file, 'hello\n');
    await expect(readTextFile(file, 'CA certificate file', undefined)).resolves.toBe('hello\n');
  });

  it('says which file, what it is, why it cannot be read and what to do', async () => {
    const missing = path.join(dir, 'missing.pem');
    await expect(readTextFile(missing, 'client key file', 'Check the path.')).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: `Cannot read the client key file ${missing}: it does not exist. Check the path.`,
    });
    await expect(readTextFile(missing, undefined, undefined)).rejects.toMatchObject({
      message: `Cannot read ${missing}: it does not exist.`,
    });
    const sub = path.join(dir, 'sub');
    mkdirSync(sub);
    await expect(readTextFile(sub, undefined, undefined)).rejects.toMatchObject({ message: `Cannot read ${sub}: it is a directory.` });
  });

  it('refuses a file larger than the limit, also one that reports no size', async () => {
    const big = path.join(dir, 'big.pem');
    writeFileSync(big, 'x'.repeat(5000));
    await expect(readTextFile(big, undefined, undefined, 4096)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining('larger than 4 KiB'),
    });
    await expect(readTextFile('/dev/zero', undefined, undefined, 4096)).rejects.toMatchObject({
      message: expect.stringContaining('larger than 4 KiB'),
    });
  });
});
