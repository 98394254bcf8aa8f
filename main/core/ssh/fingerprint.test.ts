import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyTypeOfBlob, sha256Fingerprint } from './fingerprint.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-fp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generate(type: string, bits?: number): { blob: Buffer; keyType: string; printed: string } {
  const file = join(dir, `key-${type}-${bits ?? 0}`);
  const args = ['-q', '-t', type, '-N', '', '-C', 'test', '-f', file];
  if (bits !== undefined) args.push('-b', String(bits));
  execFileSync('ssh-keygen', args);
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  // ssh-keygen -lf prints: "<bits> SHA256:<b64> <comment> (<TYPE>)"
  const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' });
  const fingerprint = printed.split(/\s+/)[1];
  if (keyType === undefined || base64 === undefined || fingerprint === undefined) throw new Error('bad ssh-keygen output');
  return { blob: Buffer.from(base64, 'base64'), keyType, printed: fingerprint };
}

describe('sha256Fingerprint', () => {
  it.each([
    ['ed25519', undefined],
    ['ecdsa', 256],
    ['rsa', 2048],
  ] as const)('matches ssh-keygen -lf for a %s key', (type, bits) => {
    const { blob, keyType, printed } = generate(type, bits);
    expect(printed).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(sha256Fingerprint(blob)).toBe(printed);
    expect(keyTypeOfBlob(blob)).toBe(keyType);
  });

  it('never pads with =', () => {
    expect(sha256Fingerprint(Buffer.from('x'))).not.toContain('=');
  });
});

describe('keyTypeOfBlob', () => {
  it('returns undefined for blobs that are not SSH keys', () => {
    expect(keyTypeOfBlob(Buffer.alloc(0))).toBeUndefined();
    expect(keyTypeOfBlob(Buffer.from([0, 0, 0, 50, 1]))).toBeUndefined();
    expect(keyTypeOfBlob(Buffer.from([0, 0, 0, 2, 0, 1]))).toBeUndefined();
  });
});
