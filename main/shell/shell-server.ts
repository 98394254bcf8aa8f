import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { wireMaxMessageBytes, wsPath, wsProtocol } from '../../shared/contract.js';
import type { BerthService } from '../core/app/berth-service.js';
import { hostHeaderOk, newToken, sameToken, setSecurityHeaders, shellOrigin, shellUrl, tokenOfUpgrade } from './shell-security.js';
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
  /** The URL to open: `http://127.0.0.1:PORT/#token=…` (the token in the fragment, never sent to a server). */
  readonly url: string;
  /** Stops accepting, closes every socket. Does not dispose the service. */
  close(): Promise<void>;
}

const PING_INTERVAL_MS = 30_000;
/** Frames beyond this close the socket (ws answers 1009); between 1 MB and this they get an error reply. */
const HARD_MAX_PAYLOAD = 8 * wireMaxMessageBytes;

/**
 * Berth's core served to a browser: the built renderer over HTTP and the contract over a
 * WebSocket, on 127.0.0.1 only. Every request needs the Host `127.0.0.1:PORT`. The page and its
 * assets are public build output; the contract is not: a WebSocket upgrade needs the exact
 * Origin `http://127.0.0.1:PORT` and the token as its `berth-token.<token>` subprotocol (the page
 * reads it from the printed URL's fragment). No cookie is ever set: cookies ignore ports, so
 * every other server on 127.0.0.1 would receive it.
 */
export async function startShellServer(options: ShellServerOptions): Promise<ShellServer> {
  const token = options.token ?? newToken();
  const server = createServer();
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: HARD_MAX_PAYLOAD,
    perMessageDeflate: false,
    // Answer with `berth` only: the token subprotocol is never echoed back.
    handleProtocols: (offered) => (offered.has(wsProtocol) ? wsProtocol : false),
  });
  await listen(server, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handleRequest(request, response).catch(() => {
      if (!response.headersSent) sendText(response, 500, 'Internal error');
      else response.destroy();
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response, port);
    const url = new URL(request.url ?? '/', shellOrigin(port));
    if (!hostHeaderOk(request, port)) {
      return sendText(response, 403, `Forbidden. Open Berth at the URL it printed when it started (${shellOrigin(port)}/#token=…).`);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return sendText(response, 405, 'Method not allowed');
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
    const authorized =
      hostHeaderOk(request, port) && request.headers.origin === shellOrigin(port) && sameToken(tokenOfUpgrade(request), token);
    if (url.pathname !== wsPath || !authorized) {
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
    url: shellUrl(port, token),
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
