import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectCertificate } from './certificate-inspection.js';
import { readFileSync } from 'node:fs';
import type { KeyType } from './key-generation.js';
import { opensslCommands } from './openssl-commands.js';
import { parseSan } from './san.js';
import { makeTempDir } from '../../../test-support/tls-files.js';

const temp = makeTempDir();
afterAll(() => temp.remove());

const sans = [parseSan('IP:203.0.113.5'), parseSan('DNS:docker.example.com'), parseSan('IP:2001:db8::5')];

function runScript(name: string, script: string, input = ''): { dir: string; status: number | null; output: string } {
  const dir = path.join(temp.dir, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'make-certs.sh'), script);
  const result = spawnSync('bash', ['make-certs.sh'], { cwd: dir, input, encoding: 'utf8' });
  return { dir, status: result.status, output: result.stdout + result.stderr };
}

describe('opensslCommands', () => {
  it.each<KeyType>(['ec-p256', 'rsa-2048'])('is a script that makes a set openssl verifies (%s), like Berth would', (keyType) => {
    const { script, steps } = opensslCommands({ sans, keyType, validityDays: 90 });
    expect(steps.length).toBeGreaterThan(10);
    const { dir, status, output } = runScript(keyType, script);
    expect(output).toContain('server-cert.pem: OK');
    expect(output).toContain('cert.pem: OK');
    expect(status, output).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'ca-key.pem',
      'ca.pem',
      'cert.pem',
      'key.pem',
      'make-certs.sh',
      'server-cert.pem',
      'server-key.pem',
    ]);
    expect(statSync(path.join(dir, 'server-key.pem')).mode & 0o777).toBe(0o400);
    const server = inspectCertificate(readFileSync(path.join(dir, 'server-cert.pem'), 'utf8'));
    expect(server).toMatchObject({
      role: 'server',
      subject: 'CN=203.0.113.5',
      issuer: 'CN=Berth CA for 203.0.113.5',
      keyUsages: keyType === 'ec-p256' ? ['digitalSignature'] : ['digitalSignature', 'keyEncipherment'],
      sans: [...sans, { type: 'ip', value: '127.0.0.1' }, { type: 'dns', value: 'localhost' }],
    });
    expect(inspectCertificate(readFileSync(path.join(dir, 'ca.pem'), 'utf8'))).toMatchObject({
      isCA: true,
      keyUsages: ['keyCertSign', 'cRLSign'],
    });
    expect(inspectCertificate(readFileSync(path.join(dir, 'cert.pem'), 'utf8'))).toMatchObject({ role: 'client', subject: 'CN=client' });
  });

  it('encrypts the CA key with a passphrase read once', () => {
    const { script } = opensslCommands({ sans, keyType: 'ec-p256', validityDays: 30, encryptCaKey: true, includeLoopback: false });
    expect(script).toContain('-aes-256-cbc');
    const { dir, status, output } = runScript('encrypted', script, 'a good passphrase\n');
    expect(status, output).toBe(0);
    expect(readFileSync(path.join(dir, 'ca-key.pem'), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(readFileSync(path.join(dir, 'server-key.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(inspectCertificate(readFileSync(path.join(dir, 'server-cert.pem'), 'utf8')).sans).toEqual(sans);
  });

  it('checks its options like generateCertificateSet', () => {
    expect(() => opensslCommands({ sans: [], includeLoopback: false, keyType: 'ec-p256', validityDays: 30 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
