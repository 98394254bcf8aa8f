import { isIP } from 'node:net';
import tls from 'node:tls';
import {
  type CertificateHealthEntry,
  type CertificateLevel,
  type CertificateRoleName,
  type HostCertificates,
  expiryLevel,
  worseLevel,
} from '../../../shared/certificate-health.js';
import { type TransportOf, formatHostPort } from '../../../shared/profile.js';
import { BerthError, toEnvelope } from '../errors.js';
import { type CertificateInfo, inspectCertificate } from '../tls/certificate-inspection.js';
import { certificateMatchesAddress, verifyChain } from '../tls/chain-verification.js';
import { formatSan } from '../tls/san.js';
import { loadPem } from '../transports/pem.js';

export interface CertificateCheckOptions {
  now?: Date;
  /** For the handshake that reads the server certificate. Default 10 s. */
  timeoutMs?: number;
  /** Reads the server certificate (PEM) from a TLS handshake; tests pass a fake. */
  readServerCertificate?: (target: ServerCertificateTarget) => Promise<string>;
}

export interface ServerCertificateTarget {
  host: string;
  port: number;
  serverName?: string | undefined;
  ca: string;
  cert: string;
  key: string;
  timeoutMs: number;
}

/**
 * The health of a TLS host's certificates: the CA and client certificate as its profile names
 * them, and the server certificate as the daemon presents it in a handshake. Each gets its days
 * left, a level (warning ≤ 30 days, critical ≤ 7, expired) and its problems (purpose, SAN, chain).
 * Never throws: what cannot be read becomes a note.
 */
export async function checkTlsCertificates(
  transport: TransportOf<'tls'>,
  options: CertificateCheckOptions = {},
): Promise<HostCertificates> {
  const now = options.now ?? new Date();
  const entries: CertificateHealthEntry[] = [];
  const notes: string[] = [];
  const read = async (what: () => Promise<string>): Promise<string | undefined> => {
    try {
      return await what();
    } catch (error) {
      notes.push(toEnvelope(error).message);
      return undefined;
    }
  };
  const caPem = await read(() => loadPem(transport.ca, 'CA certificate'));
  const certPem = await read(() => loadPem(transport.cert, 'client certificate'));
  const address = transport.serverName ?? transport.host;

  if (caPem !== undefined) entries.push(assessCertificate('ca', caPem, undefined, now));
  if (certPem !== undefined) entries.push(assessCertificate('client', certPem, caPem, now));

  if (caPem !== undefined && certPem !== undefined) {
    const keyPem = await read(() => loadPem(transport.key, 'client key'));
    if (keyPem !== undefined) {
      const serverPem = await read(() =>
        (options.readServerCertificate ?? readServerCertificate)({
          host: transport.host,
          port: transport.port,
          serverName: transport.serverName,
          ca: caPem,
          cert: certPem,
          key: keyPem,
          timeoutMs: options.timeoutMs ?? 10_000,
        }),
      );
      if (serverPem !== undefined) entries.push(assessCertificate('server', serverPem, caPem, now, address));
    }
  }
  let worst: CertificateLevel = entries.reduce<CertificateLevel>((level, entry) => worseLevel(level, entry.level), 'ok');
  if (notes.length > 0) worst = worseLevel(worst, 'warning');
  return { checkedAt: now.getTime(), worst, entries, ...(notes.length > 0 ? { notes } : {}) };
}

