import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { wireMaxMessageBytes, wsPath } from '../../shared/contract.js';
import type { BerthService } from '../core/app/berth-service.js';
import { cookieName, cookieValue, hostHeaderOk, newToken, sameToken, setSecurityHeaders, shellOrigin } from './shell-security.js';
import { isIndexPath, resolveStaticPath, sendStaticFile } from './static-files.js';
import { serveWebSocket } from './ws-session.js';

export interface ShellServerOptions {
  service: BerthService;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. The server always binds to 127.0.0.1 only. */
  port?: number;
  /** Default: 32 fresh random bytes. */
  token?: string;
}

export interface ShellServer {
  readonly port: number;
  readonly token: string;
  /** The URL to open: `http://127.0.0.1:PORT/?token=…`. */
  readonly url: string;
  /** Stops accepting, closes every socket. Does not dispose the service. */
  close(): Promise<void>;
}

const PING_INTERVAL_MS = 30_000;
/** Frames beyond this close the socket (ws answers 1009); between 1 MB and this they get an error reply. */
const HARD_MAX_PAYLOAD = 8 * wireMaxMessageBytes;

/**
 * Berth's core served to a browser: the built renderer over HTTP and the contract over a
 * WebSocket, on 127.0.0.1 only. Every request needs the token (the `?token=` of the printed
 * URL, then an HttpOnly SameSite=Strict cookie); WebSocket upgrades also need the exact Origin
 * `http://127.0.0.1:PORT`, and every request the Host `127.0.0.1:PORT`.
 */
export async function startShellServer(options: ShellServerOptions): Promise<ShellServer> {
  const token = options.token ?? newToken();
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_PAYLOAD, perMessageDeflate: false });
  await listen(server, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const cookie = cookieName(port);
  const authorized = (request: IncomingMessage, url: URL) =>
    hostHeaderOk(request, port) && (sameToken(url.searchParams.get('token'), token) || sameToken(cookieValue(request, cookie), token));

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handleRequest(request, response).catch(() => {
      if (!response.headersSent) sendText(response, 500, 'Internal error');
      else response.destroy();
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response, port);
    const url = new URL(request.url ?? '/', shellOrigin(port));
    if (!authorized(request, url)) {
      return sendText(response, 403, 'Forbidden. Open the URL Berth printed when it started (it carries the access token).');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return sendText(response, 405, 'Method not allowed');
    }
    if (sameToken(url.searchParams.get('token'), token)) {
      response.setHeader('Set-Cookie', `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    const file = resolveStaticPath(options.rendererDir, url.pathname);
    if (file === undefined) return sendText(response, 404, 'Not found');
    const index = isIndexPath(options.rendererDir, file);
    const sent = await sendStaticFile(response, options.rendererDir, file, request.method === 'HEAD', index ? 'no-store' : 'no-cache');
    if (sent) return;
    if (index) return sendText(response, 503, 'The renderer is not built. Run `npm run build` (or `npm run serve`, which builds first).');
    if (url.pathname === '/favicon.ico') {
      // Browsers ask for it on their own; "none" keeps their consoles free of a 404.
      response.statusCode = 204;
      return void response.end();
    }
    sendText(response, 404, 'Not found');
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', shellOrigin(port));
    if (url.pathname !== wsPath || request.headers.origin !== shellOrigin(port) || !authorized(request, url)) {
      socket.on('error', () => socket.destroy());
      socket.once('finish', () => socket.destroy());
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const alive = { value: true };
      ws.on('pong', () => (alive.value = true));
      const ping = setInterval(() => {
        if (!alive.value) return ws.terminate();
        alive.value = false;
        ws.ping();
      }, PING_INTERVAL_MS);
      ping.unref();
      ws.on('close', () => clearInterval(ping));
      serveWebSocket(ws, options.service);
    });
  });

  return {
    port,
    token,
    url: `${shellOrigin(port)}/?token=${token}`,
    close: async () => {
      for (const ws of sockets.clients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(`${text}\n`);
}
