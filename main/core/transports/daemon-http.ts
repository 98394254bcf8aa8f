import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

/** Where a daemon's HTTP requests go: the connection's agent decides how bytes get there. */
export interface HttpTarget {
  /** The connection's keep-alive agent (https.Agent for TLS, RemoteSocketAgent for SSH). */
  agent: http.Agent;
  tls: boolean;
  /** A unix socket or named pipe; otherwise host and port. */
  socketPath?: string;
  host?: string;
  port?: number;
}

/**
 * Sends one request without a body and resolves once the response headers are in. The body is
 * the caller's to read (see readCapped). Aborting `signal` destroys request and response.
 */
export function sendRequest(target: HttpTarget, method: string, path: string, signal: AbortSignal): Promise<IncomingMessage> {
  const options: http.RequestOptions = {
    agent: target.agent,
    method,
    path,
    signal,
    ...(target.socketPath === undefined ? { host: target.host, port: target.port } : { socketPath: target.socketPath }),
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const request = (target.tls ? https : http).request(options, (response) => {
      settled = true;
      resolve(response);
    });
    // Stays attached for the request's whole life: a late socket error must never be unhandled.
    request.on('error', (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
    request.end();
  });
}

export type CappedBody = { kind: 'complete'; body: Buffer } | { kind: 'too-large'; announcedBytes?: number };

/**
 * Reads a whole response body, keeping at most `capBytes`. Past the cap (or when Content-Length
 * already announces more) the response is destroyed, so a daemon can never make Berth hold more.
 */
export function readCapped(response: IncomingMessage, capBytes: number, onChunk?: () => void): Promise<CappedBody> {
  const announced = Number(response.headers['content-length']);
  if (Number.isFinite(announced) && announced > capBytes) {
    response.destroy();
    return Promise.resolve({ kind: 'too-large', announcedBytes: announced });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > capBytes) {
        response.off('data', onData);
        response.destroy();
        chunks.length = 0;
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
      onChunk?.();
    };
    response.on('data', onData);
    response.once('end', () => resolve({ kind: 'complete', body: Buffer.concat(chunks, received) }));
    response.once('error', reject);
    // A response cut before its end (connection dropped) closes without 'end'.
    response.once('close', () => {
      if (!response.complete) reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    });
  });
}
