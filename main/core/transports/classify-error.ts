import { BerthError, isBerthError, systemErrorCode } from '../errors.js';

export interface ErrorContext {
  /** Docker-style address shown to the operator, e.g. tcp://10.0.0.5:2376. */
  endpoint: string;
  /** Whether Berth spoke TLS to it. */
  tls: boolean;
}

const untrustedCertificateCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

const clientCertificateRefusedCodes = new Set([
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR',
]);

const tlsNotOfferedCodes = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'EPROTO']);

/** Maps what Node, OpenSSL or docker-modem threw into one specific, actionable BerthError. */
export function classifyConnectionError(error: unknown, context: ErrorContext): BerthError {
  if (isBerthError(error)) return error;
  const code = systemErrorCode(error) ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const { endpoint } = context;

  if (code === 'ECONNREFUSED') {
    return new BerthError(
      'CONNECTION_REFUSED',
      `Nothing is listening at ${endpoint}. Check the address and port, and that dockerd runs with a matching -H option.`,
      { cause: error },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new BerthError('HOST_NOT_FOUND', `The host name in ${endpoint} cannot be resolved. Check its spelling or use an IP address.`, {
      cause: error,
    });
  }
  if (code === 'ENOENT') {
    return new BerthError(
      'SOCKET_NOT_FOUND',
      `There is no Docker socket at ${endpoint}. Is dockerd running on this machine? Start it, or point Berth at the right socket.`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new BerthError(
      'SOCKET_PERMISSION_DENIED',
      `Permission denied opening ${endpoint}. Add your user to the docker group (then log in again), or use a socket you may open.`,
      { cause: error },
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return hostnameMismatch(error, endpoint, message);
  if (untrustedCertificateCodes.has(code)) {
    return new BerthError(
      'TLS_UNTRUSTED_CERTIFICATE',
      `The daemon at ${endpoint} presented a certificate not signed by the CA you gave (${code}). Use the ca.pem that signed the daemon's server certificate.`,
      { cause: error },
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new BerthError(
      'TLS_CERTIFICATE_EXPIRED',
      `The daemon's certificate at ${endpoint} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'}. Renew the server certificate (or check this machine's clock).`,
      { cause: error },
    );
  }
  if (
    clientCertificateRefusedCodes.has(code) ||
    /alert (bad certificate|certificate required|unknown ca|certificate expired)/i.test(message)
  ) {
    return new BerthError(
      'TLS_CLIENT_CERT_REJECTED',
      `The daemon at ${endpoint} refused the client certificate. Use a cert.pem/key.pem signed by the CA the daemon trusts (its --tlscacert), with extendedKeyUsage clientAuth.`,
      { cause: error },
    );
  }
  if (context.tls && (tlsNotOfferedCodes.has(code) || /wrong version number|packet length too long/i.test(message))) {
    return new BerthError(
      'TLS_NOT_OFFERED',
      `${endpoint} does not speak TLS: it looks like a plain-HTTP Docker port (conventionally 2375). Connect without TLS — or better, secure that daemon with --tlsverify.`,
      { cause: error },
    );
  }
  if (context.tls && /ssl|tls|certificate/i.test(`${code} ${message}`)) {
    return new BerthError(
      'TLS_HANDSHAKE_FAILED',
      `The TLS handshake with ${endpoint} failed: ${message}. Check the certificates on both sides.`,
      {
        cause: error,
      },
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message)) {
    return new BerthError(
      context.tls ? 'TLS_CLIENT_CERT_REJECTED' : 'CONNECTION_RESET',
      context.tls
        ? `The daemon at ${endpoint} closed the connection during or right after the TLS handshake, which is how it refuses a client certificate it does not trust. Use a cert.pem/key.pem signed by the daemon's CA.`
        : `The connection to ${endpoint} was closed by the other side. Check that a Docker daemon (not another service) listens there.`,
      { cause: error },
    );
  }
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  if (code === 'RESPONSE_TOO_LARGE') {
    // docker-modem (patched) stops collecting an error body past 64 KiB with this code.
    return new BerthError(
      'RESPONSE_TOO_LARGE',
      `${endpoint} sent an error answer${typeof statusCode === 'number' ? ` (HTTP ${statusCode})` : ''} larger than Berth's cap of 64 KiB. Berth stopped reading and dropped this host's connection; other hosts are not affected. A Docker daemon never sends error answers this large: check what listens at that address.`,
      { cause: error },
    );
  }
  if (typeof statusCode === 'number') {
    // The daemon's answer stays reachable as the cause (its status and message), for callers that tell 404 and 409 apart.
    const classified = classifyHttpStatus(statusCode, message, context);
    return new BerthError(classified.code, classified.message, { cause: error });
  }
  return new BerthError('DAEMON_ERROR', `Talking to ${endpoint} failed: ${message}`, { cause: error });
}

function classifyHttpStatus(statusCode: number, message: string, context: ErrorContext): BerthError {
  if (statusCode === 400 && /HTTP request to an HTTPS server/i.test(message)) {
    return new BerthError(
      'TLS_REQUIRED',
      `${context.endpoint} expects TLS (the daemon runs with --tlsverify; 2376 is the TLS convention). Connect with TLS and give the CA, client certificate and key.`,
    );
  }
  if (statusCode === 404) {
    return new BerthError(
      'NOT_A_DOCKER_DAEMON',
      `${context.endpoint} answered HTTP 404 where the Docker Engine API should be. It is probably not a Docker daemon; check the port.`,
    );
  }
  return new BerthError(
    'DAEMON_ERROR',
    `The Docker daemon at ${context.endpoint} answered an error (HTTP ${statusCode}): ${message.trim()}`,
  );
}

/**
 * The certificate names of a failed name check, from the peer certificate Node's
 * checkServerIdentity attaches to its error (`cert`, with `subjectaltname` and `subject`) and the
 * name it checked (`host`). Verification has failed all the same; this only reads what was shown.
 */
export function certificateNamesOf(error: unknown): { names: string[]; subject?: string; checked?: string } {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const cert = typeof record['cert'] === 'object' && record['cert'] !== null ? (record['cert'] as Record<string, unknown>) : {};
  const san = typeof cert['subjectaltname'] === 'string' ? cert['subjectaltname'] : '';
  // Node writes "DNS:a, IP Address:1.2.3.4"; Berth (and openssl's short form) say "IP:".
  const names = san
    .split(/,\s*/)
    .map((name) => name.trim().replace(/^IP Address:/, 'IP:'))
    .filter((name) => name !== '')
    .slice(0, 20)
    .map((name) => name.slice(0, 256));
  const subject = cert['subject'] as Record<string, unknown> | undefined;
  const cn = typeof subject?.['CN'] === 'string' ? subject['CN'].slice(0, 256) : undefined;
  const checked = typeof record['host'] === 'string' ? record['host'].slice(0, 256) : undefined;
  return { names, ...(cn !== undefined ? { subject: `CN=${cn}` } : {}), ...(checked !== undefined ? { checked } : {}) };
}

function hostnameMismatch(error: unknown, endpoint: string, message: string): BerthError {
  const { names, subject, checked } = certificateNamesOf(error);
  const target = checked ?? endpoint;
  const dnsName = names.find((name) => name.startsWith('DNS:') && !name.includes('*'))?.slice(4);
  const useName = dnsName ? `Set the host's server name to ${dnsName}` : 'Connect with a name or IP the certificate lists';
  const fix = `${useName} if this is the right daemon, or reissue the server certificate with ${target} in its subjectAltName.`;
  if (names.length === 0 && subject === undefined) {
    return new BerthError(
      'TLS_HOSTNAME_MISMATCH',
      `The daemon's certificate is not valid for ${endpoint} (${message}). Connect with a name or IP listed in the certificate's subjectAltName, set the server name, or reissue the server certificate with this address.`,
      { cause: error },
    );
  }
  const covered = names.length > 0 ? names.join(', ') : `no subjectAltName, only the subject ${subject}`;
  const about = names.length > 0 && subject !== undefined ? ` (subject ${subject})` : '';
  return new BerthError(
    'TLS_HOSTNAME_MISMATCH',
    `The daemon's certificate at ${endpoint} is for ${covered}${about}, not for ${target}. ${fix}`,
    { cause: error, detail: { certificateNames: names } },
  );
}
