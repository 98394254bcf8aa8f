/**
 * Error codes shared by the core, the CLI and the renderer. Each code belongs to one kind;
 * the kind decides the CLI exit status, so scripts can tell "unreachable" from "bad TLS".
 */
export const errorKinds = {
  usage: 2,
  unreachable: 3,
  tls: 4,
  authentication: 5,
  hostKey: 6,
  daemon: 7,
  timeout: 8,
  internal: 1,
} as const;

export type ErrorKind = keyof typeof errorKinds;

export const errorCodes = {
  // usage: the input itself is wrong
  INVALID_ENDPOINT: 'usage',
  UNSUPPORTED_SCHEME: 'usage',
  INVALID_PROFILE: 'usage',
  INVALID_ARGUMENT: 'usage',
  FILE_UNREADABLE: 'usage',
  FILE_NOT_WRITABLE: 'usage',
  TLS_FILES_EXIST: 'usage',
  // usage: docker contexts (the docker CLI's store and .dockercontext archives)
  CONTEXT_NOT_FOUND: 'usage',
  CONTEXT_INVALID: 'usage',
  CONTEXT_EXISTS: 'usage',
  CONTEXT_UNSUPPORTED: 'usage',
  // unreachable: nothing (right) is on the other end
  CONNECTION_REFUSED: 'unreachable',
  HOST_NOT_FOUND: 'unreachable',
  SOCKET_NOT_FOUND: 'unreachable',
  SOCKET_PERMISSION_DENIED: 'unreachable',
  CONNECTION_RESET: 'unreachable',
  // tls: the TLS handshake or its configuration failed
  TLS_REQUIRED: 'tls',
  TLS_NOT_OFFERED: 'tls',
  TLS_UNTRUSTED_CERTIFICATE: 'tls',
  TLS_HOSTNAME_MISMATCH: 'tls',
  TLS_CERTIFICATE_EXPIRED: 'tls',
  TLS_CLIENT_CERT_REJECTED: 'tls',
  TLS_INVALID_PEM: 'tls',
  TLS_HANDSHAKE_FAILED: 'tls',
  /** A docker context with SkipTLSVerify: Berth refuses it rather than connect unverified. */
  CONTEXT_SKIPS_TLS_VERIFY: 'tls',
  // tls: generating or reading a certificate set
  TLS_CA_PASSPHRASE_REQUIRED: 'tls',
  TLS_CA_PASSPHRASE_WRONG: 'tls',
  TLS_GENERATION_CANCELLED: 'tls',
  // tls: installing a certificate set on a daemon's host over SSH (the wizard's install step)
  TLS_INSTALL_DAEMON_JSON_INVALID: 'tls',
  TLS_INSTALL_PERMISSION_DENIED: 'tls',
  TLS_INSTALL_REMOTE_FILE_FAILED: 'tls',
  TLS_INSTALL_COMMAND_FAILED: 'tls',
  TLS_INSTALL_DAEMON_NOT_READY: 'tls',
  TLS_INSTALL_CANCELLED: 'tls',
  // authentication: SSH credentials
  SSH_AUTH_FAILED: 'authentication',
  SSH_KEY_PASSPHRASE_REQUIRED: 'authentication',
  SSH_KEY_PASSPHRASE_WRONG: 'authentication',
  SSH_KEY_INVALID: 'authentication',
  SSH_AGENT_UNAVAILABLE: 'authentication',
  // authentication: Berth's own master passphrase (the passphrase-protected secret store)
  SECRETS_LOCKED: 'authentication',
  SECRETS_PASSPHRASE_WRONG: 'authentication',
  // authentication: a saved password, passphrase or key is no longer in the secret store
  SECRET_MISSING: 'authentication',
  // hostKey: SSH host key verification
  SSH_HOST_KEY_UNKNOWN: 'hostKey',
  SSH_HOST_KEY_CHANGED: 'hostKey',
  // daemon: reached something, but the daemon side failed
  REMOTE_SOCKET_NOT_FOUND: 'daemon',
  REMOTE_SOCKET_PERMISSION_DENIED: 'daemon',
  SSH_FORWARDING_REFUSED: 'daemon',
  NOT_A_DOCKER_DAEMON: 'daemon',
  DAEMON_ERROR: 'daemon',
  // timeout
  TIMEOUT: 'timeout',
  // internal: a bug in Berth
  INTERNAL: 'internal',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof errorCodes;

/** What crosses process boundaries (IPC, WebSocket, CLI JSON) when something fails. */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
}

export function errorKindOf(code: ErrorCode): ErrorKind {
  return errorCodes[code];
}

export function exitStatusOf(code: ErrorCode): number {
  return errorKinds[errorCodes[code]];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}
