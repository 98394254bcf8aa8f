import type http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDaemonServer, endlessBody, fakeContainer } from '../../../test-support/fake-daemon-server.js';
import type { KnownHosts } from '../ssh/known-hosts.js';
import { type DockerConnection, openDockerConnection } from './docker-connection.js';
import { ERROR_BODY_CAP_BYTES, JSON_BODY_CAP_BYTES, LIST_BODY_CAP_BYTES } from './response-caps.js';

// Berth's own HTTP reader against a fake daemon on 127.0.0.1: caps, deadlines and the
// classification of what a daemon answers. The lab integration tests cover real daemons.

let daemon: FakeDaemonServer;
let connection: DockerConnection;
/** Bytes the fake managed to write to the socket of an endless answer before Berth cut it. */
let written = 0;

beforeEach(async () => {
  daemon = await new FakeDaemonServer().start();
  connection = await openDockerConnection(daemon.transport(), { timeoutMs: 2_000, knownHosts: {} as KnownHosts });
  written = 0;
});

afterEach(async () => {
  await connection.close();
  await daemon.close();
});

/** Makes the fake answer `path` with `answer` instead. */
function answer(path: string, respond: (response: http.ServerResponse) => void): void {
  daemon.override = (request, response) => {
    if (new URL(request.url ?? '/', 'http://fake').pathname !== path) return false;
    respond(response);
    return true;
  };
}

function endless(path: string, status: number): void {
  answer(path, (response) => {
    const write = response.write.bind(response);
    response.write = ((chunk: Buffer) => {
      written += chunk.length;
      return write(chunk);
    }) as typeof response.write;
    endlessBody(response, status);
  });
}

describe('DockerApi reads', () => {
  it('reads JSON and sends filters the way dockerd expects them', async () => {
    daemon.containers = [fakeContainer(1), fakeContainer(2)];
    const id = daemon.containers[1]!.Id as string;
    const list = (await connection.api.get('/containers/json', { all: true, filters: { id: [id] } })) as Array<{ Id: string }>;
    expect(list.map((container) => container.Id)).toEqual([id]);
    expect(await connection.api.get('/_ping')).toBe('OK');
  });

  it('reuses one kept-alive connection for sequential requests', async () => {
    for (let i = 0; i < 20; i += 1) await connection.api.get('/version');
    expect(daemon.stats.connections).toBe(1);
  });

  it("surfaces the daemon's own error message", async () => {
    answer('/info', (response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'layer store is corrupt' }));
    });
    await expect(connection.api.get('/info')).rejects.toMatchObject({
      code: 'DAEMON_ERROR',
      message: expect.stringMatching(/answered an error \(HTTP 500\): layer store is corrupt$/),
    });
  });

  it('classifies a 404 and a plain-HTTP request to a TLS port as before', async () => {
    await expect(connection.api.get('/nothing-here')).rejects.toMatchObject({ code: 'NOT_A_DOCKER_DAEMON' });
    answer('/version', (response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('Client sent an HTTP request to an HTTPS server.\n');
    });
    await expect(connection.api.get('/version')).rejects.toMatchObject({ code: 'TLS_REQUIRED' });
  });

  it('ends in TIMEOUT when the daemon never answers', async () => {
    answer('/info', () => undefined);
    await expect(connection.api.get('/info')).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('did not answer GET /info within 2 s'),
    });
  });

  it('lets a long answer take longer than the deadline while it keeps coming, and not pause that long', async () => {
    answer('/containers/json', (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const trickle = setInterval(() => {
        if (sent === 6) {
          clearInterval(trickle);
          response.end('1]');
        } else response.write(sent++ === 0 ? '[' : '1,');
      }, 400);
      response.on('close', () => clearInterval(trickle));
    });
    expect(await connection.api.get('/containers/json')).toEqual([1, 1, 1, 1, 1, 1]);
    answer('/info', (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"Driver":');
    });
    await expect(connection.api.get('/info')).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('stopped sending its answer to GET /info for 2 s'),
    });
  }, 20_000);
});

describe('DockerApi byte caps', () => {
  it('cuts an endless error body at 64 KiB and names endpoint, size and cap', async () => {
    endless('/info', 500);
    const error = await connection.api.get('/info').catch((failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    expect((error as Error).message).toMatch(
      /^tcp:\/\/127\.0\.0\.1:\d+ sent an error answer \(HTTP 500\) of more than 64 KiB to GET \/info, over Berth's cap of 64 KiB\./,
    );
    // The response was destroyed: the fake stops after what the socket buffers held.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = written;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(written).toBe(after);
    expect(written).toBeLessThan(ERROR_BODY_CAP_BYTES + 16 * 1024 * 1024);
  });

  it('cuts an endless error body on a stream (/events) the same way', async () => {
    endless('/events', 500);
    const abort = new AbortController();
    await expect(connection.streamApi.stream('/events', undefined, abort.signal)).rejects.toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
      message: expect.stringContaining('to GET /events'),
    });
  });

  it('refuses a JSON document whose announced length is over 16 MiB without reading it', async () => {
    answer('/info', (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 20 * 1024 * 1024 });
      response.write('{"Driver":"');
    });
    await expect(connection.api.get('/info')).rejects.toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
      message: expect.stringContaining("an answer of 20 MiB to GET /info, over Berth's cap of 16 MiB"),
    });
  });

  it('refuses an unannounced JSON document once it passes 16 MiB', async () => {
    endless('/version', 200);
    await expect(connection.api.get('/version')).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
  });

  it('reads a list of 40,000 containers (about 70 MB) whole', async () => {
    const padding = 'p'.repeat(1_250);
    daemon.containers = Array.from({ length: 40_000 }, (_, index) => {
      const container = fakeContainer(index);
      return { ...container, Labels: { ...(container.Labels as object), padding } };
    });
    const body = daemon.listBody();
    expect(Buffer.byteLength(body)).toBeGreaterThan(JSON_BODY_CAP_BYTES);
    expect(Buffer.byteLength(body)).toBeLessThan(LIST_BODY_CAP_BYTES);
    answer('/containers/json', (response) => response.end(body));
    const list = (await connection.api.get('/containers/json', { all: true })) as unknown[];
    expect(list).toHaveLength(40_000);
  }, 60_000);
});

describe('DockerApi streams', () => {
  it('delivers events until the caller aborts', async () => {
    const abort = new AbortController();
    const stream = await connection.streamApi.stream('/events', { since: '0' }, abort.signal);
    const received: string[] = [];
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => received.push(chunk));
    const closed = new Promise((resolve) => stream.once('close', resolve));
    await expect.poll(() => daemon.eventListeners()).toBe(1);
    daemon.emit({ Type: 'container', Action: 'start', Actor: { ID: 'x' } });
    await expect.poll(() => received.join('')).toContain('"Action":"start"');
    abort.abort();
    await closed;
    await expect.poll(() => daemon.eventListeners()).toBe(0);
  });
});
