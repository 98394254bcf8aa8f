import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { WireServerMessage } from '../../shared/contract.js';
import type { LabManifest } from '../../e2e/lab/manifest.js';
import { requireLab } from '../../e2e/support/lab-hosts.js';
import { silentServer } from '../../e2e/support/silent-servers.js';
import { createWebSocketBridge } from '../../renderer/lib/ws-bridge.js';
import type { BerthService } from '../core/app/berth-service.js';
import { createAppService } from '../core/app/create-service.js';
import { TempDirs } from '../../test-support/service-fakes.js';
import { type ShellServer, startShellServer } from './shell-server.js';

let lab: LabManifest;
const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(() => {
  lab = requireLab();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

async function startShell(options: { port?: number; token?: string; service?: BerthService } = {}) {
  const rendererDir = temp.make('berth-renderer-');
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>Berth</title><script type="module" src="./assets/app.js"></script>',
  );
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("berth");');
  let service = options.service;
  if (!service) {
    const created = await createAppService({
      dataDir: temp.make('berth-shell-data-'),
      shell: 'browser',
      version: '0.0.0-test',
      useUserKnownHosts: false,
    });
    service = created;
    cleanups.push(() => created.dispose());
  }
  const server = await startShellServer({ service, rendererDir, ...options });
  cleanups.push(() => server.close());
  return { server, service, token: server.token, origin: `http://127.0.0.1:${server.port}` };
}

function get(
  server: ShellServer,
  urlPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
  address = '127.0.0.1',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: address, port: server.port, path: urlPath, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** The subprotocols a page offers: `berth` and the token. */
const withToken = (token: string) => ['berth', `berth-token.${token}`];

/** Opens a socket; resolves with it, or rejects with the HTTP status the upgrade was refused with. */
function openSocket(
  url: string,
  options: { origin?: string; token?: string; protocols?: string[]; headers?: Record<string, string> },
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options.protocols ?? (options.token ? withToken(options.token) : []), {
      ...(options.origin ? { origin: options.origin } : {}),
      headers: options.headers ?? {},
    });
    socket.once('open', () => {
      cleanups.push(() => socket.terminate());
      resolve(socket);
    });
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

/** Sends raw text and collects what comes back for a while. */
class SocketProbe {
  readonly received: WireServerMessage[] = [];
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.received.push(JSON.parse(String(data)) as WireServerMessage));
  }

  reply(id: number | string) {
    return expect
      .poll(() => this.received.find((m) => m.type === 'reply' && m.id === id), { timeout: 10_000 })
      .toBeDefined()
      .then(() => this.received.find((m) => m.type === 'reply' && m.id === id) as Extract<WireServerMessage, { type: 'reply' }>);
  }
}

