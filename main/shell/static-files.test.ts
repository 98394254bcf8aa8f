import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticPath, sendStaticFile } from './static-files.js';

let dir: string;
let root: string;
let server: Server;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-static-'));
  root = path.join(dir, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Berth</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  mkdirSync(path.join(dir, 'outside'));
  writeFileSync(path.join(dir, 'outside', 'secret.txt'), 'OUTSIDE-SECRET');
  // Links that stay inside are fine; links that leave the renderer folder are not.
  symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'alias.js'));
  symlinkSync(path.join(dir, 'outside', 'secret.txt'), path.join(root, 'leak.txt'));
  symlinkSync(path.join(dir, 'outside'), path.join(root, 'assets', 'escape'));
  server = createServer((request, response) => {
    const file = resolveStaticPath(root, new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const send = file === undefined ? Promise.resolve(false) : sendStaticFile(response, root, file, false, 'no-cache');
    void send.then((sent) => {
      if (sent) return;
      response.statusCode = 404;
      response.end('Not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function fetchPath(urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: urlPath }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('static files of the browser shell', () => {
  it('serves files under the renderer folder, through links that stay inside', async () => {
    expect(await fetchPath('/')).toEqual({ status: 200, body: '<!doctype html><title>Berth</title>' });
    expect((await fetchPath('/assets/app.js')).body).toBe('console.log(1)');
    expect((await fetchPath('/alias.js')).body).toBe('console.log(1)');
  });

  it('refuses a symbolic link (to a file or a folder) that points outside the renderer folder', async () => {
    for (const urlPath of ['/leak.txt', '/assets/escape/secret.txt']) {
      const answer = await fetchPath(urlPath);
      expect(answer.status, urlPath).toBe(404);
      expect(answer.body).not.toContain('OUTSIDE-SECRET');
    }
  });

  it('refuses paths that leave the folder by name', () => {
    expect(resolveStaticPath(root, '/../outside/secret.txt')).toBeUndefined();
    expect(resolveStaticPath(root, '/%2e%2e/outside/secret.txt')).toBeUndefined();
  });
});