/** One certificate's entry: expiry level, and for leaves their purpose, chain and (server) SAN. */
export function assessCertificate(
  role: CertificateRoleName,
  pem: string,
  caPem: string | undefined,
  now: Date,
  address?: string,
): CertificateHealthEntry {
  let info: CertificateInfo;
  try {
    info = inspectCertificate(pem, now);
  } catch (error) {
    return {
      role,
      subject: 'unreadable',
      notAfter: new Date(0).toISOString(),
      daysLeft: 0,
      level: 'critical',
      problems: [toEnvelope(error).message],
    };
  }
  const problems: string[] = [];
  let level = expiryLevel(info.daysLeft, info.expiry === 'expired');
  if (info.expiry === 'expired') problems.push(`expired on ${info.notAfter.slice(0, 10)}`);
  if (info.expiry === 'not-yet-valid') {
    problems.push(`not valid before ${info.notBefore} (check this machine's clock)`);
    level = worseLevel(level, 'critical');
  }
  if (role === 'ca' && !info.isCA) problems.push('it is not a CA certificate (basicConstraints CA:false)');
  if (role !== 'ca') {
    const purpose = role === 'client' ? 'clientAuth' : 'serverAuth';
    if (info.extendedKeyUsages.length > 0 && !info.extendedKeyUsages.includes(purpose)) {
      problems.push(
        `its extendedKeyUsage (${info.extendedKeyUsages.join(', ')}) lacks ${purpose}: ${role === 'client' ? 'the daemon rejects it' : 'clients reject it'}`,
      );
    }
    if (caPem !== undefined) {
      const chain = chainProblem(pem, caPem, info);
      if (chain) problems.push(chain);
    }
    if (role === 'server' && address !== undefined) {
      const matches = safely(() => certificateMatchesAddress(pem, address), true);
      if (!matches) {
        const names = info.sans.map(formatSan).join(', ') || 'no subjectAltName';
        problems.push(`its names (${names}) do not include ${address}, the address Berth connects to`);
      }
    }
  }
  if (problems.some((problem) => !problem.startsWith('expired on'))) level = worseLevel(level, 'critical');
  const names = role === 'ca' ? [] : info.sans.map(formatSan);
  return {
    role,
    subject: info.subject,
    notAfter: info.notAfter,
    daysLeft: info.daysLeft,
    level,
    problems,
    ...(names.length > 0 ? { names } : {}),
  };
}

/** Whether the leaf was signed by this CA, judged at a moment both are valid (expiry is reported on its own). */
function chainProblem(pem: string, caPem: string, info: CertificateInfo): string | undefined {
  let ca: CertificateInfo;
  try {
    ca = inspectCertificate(caPem);
  } catch {
    return undefined;
  }
  const from = Math.max(Date.parse(info.notBefore), Date.parse(ca.notBefore));
  const until = Math.min(Date.parse(info.notAfter), Date.parse(ca.notAfter));
  if (from > until) return 'it is valid only when the CA certificate is not';
  const verdict = safely(() => verifyChain(pem, caPem, new Date(from + 1000)), { valid: true as const });
  return verdict.valid ? undefined : `not issued by this CA: ${verdict.reason}`;
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

/**
 * The certificate a daemon presents, read from a bare TLS handshake. Certificate checks are off
 * here on purpose: an expired or misnamed certificate must still be read, to be reported. So this
 * connection carries nothing: no client certificate or key is offered on it and no byte is sent;
 * it is closed as soon as the handshake shows the server's certificate.
 */
export function readServerCertificate(target: ServerCertificateTarget): Promise<string> {
  const endpoint = `tcp://${formatHostPort(target.host, target.port)}`;
  const host = target.host.startsWith('[') ? target.host.slice(1, -1) : target.host;
  const serverName = target.serverName ?? (isIP(host) === 0 ? host : undefined);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port: target.port,
      rejectUnauthorized: false,
      ...(serverName !== undefined ? { servername: serverName } : {}),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new BerthError('TIMEOUT', `${endpoint} did not complete a TLS handshake within ${target.timeoutMs / 1000} s.`));
    }, target.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const raw = socket.getPeerCertificate().raw;
      socket.destroy();
      if (!raw) reject(new BerthError('TLS_HANDSHAKE_FAILED', `${endpoint} presented no certificate.`));
      else resolve(derToPem(raw));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        new BerthError('TLS_HANDSHAKE_FAILED', `The server certificate of ${endpoint} could not be read: ${error.message}.`, {
          cause: error,
        }),
      );
    });
  });
}

function derToPem(der: Buffer): string {
  const body = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}
