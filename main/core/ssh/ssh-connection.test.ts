import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SshHop } from '../../../shared/profile.js';
import { sha256Fingerprint } from './fingerprint.js';
import { HostKeyError } from './host-key-error.js';
import { KnownHosts } from './known-hosts.js';
import { openSshConnection, type SshConnection } from './ssh-connection.js';
import { generateTestKey, startTestSshServer, type TestSshServer } from '../../../test-support/ssh-server.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-sshconn-'));
const userKey = generateTestKey();
const keyPath = join(dir, 'id_ed25519');
writeFileSync(keyPath, userKey.privateKey, { mode: 0o600 });

let server: TestSshServer;
let trusted: KnownHosts;

const opened: SshConnection[] = [];
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  server = await startTestSshServer({ password: 'pw', authorizedKey: userKey.publicKey });
  trusted = new KnownHosts({ file: join(dir, 'known_hosts') });
  await trusted.trust(server.host, server.port, server.hostKeyType, server.hostKeyBlob, { persist: true });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await Promise.all(opened.splice(0).map((connection) => connection.dispose()));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function hop(auth: SshHop['auth'], port = server.port): SshHop {
  return { host: '127.0.0.1', port, user: 'tester', auth };
}

async function connect(options: Partial<Parameters<typeof openSshConnection>[0]> = {}): Promise<SshConnection> {
  const connection = await openSshConnection({
    hop: hop({ method: 'password', password: 'pw' }),
    knownHosts: trusted,
    timeoutMs: 5000,
    ...options,
  });
  opened.push(connection);
  return connection;
}

