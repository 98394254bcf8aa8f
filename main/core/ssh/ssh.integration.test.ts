/**
 * The SSH modules against the lab's real OpenSSH server (e2e/lab). Without a running lab
 * every test fails with the lab's "not running" message: nothing is skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type LabManifest, loadLabManifest } from '../../../e2e/lab/manifest.js';
import ssh2 from 'ssh2';
import type { SshHop } from '../../../shared/profile.js';
import type { HostKeyPrompt } from '../../../shared/snapshot.js';
import { sha256Fingerprint } from './fingerprint.js';
import { KnownHosts } from './known-hosts.js';
import { RemoteSocketAgent } from './remote-socket-agent.js';
import { openSshConnection, type SshConnection, type SshConnectionOptions } from './ssh-connection.js';
import { generateTestKey } from '../../../test-support/ssh-server.js';

const TIMEOUT_MS = 10_000;

let manifest: LabManifest | undefined;
/** Loaded on first use, so a missing lab fails every test with the same clear message. */
function lab(): LabManifest['ssh'] {
  manifest ??= loadLabManifest();
  return manifest.ssh;
}

const scratch = mkdtempSync(join(tmpdir(), 'berth-ssh-it-'));
const opened: SshConnection[] = [];
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await Promise.all(opened.splice(0).map((connection) => connection.dispose()));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Trusts the lab host key through the lab's known_hosts file (read-only extra file). */
function labKnownHosts(): KnownHosts {
  return new KnownHosts({ file: join(scratch, `app-known-hosts-${Math.random()}`), extraFiles: [lab().knownHostsPath] });
}

function labHop(auth: SshHop['auth'], port = lab().port): SshHop {
  return { host: lab().host, port, user: lab().user, auth };
}

const keyAuth = (): SshHop['auth'] => ({ method: 'key', keyPath: lab().keyPath });

async function connect(options: Partial<SshConnectionOptions> = {}): Promise<SshConnection> {
  const connection = await openSshConnection({ hop: labHop(keyAuth()), knownHosts: labKnownHosts(), timeoutMs: TIMEOUT_MS, ...options });
  opened.push(connection);
  return connection;
}

async function failure(
  options: Partial<SshConnectionOptions>,
): Promise<{ code: string; message: string; prompt?: HostKeyPrompt; keyBlob?: Buffer; cause?: unknown }> {
  const error = await connect(options).then(
    () => new Error('connected, but a failure was expected'),
    (e: unknown) => e,
  );
  return error as { code: string; message: string };
}

function get(agent: http.Agent, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: 'docker', path, agent, timeout: TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end();
  });
}

function agentFor(connection: SshConnection, socket: string): RemoteSocketAgent {
  const agent = new RemoteSocketAgent(connection.client, socket, { host: lab().host, user: lab().user });
  cleanups.push(() => agent.destroy());
  return agent;
}

/** A loopback TCP proxy in front of the lab sshd that counts the TCP connections made. */
async function countingProxy(): Promise<{ port: number; connects: () => number }> {
  let connects = 0;
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((inbound) => {
    connects++;
    const outbound = net.connect(lab().port, lab().host);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => proxy.close(resolve));
  });
  return { port: (proxy.address() as net.AddressInfo).port, connects: () => connects };
}