describe('the browser shell over HTTP', () => {
  it('prints the token in the fragment, serves the page and assets without it, and never sets a cookie', async () => {
    const { server } = await startShell();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);

    const page = await get(server, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Berth</title>');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');

    const asset = await get(server, '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['set-cookie']).toBeUndefined();
    // An old-style ?token= link works as a plain page load and still sets nothing.
    expect((await get(server, `/?token=${server.token}`)).headers['set-cookie']).toBeUndefined();
  });

  it('refuses other Host names, methods, paths outside the renderer, and addresses other than 127.0.0.1', async () => {
    const { server } = await startShell();
    expect((await get(server, '/', { host: `localhost:${server.port}` })).status).toBe(403);
    expect((await get(server, '/assets/app.js', { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(server, '/', {}, 'POST')).status).toBe(405);
    expect((await get(server, '/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await get(server, '/assets/..%2f..%2fpackage.json')).status).toBe(404);
    expect((await get(server, '/nothing-here.js')).status).toBe(404);
    expect((await get(server, '/favicon.ico')).status).toBe(204);
    await expect(get(server, '/', {}, 'GET', '127.0.0.2')).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('the browser shell WebSocket', () => {
  it('refuses a missing, wrong or misplaced token, a foreign or missing Origin, another Host and another path', async () => {
    const { server, token, origin } = await startShell();
    const ws = `ws://127.0.0.1:${server.port}/ws`;
    const refused = (url: string, options: Parameters<typeof openSocket>[1]) =>
      expect(openSocket(url, options)).rejects.toThrow('refused with 403');
    // The token: missing, wrong, one character short, offered without `berth`, twice, in the URL, in a cookie.
    await refused(ws, { origin });
    await refused(ws, { origin, protocols: ['berth'] });
    await refused(ws, { origin, token: 'wrong' });
    await refused(ws, { origin, token: token.slice(0, -1) });
    await refused(ws, { origin, protocols: [`berth-token.${token}`] });
    await refused(ws, { origin, protocols: ['berth', `berth-token.${token}`, 'berth-token.other'] });
    await refused(`${ws}?token=${token}`, { origin });
    await refused(ws, { origin, headers: { cookie: `berth_token_${server.port}=${token}` } });
    // The right token from the wrong place.
    await refused(ws, { origin: 'http://evil.example', token });
    await refused(ws, { origin: `http://localhost:${server.port}`, token });
    await refused(ws, { token });
    await refused(ws, { origin, token, headers: { host: `localhost:${server.port}` } });
    await refused(`ws://127.0.0.1:${server.port}/other`, { origin, token });

    const socket = await openSocket(ws, { origin, token });
    expect(socket.readyState).toBe(WebSocket.OPEN);
    // The server answers with `berth`, never echoing the token.
    expect(socket.protocol).toBe('berth');
  });

  it('answers invokes with envelopes', async () => {
    const { server, token, origin } = await startShell();
    const probe = new SocketProbe(await openSocket(`ws://127.0.0.1:${server.port}/ws`, { origin, token }));
    probe.socket.send(JSON.stringify({ id: 1, type: 'invoke', channel: 'hosts:list', input: {} }));
    probe.socket.send(JSON.stringify({ id: 'two', type: 'invoke', channel: 'app:info', input: {} }));
    expect((await probe.reply(1)).reply).toEqual({ ok: true, value: [] });
    expect((await probe.reply('two')).reply).toMatchObject({ ok: true, value: { shell: 'browser', secretStorage: 'memory' } });
  });

  it('answers malformed and oversized messages with errors, drops those without an id, and stays up', async () => {
    const { server, token, origin } = await startShell();
    const url = `ws://127.0.0.1:${server.port}/ws`;
    const probe = new SocketProbe(await openSocket(url, { origin, token }));
    const send = (value: unknown) => probe.socket.send(typeof value === 'string' ? value : JSON.stringify(value));
    send('this is not json');
    send('[1,2,3]');
    send({ type: 'invoke', channel: 'hosts:list', input: {} });
    send({ id: { nested: true }, type: 'invoke', channel: 'hosts:list', input: {} });
    probe.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    send(`{"huge":"${'x'.repeat(1_100_000)}"}`);
    send({ id: 10, type: 'bogus' });
    send({ id: 11, type: 'invoke', channel: 'hosts:nuke', input: {} });
    send({ id: 12, type: 'invoke', channel: 'hosts:list', input: { surprise: 1 } });
    send({ id: 13, type: 'invoke', channel: 'hosts:save', input: { draft: { id: 'x' } } });
    send({ id: 14, type: 'invoke', channel: 'hosts:list', input: {}, padding: 'x'.repeat(1_100_000) });
    send({ id: 15, type: 'invoke', channel: 'hosts:list', input: {} });

    expect((await probe.reply(10)).reply).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('Unknown message type') },
    });
    expect((await probe.reply(11)).reply).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('no channel') },
    });
    expect((await probe.reply(12)).reply).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('surprise') },
    });
    expect((await probe.reply(13)).reply).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('draft.') },
    });
    expect((await probe.reply(14)).reply).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('at most 1048576 bytes') },
    });
    expect((await probe.reply(15)).reply).toEqual({ ok: true, value: [] });
    // Everything without a usable id was dropped: exactly the six replies above came back.
    expect(probe.received.filter((m) => m.type === 'reply')).toHaveLength(6);

    // A frame past the hard limit closes that socket (1009); the server carries on.
    const closed = new Promise<number>((resolve) => probe.socket.once('close', (code) => resolve(code)));
    send({ id: 16, type: 'invoke', channel: 'hosts:list', input: {}, padding: 'x'.repeat(9 * 1024 * 1024) });
    expect(await closed).toBe(1009);
    const again = new SocketProbe(await openSocket(url, { origin, token }));
    again.socket.send(JSON.stringify({ id: 1, type: 'invoke', channel: 'hosts:list', input: {} }));
    expect((await again.reply(1)).reply).toEqual({ ok: true, value: [] });
  });

  it('holds pushes until ready, then the renderer bridge follows a lab host to ready with its snapshot', async () => {
    const { server, token, origin } = await startShell();
    const bridge = createWebSocketBridge(
      { protocol: 'http:', host: `127.0.0.1:${server.port}` },
      { token, createSocket: (url, protocols) => new WebSocket(url, protocols, { origin }) },
    );
    cleanups.push(() => bridge.close());
    const states: string[] = [];
    const counts: unknown[] = [];
    bridge.on('host:status', ({ hostId, status }) => hostId === 'lab-tcp' && states.push(status.state));
    bridge.on('host:snapshot', ({ snapshot }) => counts.push(snapshot.counts));
    const saved = await bridge.invoke('hosts:save', {
      draft: { id: 'lab-tcp', name: 'lab tcp', tags: [], transport: lab.daemons.tcp.transport },
    });
    expect(saved).toMatchObject({ ok: true, value: { profile: { id: 'lab-tcp' } } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(states).toEqual([]);
    bridge.ready();
    await expect.poll(() => states.at(-1), { timeout: 20_000 }).toBe('ready');
    expect(counts.at(-1)).toEqual(lab.daemons.tcp.containers);
  });

  it('fails pending invokes when the socket drops, reconnects, and replays the state after ready', async () => {
    const dataDir = temp.make('berth-shell-data-');
    const service = await createAppService({ dataDir, shell: 'browser', version: '0.0.0-test', useUserKnownHosts: false });
    cleanups.push(() => service.dispose());
    const hung = await silentServer();
    cleanups.push(() => hung.close());
    const first = await startShell({ service });
    const { port, token } = first.server;
    const bridge = createWebSocketBridge(
      { protocol: 'http:', host: `127.0.0.1:${port}` },
      {
        token,
        createSocket: (url, protocols) => new WebSocket(url, protocols, { origin: first.origin }),
        reconnectDelayMs: 50,
        maxReconnectDelayMs: 200,
      },
    );
    cleanups.push(() => bridge.close());
    const states: string[] = [];
    bridge.on('host:status', ({ status }) => states.push(status.state));
    bridge.ready();
    const draft = { id: 'lab-tcp', name: 'lab tcp', tags: [], transport: lab.daemons.tcp.transport };
    expect(await bridge.invoke('hosts:save', { draft })).toMatchObject({ ok: true });
    await expect.poll(() => states.at(-1), { timeout: 20_000 }).toBe('ready');

    // A test against a port that accepts and never answers is still pending when the server goes away.
    const pending = bridge.invoke('hosts:test', {
      draft: { ...draft, id: 'hung', transport: { type: 'tcp', host: '127.0.0.1', port: hung.port } },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.server.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CONNECTION_RESET' } });
    expect(await bridge.invoke('hosts:list', {})).toMatchObject({ ok: false, error: { code: 'CONNECTION_RESET' } });

    states.length = 0;
    await startShell({ service, port, token });
    await expect.poll(async () => (await bridge.invoke('hosts:list', {})).ok, { timeout: 10_000 }).toBe(true);
    // The new socket said ready again by itself, and the server replayed the host's current status.
    await expect.poll(() => states, { timeout: 10_000 }).toEqual(['ready']);
  });
});
