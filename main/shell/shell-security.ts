import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { wsProtocol, wsTokenProtocolPrefix } from '../../shared/contract.js';
import { rendererContentSecurityPolicy } from '../core/app/content-security-policy.js';

/** 32 random bytes, base64url: the secret in the URL the shell prints. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameToken(candidate: string | undefined | null, token: string): boolean {
  if (typeof candidate !== 'string') return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The token a WebSocket upgrade carries as the subprotocol `berth-token.<token>` (beside
 * `berth`), or undefined. A header, not the URL: it stays out of logs, history and Referer.
 */
export function tokenOfUpgrade(request: IncomingMessage): string | undefined {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((value) => value.trim());
  if (!offered.includes(wsProtocol)) return undefined;
  const carrying = offered.filter((value) => value.startsWith(wsTokenProtocolPrefix));
  return carrying.length === 1 ? carrying[0]!.slice(wsTokenProtocolPrefix.length) : undefined;
}

/**
 * The URL to open. The token rides in the fragment, which the browser never sends to any
 * server (nor in a Referer); the page moves it to sessionStorage and out of the address bar.
 */
export function shellUrl(port: number, token: string): string {
  return `${shellOrigin(port)}/#token=${token}`;
}

/** The page's only origin; the Host header must name it too (no DNS rebinding through another name). */
export function shellOrigin(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export function hostHeaderOk(request: IncomingMessage, port: number): boolean {
  return request.headers.host === `127.0.0.1:${port}`;
}

export function contentSecurityPolicy(port: number): string {
  return rendererContentSecurityPolicy([`ws://127.0.0.1:${port}`]);
}

export function setSecurityHeaders(response: ServerResponse, port: number): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