describe('SSH against the lab sshd', () => {
  it('forwards the Docker socket: 20 requests share one SSH connection and one channel', async () => {
    const proxy = await countingProxy();
    // The proxy listens on another port: accept the lab key there for this object's life.
    const knownHosts = labKnownHosts();
    const labKey = await hostKeyOfLab();
    await knownHosts.trust(lab().host, proxy.port, lab().hostKeyType, labKey, { persist: false });
    const connection = await connect({ hop: labHop(keyAuth(), proxy.port), knownHosts });
    const agent = agentFor(connection, lab().remoteSocket);
    for (let i = 0; i < 10; i++) {
      expect(await get(agent, '/_ping')).toEqual({ status: 200, body: 'OK' });
      const version = await get(agent, '/version');
      expect(version.status).toBe(200);
      expect(JSON.parse(version.body)).toHaveProperty('ApiVersion');
    }
    expect(proxy.connects()).toBe(1);
    expect(agent.channelsOpened).toBe(1);
    expect(connection.connectionsOpened).toBe(1);
  });

  it('logs in with an encrypted key and its passphrase', async () => {
    const connection = await connect({ hop: labHop({ method: 'key', keyPath: lab().encryptedKeyPath, passphrase: lab().keyPassphrase }) });
    expect(await get(agentFor(connection, lab().remoteSocket), '/_ping')).toEqual({ status: 200, body: 'OK' });
  });

  it('asks passphraseFor when the profile holds no passphrase', async () => {
    const asked: string[] = [];
    await connect({
      hop: labHop({ method: 'key', keyPath: lab().encryptedKeyPath }),
      passphraseFor: (keyPath) => {
        asked.push(keyPath);
        return lab().keyPassphrase;
      },
    });
    expect(asked).toEqual([lab().encryptedKeyPath]);
  });

  it('requires the passphrase of an encrypted key', async () => {
    const error = await failure({ hop: labHop({ method: 'key', keyPath: lab().encryptedKeyPath }) });
    expect(error.code).toBe('SSH_KEY_PASSPHRASE_REQUIRED');
  });

  it('reports a wrong passphrase without echoing it', async () => {
    const error = await failure({ hop: labHop({ method: 'key', keyPath: lab().encryptedKeyPath, passphrase: 'not-the-passphrase' }) });
    expect(error.code).toBe('SSH_KEY_PASSPHRASE_WRONG');
    expect(error.message).not.toContain('not-the-passphrase');
  });

  it('reports a key the server does not accept as SSH_AUTH_FAILED', async () => {
    const error = await failure({ hop: labHop({ method: 'key', keyPath: lab().wrongKeyPath }) });
    expect(error.code).toBe('SSH_AUTH_FAILED');
    expect(error.message).toContain('authorized_keys');
  });

  it('logs in with a password, and reports a wrong one as SSH_AUTH_FAILED', async () => {
    await connect({ hop: labHop({ method: 'password', password: lab().password }) });
    const error = await failure({ hop: labHop({ method: 'password', password: 'wrong-password' }) });
    expect(error.code).toBe('SSH_AUTH_FAILED');
    expect(error.message).not.toContain('wrong-password');
  });

  it('logs in through a real ssh-agent, and reports an empty agent as SSH_AUTH_FAILED', async () => {
    const socket = join(scratch, `agent-${process.pid}.sock`);
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    cleanups.push(() => {
      if (agent.exitCode === null && agent.pid !== undefined) process.kill(agent.pid, 'SIGTERM');
      rmSync(socket, { force: true });
    });
    for (let i = 0; i < 100 && !existsSync(socket); i++) await sleep(20);
    expect(existsSync(socket)).toBe(true);

    const emptyAgent = await failure({ hop: labHop({ method: 'agent', agentSocket: socket }) });
    expect(emptyAgent.code).toBe('SSH_AUTH_FAILED');
    expect(emptyAgent.message).toContain('ssh-add');

    const added = spawnSync('ssh-add', [lab().keyPath], {
      env: { ...process.env, SSH_AUTH_SOCK: socket },
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(added.status, added.stderr).toBe(0);
    const connection = await connect({ hop: labHop({ method: 'agent', agentSocket: socket }) });
    expect(await get(agentFor(connection, lab().remoteSocket), '/_ping')).toEqual({ status: 200, body: 'OK' });
  });

  it('reports a missing agent as SSH_AGENT_UNAVAILABLE', async () => {
    const error = await failure({ hop: labHop({ method: 'agent', agentSocket: join(scratch, 'no-agent.sock') }) });
    expect(error.code).toBe('SSH_AGENT_UNAVAILABLE');
  });

  it('goes through a jump host (the lab sshd to itself), verifying both host keys', async () => {
    const proxy = await countingProxy();
    const knownHosts = labKnownHosts();
    await knownHosts.trust(lab().host, proxy.port, lab().hostKeyType, await hostKeyOfLab(), { persist: false });
    const connection = await connect({
      hop: labHop({ method: 'password', password: lab().password }),
      jumpHosts: [labHop(keyAuth(), proxy.port)],
      knownHosts,
    });
    expect(proxy.connects()).toBe(1);
    expect(connection.connectionsOpened).toBe(2);
    expect(await get(agentFor(connection, lab().remoteSocket), '/_ping')).toEqual({ status: 200, body: 'OK' });
  });

  it('refuses an unknown host key, offering its SHA256 fingerprint', async () => {
    const error = await failure({ knownHosts: new KnownHosts({ file: join(scratch, 'empty_known_hosts') }) });
    expect(error.code).toBe('SSH_HOST_KEY_UNKNOWN');
    expect(error.prompt).toEqual({
      host: lab().host,
      port: lab().port,
      keyType: lab().hostKeyType,
      fingerprint: lab().hostKeyFingerprint,
      changed: false,
    });
    expect(error.message).toContain(lab().hostKeyFingerprint);
  });

  it('refuses a changed host key as a possible attack', async () => {
    const file = join(scratch, 'changed_known_hosts');
    const impostor = generateTestKey().publicKey.split(' ')[1];
    writeFileSync(file, `[${lab().host}]:${lab().port} ssh-ed25519 ${impostor}\n`);
    const error = await failure({ knownHosts: new KnownHosts({ file }) });
    expect(error.code).toBe('SSH_HOST_KEY_CHANGED');
    expect(error.prompt).toMatchObject({
      fingerprint: lab().hostKeyFingerprint,
      changed: true,
      knownFingerprint: expect.stringMatching(/^SHA256:/),
    });
    expect(error.message).toContain('man-in-the-middle');
  });

  it('refuses a key of another type than the one on record as changed, not as a first contact', async () => {
    // The lab's OpenSSH server has only an ed25519 host key; on record is an ECDSA one.
    const file = join(scratch, 'other_type_known_hosts');
    const ecdsa = ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 }).public.split(' ');
    writeFileSync(file, `[${lab().host}]:${lab().port} ${ecdsa[0]} ${ecdsa[1]}\n`);
    const error = await failure({ knownHosts: new KnownHosts({ file }) });
    expect(error.code).toBe('SSH_HOST_KEY_CHANGED');
    expect(error.prompt).toMatchObject({
      keyType: lab().hostKeyType,
      fingerprint: lab().hostKeyFingerprint,
      changed: true,
      knownKeyType: 'ecdsa-sha2-nistp256',
      knownFingerprint: sha256Fingerprint(Buffer.from(ecdsa[1] ?? '', 'base64')),
    });
    expect(error.message).toContain('man-in-the-middle');
    expect(error.message).not.toContain('never seen');
  });

  it('reports a missing remote socket as REMOTE_SOCKET_NOT_FOUND', async () => {
    const connection = await connect();
    const agent = agentFor(connection, lab().missingSocket);
    await expect(get(agent, '/_ping')).rejects.toMatchObject({
      code: 'REMOTE_SOCKET_NOT_FOUND',
      message: expect.stringContaining(lab().missingSocket),
    });
  });

  it('reports a socket the user may not open as REMOTE_SOCKET_PERMISSION_DENIED', async () => {
    const connection = await connect();
    const agent = agentFor(connection, lab().forbiddenSocket);
    await expect(get(agent, '/_ping')).rejects.toMatchObject({
      code: 'REMOTE_SOCKET_PERMISSION_DENIED',
      message: expect.stringContaining(`${lab().user} to the docker group`),
    });
  });

  it('times out within timeoutMs when a server accepts TCP and never speaks', async () => {
    const held = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      held.add(socket);
      socket.resume();
      socket.on('close', () => held.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => silent.close(resolve)));
    const port = (silent.address() as net.AddressInfo).port;
    const started = performance.now();
    const error = await failure({ hop: labHop(keyAuth(), port), timeoutMs: 1000 });
    const elapsed = performance.now() - started;
    expect(error.code).toBe('TIMEOUT');
    expect(elapsed).toBeLessThan(1500);
    await sleep(100);
    expect(held.size).toBe(0); // Berth closed its end
  });

  it('reports nothing listening as CONNECTION_REFUSED', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const error = await failure({ hop: labHop(keyAuth(), port) });
    expect(error.code).toBe('CONNECTION_REFUSED');
  });
});

/** The lab sshd's public host key blob, from the lab's known_hosts line. */
async function hostKeyOfLab(): Promise<Buffer> {
  const { readFile } = await import('node:fs/promises');
  const line = (await readFile(lab().knownHostsPath, 'utf8')).split('\n').find((l) => l.includes(lab().hostKeyType));
  const base64 = line?.trim().split(/\s+/)[2];
  if (base64 === undefined) throw new Error(`no ${lab().hostKeyType} key in ${lab().knownHostsPath}`);
  return Buffer.from(base64, 'base64');
}
