import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitStatusOf } from '../../shared/errors.js';
import { runCli } from '../cli.js';
import { HostKeyError } from '../core/ssh/host-key-error.js';
import { sha256Fingerprint } from '../core/ssh/fingerprint.js';
import { KnownHosts } from '../core/ssh/known-hosts.js';
import { probeDaemon } from '../core/probe.js';
import { generateTestKey, startTestSshServer, type TestSshServer } from '../../test-support/ssh-server.js';

/**
 * A host known by its ed25519 key that now offers only an RSA key is a CHANGED key (as
 * OpenSSH warns), never a first contact: accept-new must refuse it. The server is a real
 * SSH server (ssh2) on 127.0.0.1 whose only host key is RSA.
 */
let server: TestSshServer;
let dir: string;
let keyPath: string;
const onRecord = generateTestKey('ed25519').publicKey.split(' ')[1] ?? '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-keytype-'));
  server = await startTestSshServer({ hostKeyType: 'rsa', password: 'unused' });
  keyPath = join(dir, 'id_ed25519');
  writeFileSync(keyPath, generateTestKey().privateKey, { mode: 0o600 });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function knownHostsWithEd25519(): string {
  const file = join(mkdtempSync(join(dir, 'kh-')), 'known_hosts');
  writeFileSync(file, `[127.0.0.1]:${server.port} ssh-ed25519 ${onRecord}\n`, { mode: 0o600 });
  return file;
}

describe('a host key of another type for a known host', () => {
  it('is refused as changed by probe with accept-new, naming both keys, and nothing is recorded', async () => {
    expect(server.hostKeyType).toBe('ssh-rsa');
    const file = knownHostsWithEd25519();
    const before = readFileSync(file, 'utf8');
    const transport = {
      type: 'ssh' as const,
      host: '127.0.0.1',
      port: server.port,
      user: 'tester',
      auth: { method: 'key' as const, keyPath },
      remoteSocket: '/var/run/docker.sock',
    };
    const error = await probeDaemon(transport, { timeoutMs: 5000, knownHosts: new KnownHosts({ file }), acceptNewHostKey: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HostKeyError);
    const hostKeyError = error as HostKeyError;
    expect(hostKeyError.code).toBe('SSH_HOST_KEY_CHANGED');
    expect(hostKeyError.prompt).toEqual({
      host: '127.0.0.1',
      port: server.port,
      keyType: 'ssh-rsa',
      fingerprint: sha256Fingerprint(server.hostKeyBlob),
      changed: true,
      knownFingerprint: sha256Fingerprint(Buffer.from(onRecord, 'base64')),
      knownKeyType: 'ssh-ed25519',
    });
    expect(hostKeyError.message).toMatch(/man-in-the-middle/);
    expect(hostKeyError.message).toContain('ssh-ed25519');
    expect(hostKeyError.message).toContain('ssh-rsa');
    expect(hostKeyError.message).not.toMatch(/never seen/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('makes `berth probe --accept-new-host-key` fail with exit status 6 and leave known_hosts alone', async () => {
    const file = knownHostsWithEd25519();
    const before = readFileSync(file, 'utf8');
    const out: string[] = [];
    const err: string[] = [];
    const status = await runCli(
      ['probe', '-H', `ssh://tester@127.0.0.1:${server.port}`, '--ssh-key', keyPath, '--known-hosts', file, '--accept-new-host-key'],
      { stdout: (text) => out.push(text), stderr: (text) => err.push(text), env: { HOME: dir } },
    );
    expect(status).toBe(6);
    expect(exitStatusOf('SSH_HOST_KEY_CHANGED')).toBe(6);
    expect(err.join('\n')).toMatch(/^berth: SSH_HOST_KEY_CHANGED: WARNING: the host key of 127\.0\.0\.1:\d+ has changed/);
    expect(out).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
