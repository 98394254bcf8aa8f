import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KnownHosts } from './known-hosts.js';
import { RemoteSocketAgent } from './remote-socket-agent.js';
import { openSshConnection, type SshConnection } from './ssh-connection.js';
import { startTestSshServer, type TestSshServer } from '../../../test-support/ssh-server.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-agent-'));
const dockerSocket = join(dir, 'docker.sock');
let server: TestSshServer;
let refusing: TestSshServer;
let httpServer: http.Server;
let knownHosts: KnownHosts;
const opened: SshConnection[] = [];
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  server = await startTestSshServer({ password: 'pw' });
  refusing = await startTestSshServer({ password: 'pw', refuseStreamlocal: true, sftp: true });
  httpServer = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'text/plain');
    res.end(req.url === '/_ping' ? 'OK' : `hello ${req.url}`);
  });
  await new Promise<void>((resolve) => httpServer.listen(dockerSocket, resolve));
  knownHosts = new KnownHosts({ file: join(dir, 'known_hosts') });
  for (const s of [server, refusing]) await knownHosts.trust(s.host, s.port, s.hostKeyType, s.hostKeyBlob, { persist: false });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await Promise.all(opened.splice(0).map((connection) => connection.dispose()));
});

afterAll(async () => {
  httpServer.closeAllConnections();
  await new Promise((resolve) => httpServer.close(resolve));
  await server.close();
  await refusing.close();
  rmSync(dir, { recursive: true, force: true });
});

async function connect(target: TestSshServer = server): Promise<SshConnection> {
  const connection = await openSshConnection({
    hop: { host: target.host, port: target.port, user: 'tester', auth: { method: 'password', password: 'pw' } },
    knownHosts,
    timeoutMs: 5000,
  });
  opened.push(connection);
  return connection;
}

function get(agent: http.Agent, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: 'docker', path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function listenUnix(path: string): Promise<net.Server> {
  const listener = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => listener.listen(path, resolve));
  cleanups.push(() => new Promise((resolve) => listener.close(resolve)));
  return listener;
}

describe('RemoteSocketAgent', () => {
  it('serves 20 requests over one SSH connection and one kept-alive channel', async () => {
    const connectionsBefore = server.connections;
    const connection = await connect();
    const agent = new RemoteSocketAgent(connection.client, dockerSocket);
    cleanups.push(() => agent.destroy());
    for (let i = 0; i < 20; i++) {
      expect(await get(agent, i % 2 === 0 ? '/_ping' : '/version')).toEqual({ status: 200, body: i % 2 === 0 ? 'OK' : 'hello /version' });
    }
    expect(server.connections - connectionsBefore).toBe(1);
    expect(agent.channelsOpened).toBe(1);
  });

  it('serves concurrent requests on a few channels', async () => {
    const connection = await connect();
    const agent = new RemoteSocketAgent(connection.client, dockerSocket, { maxSockets: 4 });
    cleanups.push(() => agent.destroy());
    const results = await Promise.all(Array.from({ length: 12 }, () => get(agent, '/_ping')));
    expect(results.every((result) => result.body === 'OK')).toBe(true);
    expect(agent.channelsOpened).toBeLessThanOrEqual(4);
    // Kept alive, the channels stay open until the agent lets them go.
    expect(agent.channelsOpen).toBe(agent.channelsOpened);
    agent.destroy();
    await vi.waitFor(() => expect(agent.channelsOpen).toBe(0));
  });

  it('honours a request timeout over a channel', async () => {
    const slowSocket = join(dir, 'slow.sock');
    const slow = http.createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(slowSocket, resolve));
    cleanups.push(() => {
      slow.closeAllConnections();
      return new Promise((resolve) => slow.close(resolve));
    });
    const connection = await connect();
    const agent = new RemoteSocketAgent(connection.client, slowSocket);
    cleanups.push(() => agent.destroy());
    const outcome = await new Promise<string>((resolve) => {
      const req = http.request({ host: 'docker', path: '/_ping', agent, timeout: 300 }, () => resolve('response'));
      req.on('timeout', () => {
        req.destroy();
        resolve('timeout');
      });
      req.on('error', () => undefined);
      req.end();
    });
    expect(outcome).toBe('timeout');
  });

  it('falls back to SSH_FORWARDING_REFUSED when the server refuses and has no SFTP', async () => {
    const connection = await connect();
    const agent = new RemoteSocketAgent(connection.client, join(dir, 'missing.sock'), { diagnoseTimeoutMs: 1000 });
    cleanups.push(() => agent.destroy());
    await expect(get(agent, '/_ping')).rejects.toMatchObject({
      code: 'SSH_FORWARDING_REFUSED',
      message: expect.stringContaining('AllowStreamLocalForwarding'),
    });
  });

  it('fails every queued request (no hang) when forwarding fails under maxSockets', async () => {
    const connection = await connect();
    const agent = new RemoteSocketAgent(connection.client, join(dir, 'missing.sock'), { maxSockets: 1, diagnoseTimeoutMs: 500 });
    cleanups.push(() => agent.destroy());
    const results = await Promise.allSettled([get(agent, '/a'), get(agent, '/b'), get(agent, '/c')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(agent.sockets).toEqual({});
  });

  it('reports CONNECTION_RESET once the SSH connection is gone', async () => {
    const connection = await connect();
    const agent = new RemoteSocketAgent(connection.client, dockerSocket);
    cleanups.push(() => agent.destroy());
    await connection.dispose();
    await expect(get(agent, '/_ping')).rejects.toMatchObject({ code: 'CONNECTION_RESET' });
  });

  describe('diagnoses a refused forward over SFTP', () => {
    it('reports a missing socket as REMOTE_SOCKET_NOT_FOUND', async () => {
      const connection = await connect(refusing);
      const agent = new RemoteSocketAgent(connection.client, join(dir, 'nothing-here.sock'), { host: 'lab', user: 'tester' });
      cleanups.push(() => agent.destroy());
      await expect(get(agent, '/_ping')).rejects.toMatchObject({
        code: 'REMOTE_SOCKET_NOT_FOUND',
        message: `There is no Docker socket at ${join(dir, 'nothing-here.sock')} on lab: is dockerd running there, or is the socket elsewhere? Set the remote socket path in the host profile.`,
      });
    });

    it('reports a path that is not a socket as REMOTE_SOCKET_NOT_FOUND', async () => {
      const file = join(dir, 'plain-file');
      writeFileSync(file, 'x');
      const connection = await connect(refusing);
      const agent = new RemoteSocketAgent(connection.client, file);
      cleanups.push(() => agent.destroy());
      await expect(get(agent, '/_ping')).rejects.toMatchObject({
        code: 'REMOTE_SOCKET_NOT_FOUND',
        message: expect.stringContaining('not a socket'),
      });
    });

    it('reports a socket others may not open as REMOTE_SOCKET_PERMISSION_DENIED', async () => {
      const path = join(dir, 'private.sock');
      await listenUnix(path);
      const connection = await connect(refusing);
      const agent = new RemoteSocketAgent(connection.client, path, { user: 'tester' });
      cleanups.push(() => agent.destroy());
      await expect(get(agent, '/_ping')).rejects.toMatchObject({
        code: 'REMOTE_SOCKET_PERMISSION_DENIED',
        message: expect.stringContaining('docker group'),
      });
    });
  });
});
