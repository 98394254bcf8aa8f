import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../shared/errors.js';
import { BerthError } from '../errors.js';
import { type ErrorContext, classifyConnectionError } from './classify-error.js';

const plain: ErrorContext = { endpoint: 'tcp://10.0.0.5:2375', tls: false };
const tls: ErrorContext = { endpoint: 'tcp://10.0.0.5:2376', tls: true };

/** An error shaped like Node's system and OpenSSL errors: a message and a string `code`. */
function systemError(code: string, message = `${code} happened`): Error {
  return Object.assign(new Error(message), { code });
}

/** An error shaped like docker-modem's HTTP errors: a message and a numeric `statusCode`. */
function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

describe('classifyConnectionError', () => {
  it('passes a BerthError through unchanged', () => {
    const error = new BerthError('TIMEOUT', 'already classified');
    expect(classifyConnectionError(error, plain)).toBe(error);
  });

  it.each<[string, string, ErrorContext, ErrorCode, RegExp]>([
    ['refused', 'ECONNREFUSED', plain, 'CONNECTION_REFUSED', /Nothing is listening at tcp:\/\/10\.0\.0\.5:2375/],
    ['unknown name', 'ENOTFOUND', plain, 'HOST_NOT_FOUND', /cannot be resolved/],
    ['name lookup failing for now', 'EAI_AGAIN', plain, 'HOST_NOT_FOUND', /cannot be resolved/],
    ['missing socket', 'ENOENT', { endpoint: 'unix:///var/run/docker.sock', tls: false }, 'SOCKET_NOT_FOUND', /no Docker socket/],
    ['socket not allowed', 'EACCES', plain, 'SOCKET_PERMISSION_DENIED', /docker group/],
    ['socket not permitted', 'EPERM', plain, 'SOCKET_PERMISSION_DENIED', /docker group/],
    ['certificate for another name', 'ERR_TLS_CERT_ALTNAME_INVALID', tls, 'TLS_HOSTNAME_MISMATCH', /subjectAltName/],
    ['certificate of another CA', 'SELF_SIGNED_CERT_IN_CHAIN', tls, 'TLS_UNTRUSTED_CERTIFICATE', /SELF_SIGNED_CERT_IN_CHAIN/],
    ['leaf not verifiable', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', tls, 'TLS_UNTRUSTED_CERTIFICATE', /ca\.pem/],
    ['expired server certificate', 'CERT_HAS_EXPIRED', tls, 'TLS_CERTIFICATE_EXPIRED', /is expired/],
    ['server certificate from the future', 'CERT_NOT_YET_VALID', tls, 'TLS_CERTIFICATE_EXPIRED', /not yet valid/],
    ['client certificate refused', 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', tls, 'TLS_CLIENT_CERT_REJECTED', /refused the client certificate/],
    ['TLS to a plain port', 'ERR_SSL_WRONG_VERSION_NUMBER', tls, 'TLS_NOT_OFFERED', /does not speak TLS/],
    ['reset during the TLS handshake', 'ECONNRESET', tls, 'TLS_CLIENT_CERT_REJECTED', /closed the connection during or right after/],
    ['reset on plain tcp', 'ECONNRESET', plain, 'CONNECTION_RESET', /closed by the other side/],
    ['broken pipe on plain tcp', 'EPIPE', plain, 'CONNECTION_RESET', /closed by the other side/],
  ])('%s (%s) becomes %s', (_what, code, context, expected, message) => {
    const cause = systemError(code);
    const classified = classifyConnectionError(cause, context);
    expect(classified.code).toBe(expected);
    expect(classified.message).toMatch(message);
    expect(classified.cause).toBe(cause);
  });

  it('recognises a refused client certificate by its alert text when there is no code', () => {
    const classified = classifyConnectionError(new Error('tlsv13 alert certificate required'), tls);
    expect(classified.code).toBe('TLS_CLIENT_CERT_REJECTED');
  });

  it('recognises a plain port by the OpenSSL text when there is no code', () => {
    expect(classifyConnectionError(new Error('ssl3_get_record:wrong version number'), tls).code).toBe('TLS_NOT_OFFERED');
  });

  it('reads "wrong version number" as a TLS problem only when Berth spoke TLS', () => {
    expect(classifyConnectionError(systemError('EPROTO'), plain).code).toBe('DAEMON_ERROR');
    expect(classifyConnectionError(systemError('EPROTO'), tls).code).toBe('TLS_NOT_OFFERED');
  });

  it('calls any other TLS failure a failed handshake, with what OpenSSL said', () => {
    const classified = classifyConnectionError(new Error('ssl handshake aborted: no shared cipher'), tls);
    expect(classified.code).toBe('TLS_HANDSHAKE_FAILED');
    expect(classified.message).toContain('no shared cipher');
  });

  it('reads a hung-up socket as a reset', () => {
    expect(classifyConnectionError(new Error('socket hang up'), plain).code).toBe('CONNECTION_RESET');
  });

  it('tells a plain-HTTP request to a TLS daemon to use TLS', () => {
    const classified = classifyConnectionError(httpError(400, 'Client sent an HTTP request to an HTTPS server.'), plain);
    expect(classified.code).toBe('TLS_REQUIRED');
    expect(classified.message).toMatch(/expects TLS/);
  });

  it('says a 404 where the API should be is probably not a Docker daemon', () => {
    expect(classifyConnectionError(httpError(404, 'page not found'), plain).code).toBe('NOT_A_DOCKER_DAEMON');
  });

  it("passes on the daemon's own error for other HTTP statuses", () => {
    const classified = classifyConnectionError(httpError(500, 'driver failed  \n'), plain);
    expect(classified.code).toBe('DAEMON_ERROR');
    expect(classified.message).toBe('The Docker daemon at tcp://10.0.0.5:2375 answered an error (HTTP 500): driver failed');
  });

  it('falls back to a daemon error naming the endpoint, also for things that are not errors', () => {
    const classified = classifyConnectionError('something odd', plain);
    expect(classified.code).toBe('DAEMON_ERROR');
    expect(classified.message).toBe('Talking to tcp://10.0.0.5:2375 failed: something odd');
  });
});