describe('openSshConnection (in-process server)', () => {
  it('logs in with a password and with a key', async () => {
    await connect();
    await connect({ hop: hop({ method: 'key', keyPath }) });
  });

  it('maps a rejected password to SSH_AUTH_FAILED without echoing it', async () => {
    const error = await connect({ hop: hop({ method: 'password', password: 'wrong-secret' }) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SSH_AUTH_FAILED' });
    expect((error as Error).message).not.toContain('wrong-secret');
  });

  it('refuses an unknown host key with a prompt carrying the fingerprint', async () => {
    const empty = new KnownHosts({ file: join(dir, 'empty_known_hosts') });
    const error = await connect({ knownHosts: empty }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostKeyError);
    expect(error).toMatchObject({
      code: 'SSH_HOST_KEY_UNKNOWN',
      prompt: {
        host: '127.0.0.1',
        port: server.port,
        keyType: 'ssh-ed25519',
        fingerprint: sha256Fingerprint(server.hostKeyBlob),
        changed: false,
      },
      keyBlob: server.hostKeyBlob,
    });
    expect((error as Error).message).toContain(sha256Fingerprint(server.hostKeyBlob));
    // Accepting once makes the next attempt succeed.
    await empty.trust('127.0.0.1', server.port, 'ssh-ed25519', server.hostKeyBlob, { persist: false });
    await connect({ knownHosts: empty });
  });

  it('refuses a changed host key and names the line to remove', async () => {
    const file = join(dir, 'changed_known_hosts');
    const other = generateTestKey().publicKey.split(' ')[1] ?? '';
    writeFileSync(file, `[127.0.0.1]:${server.port} ssh-ed25519 ${other}\n`);
    const error = await connect({ knownHosts: new KnownHosts({ file }) }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SSH_HOST_KEY_CHANGED',
      prompt: { changed: true, knownFingerprint: sha256Fingerprint(Buffer.from(other, 'base64')), knownKeyType: 'ssh-ed25519' },
    });
    expect((error as Error).message).toMatch(/man-in-the-middle/);
    expect((error as Error).message).toContain(`line 1 of ${file}`);
  });

  it('refuses a revoked host key', async () => {
    const file = join(dir, 'revoked_known_hosts');
    writeFileSync(
      file,
      `[127.0.0.1]:${server.port} ssh-ed25519 ${server.hostKeyBlob.toString('base64')}\n@revoked * ssh-ed25519 ${server.hostKeyBlob.toString('base64')}\n`,
    );
    const error = await connect({ knownHosts: new KnownHosts({ file }) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SSH_HOST_KEY_CHANGED', revoked: true, keyBlob: undefined, prompt: { changed: true } });
    expect((error as Error).message).toContain('@revoked');
  });

  it('goes through a jump host, verifying both host keys', async () => {
    const before = server.connections;
    const connection = await connect({ jumpHosts: [hop({ method: 'key', keyPath })] });
    expect(server.connections - before).toBe(2);
    expect(connection.connectionsOpened).toBe(2);
    const empty = new KnownHosts({ file: join(dir, 'jump_empty') });
    await expect(connect({ jumpHosts: [hop({ method: 'key', keyPath })], knownHosts: empty })).rejects.toMatchObject({
      code: 'SSH_HOST_KEY_UNKNOWN',
    });
  });

  it('chains two jump hosts, names the hop whose key is unknown, and closes every hop on dispose', async () => {
    const first = await startTestSshServer({ password: 'pw', authorizedKey: userKey.publicKey });
    const second = await startTestSshServer({ password: 'pw', authorizedKey: userKey.publicKey });
    cleanups.push(
      () => first.close(),
      () => second.close(),
    );
    const chain = [hop({ method: 'key', keyPath }, first.port), hop({ method: 'password', password: 'pw' }, second.port)];
    const partial = new KnownHosts({ file: join(dir, 'chain_known_hosts') });
    await partial.trust(server.host, server.port, server.hostKeyType, server.hostKeyBlob, { persist: false });
    await partial.trust(first.host, first.port, first.hostKeyType, first.hostKeyBlob, { persist: false });

    const error = await connect({ jumpHosts: chain, knownHosts: partial }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SSH_HOST_KEY_UNKNOWN',
      prompt: { host: '127.0.0.1', port: second.port, jump: { number: 2, count: 2 }, fingerprint: sha256Fingerprint(second.hostKeyBlob) },
    });
    expect((error as Error).message).toContain(`the jump host 127.0.0.1:${second.port} (hop 2 of 2`);
    await expect.poll(() => first.openClients).toBe(0);

    await partial.trust(second.host, second.port, second.hostKeyType, second.hostKeyBlob, { persist: false });
    const connection = await connect({ jumpHosts: chain, knownHosts: partial });
    expect(connection.connectionsOpened).toBe(3);
    expect([first.openClients, second.openClients]).toEqual([1, 1]);
    await connection.dispose();
    await expect.poll(() => [first.openClients, second.openClients]).toEqual([0, 0]);
  });

  it('closes the whole chain when a jump host drops', async () => {
    const first = await startTestSshServer({ password: 'pw', authorizedKey: userKey.publicKey });
    cleanups.push(() => first.close());
    await trusted.trust(first.host, first.port, first.hostKeyType, first.hostKeyBlob, { persist: false });
    const connection = await connect({ jumpHosts: [hop({ method: 'key', keyPath }, first.port)] });
    first.dropClients();
    await connection.closed;
    await expect.poll(() => first.openClients).toBe(0);
  });

  it('maps a refused jump-host forward to CONNECTION_REFUSED', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await connect({
      hop: hop({ method: 'password', password: 'pw' }, port),
      jumpHosts: [hop({ method: 'key', keyPath })],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONNECTION_REFUSED' });
    expect((error as Error).message).toContain('jump host');
  });

  it('settles with TIMEOUT when the peer accepts TCP and never speaks', async () => {
    const held: net.Socket[] = [];
    let closedByClient = 0;
    const silent = net.createServer((socket) => {
      held.push(socket);
      socket.resume();
      socket.on('close', () => closedByClient++);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      for (const socket of held) socket.destroy();
      return new Promise((resolve) => silent.close(resolve));
    });
    const port = (silent.address() as net.AddressInfo).port;
    const started = Date.now();
    const error = await connect({ hop: hop({ method: 'password', password: 'pw' }, port), timeoutMs: 600 }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('accepted the connection but completed no SSH handshake'),
    });
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(1500);
    // Berth closed its side of the connection.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(held).toHaveLength(1);
    expect(closedByClient).toBe(1);
  });

  it('maps nothing listening to CONNECTION_REFUSED', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(connect({ hop: hop({ method: 'password', password: 'pw' }, port) })).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
  });

  it('resolves `closed` when the server drops the connection, and dispose is idempotent', async () => {
    const connection = await connect();
    server.dropClients();
    await expect(connection.closed).resolves.toSatisfy((error) => error === undefined || typeof error === 'object');
    await connection.dispose();
    await connection.dispose();
  });
});
