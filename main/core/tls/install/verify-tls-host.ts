import https from 'node:https';
import { isIP } from 'node:net';
import { type TLSSocket, checkServerIdentity } from 'node:tls';
import { formatHostPort } from '../../../../shared/profile.js';
import { BerthError } from '../../errors.js';
import { classifyConnectionError } from '../../transports/classify-error.js';
import { loadPem } from '../../transports/pem.js';
import { inspectCertificate } from '../certificate-inspection.js';
import type { San } from '../san.js';

export interface VerifyTlsHostOptions {
  host: string;
  port: number;
  /** PEM texts: the CA that signed the daemon's certificate, and the client pair it trusts. */
  ca: string;
  cert: string;
  key: string;
  /** Check the server certificate against this name instead of `host`. */
  serverName?: string;
  /** For the whole check (connect, handshake, /version). Default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface TlsHostVerification {
  serverVersion: string;
  apiVersion: string;
  os: string | undefined;
  arch: string | undefined;
  /** The TLS version negotiated, e.g. TLSv1.3. */
  protocol: string | undefined;
  /** The certificate the daemon presented in the handshake. */
  serverCertificate: {
    subject: string;
    issuer: string;
    notBefore: string;
    notAfter: string;
    sans: San[];
    fingerprintSha256: string;
  };
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 256 * 1024;

/**
 * Connects to a daemon over TLS with a client certificate (certificate checks always on), reads
 * the server certificate from the handshake, and asks /version over the same connection: the
 * wizard's "Verify" step. Failures are the transports' classified BerthErrors.
 */
export async function verifyTlsHost(options: VerifyTlsHostOptions): Promise<TlsHostVerification> {
  const [ca, cert, key] = await Promise.all([
    loadPem({ kind: 'pem', pem: options.ca }, 'CA certificate'),
    loadPem({ kind: 'pem', pem: options.cert }, 'client certificate'),
    loadPem({ kind: 'pem', pem: options.key }, 'client key'),
  ]);
  const endpoint = `tcp://${formatHostPort(options.host, options.port)}`;
  const context = { endpoint, tls: true };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const host = options.host.startsWith('[') ? options.host.slice(1, -1) : options.host;
  const serverName = options.serverName ?? (isIP(host) === 0 ? host : undefined);

  return new Promise<TlsHostVerification>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: { error: unknown } | { value: TlsHostVerification }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      request.destroy();
      if ('value' in outcome) resolve(outcome.value);
      else reject(classifyConnectionError(outcome.error, context));
    };
    const onAbort = (): void => finish({ error: new BerthError('TLS_INSTALL_CANCELLED', `Checking ${endpoint} was cancelled.`) });
    const timer = setTimeout(
      () =>
        finish({
          error: new BerthError(
            'TIMEOUT',
            `${endpoint} did not complete a TLS handshake and answer /version within ${timeoutMs / 1000} s. Check that dockerd listens there with TLS and that no firewall drops the connection.`,
          ),
        }),
      timeoutMs,
    );
    const request = https.request({
      host,
      port: options.port,
      method: 'GET',
      path: '/version',
      ca,
      cert,
      key,
      // Never weakened: the whole point is to prove the daemon's certificate is right.
      rejectUnauthorized: true,
      ...(serverName === undefined ? {} : { servername: serverName }),
      // The name the certificate must hold: the server name when given, else the address dialled.
      checkServerIdentity: (_host, certificate) => checkServerIdentity(serverName ?? host, certificate),
      agent: false,
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    request.on('error', (error) => finish({ error }));
    request.on('response', (response) => {
      const socket = response.socket as TLSSocket;
      const peer = socket.getPeerCertificate();
      const protocol = socket.getProtocol() ?? undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      response.on('error', (error) => finish({ error }));
      response.on('end', () => {
        try {
          if (response.statusCode !== 200) {
            throw Object.assign(new Error(`${Buffer.concat(chunks).toString('utf8').slice(0, 500)}`), { statusCode: response.statusCode });
          }
          const version = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          if (typeof version['Version'] !== 'string' || typeof version['ApiVersion'] !== 'string') {
            throw new BerthError(
              'NOT_A_DOCKER_DAEMON',
              `${endpoint} answered /version, but not with a Docker Engine version. Check the port.`,
            );
          }
          finish({
            value: {
              serverVersion: version['Version'],
              apiVersion: version['ApiVersion'],
              os: typeof version['Os'] === 'string' ? version['Os'] : undefined,
              arch: typeof version['Arch'] === 'string' ? version['Arch'] : undefined,
              protocol,
              serverCertificate: describePeer(peer.raw),
            },
          });
        } catch (error) {
          finish({
            error:
              error instanceof SyntaxError
                ? new BerthError('NOT_A_DOCKER_DAEMON', `${endpoint} answered /version with something that is not JSON. Check the port.`)
                : error,
          });
        }
      });
    });
    request.end();
  });
}

function describePeer(raw: Buffer): TlsHostVerification['serverCertificate'] {
  const pem = `-----BEGIN CERTIFICATE-----\n${raw
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  const info = inspectCertificate(pem);
  return {
    subject: info.subject,
    issuer: info.issuer,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    sans: info.sans,
    fingerprintSha256: info.fingerprintSha256,
  };
}
