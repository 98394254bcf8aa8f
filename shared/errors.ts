/**
 * Error codes shared by the core, the CLI and the renderer. Each code belongs to one kind;
 * the kind decides the CLI exit status, so scripts can tell "unreachable" from "bad TLS".
 * `retry` says whether trying again later, with nothing changed, may succeed: a host session
 * reconnects with backoff after those and stays failed after the others (the operator has
 * to change something first).
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
  INVALID_ENDPOINT: { kind: 'usage', retry: false },
  UNSUPPORTED_SCHEME: { kind: 'usage', retry: false },
  INVALID_PROFILE: { kind: 'usage', retry: false },
  INVALID_ARGUMENT: { kind: 'usage', retry: false },
  FILE_UNREADABLE: { kind: 'usage', retry: false },
  FILE_NOT_WRITABLE: { kind: 'usage', retry: false },
  TLS_FILES_EXIST: { kind: 'usage', retry: false },
  /** A docker certificate folder without a readable ca.pem, cert.pem or key.pem. */
  CERT_FOLDER_INCOMPLETE: { kind: 'usage', retry: false },
  /** Something only one shell offers (Electron's file dialog) asked of the other. */
  NOT_IN_THIS_SHELL: { kind: 'usage', retry: false },
  // usage: docker contexts (the docker CLI's store and .dockercontext archives)
  CONTEXT_NOT_FOUND: { kind: 'usage', retry: false },
  CONTEXT_INVALID: { kind: 'usage', retry: false },
  CONTEXT_EXISTS: { kind: 'usage', retry: false },
  CONTEXT_UNSUPPORTED: { kind: 'usage', retry: false },
  // usage: ~/.ssh/config (imported hosts)
  SSH_CONFIG_INVALID: { kind: 'usage', retry: false },
  SSH_CONFIG_HOST_NOT_FOUND: { kind: 'usage', retry: false },
  SSH_CONFIG_PROXY_LOOP: { kind: 'usage', retry: false },
  SSH_CONFIG_IDENTITY_MISSING: { kind: 'usage', retry: false },
  SSH_CONFIG_UNSUPPORTED: { kind: 'usage', retry: false },
  // usage: container actions refused by main (the host's read-only switch, the production guard)
  READ_ONLY: { kind: 'usage', retry: false },
  /** The daemon's own networks (bridge, host, none): Berth never removes them. */
  RESOURCE_PROTECTED: { kind: 'usage', retry: false },
  PRODUCTION_CONFIRMATION_REQUIRED: { kind: 'usage', retry: false },
  PRODUCTION_CONFIRMATION_MISMATCH: { kind: 'usage', retry: false },
  /** A logs/exec/stats stream id that is not open (closed, or opened by another client). */
  STREAM_NOT_FOUND: { kind: 'usage', retry: false },
  /** Too many streams open for one client. */
  STREAM_LIMIT: { kind: 'usage', retry: false },
  // unreachable: nothing (right) is on the other end
  CONNECTION_REFUSED: { kind: 'unreachable', retry: true },
  HOST_NOT_FOUND: { kind: 'unreachable', retry: true },
  SOCKET_NOT_FOUND: { kind: 'unreachable', retry: true },
  SOCKET_PERMISSION_DENIED: { kind: 'unreachable', retry: false },
  CONNECTION_RESET: { kind: 'unreachable', retry: true },
  // a host that is not connected right now was asked for something only a connection answers
  HOST_NOT_CONNECTED: { kind: 'unreachable', retry: true },
  // tls: the TLS handshake or its configuration failed
  TLS_REQUIRED: { kind: 'tls', retry: false },
  TLS_NOT_OFFERED: { kind: 'tls', retry: false },
  TLS_UNTRUSTED_CERTIFICATE: { kind: 'tls', retry: false },
  TLS_HOSTNAME_MISMATCH: { kind: 'tls', retry: false },
  TLS_CERTIFICATE_EXPIRED: { kind: 'tls', retry: false },
  TLS_CLIENT_CERT_REJECTED: { kind: 'tls', retry: false },
  TLS_INVALID_PEM: { kind: 'tls', retry: false },
  TLS_HANDSHAKE_FAILED: { kind: 'tls', retry: false },
  /** A docker context with SkipTLSVerify: Berth refuses it rather than connect unverified. */
  CONTEXT_SKIPS_TLS_VERIFY: { kind: 'tls', retry: false },
  // tls: generating or reading a certificate set
  TLS_CA_PASSPHRASE_REQUIRED: { kind: 'tls', retry: false },
  TLS_CA_PASSPHRASE_WRONG: { kind: 'tls', retry: false },
  TLS_GENERATION_CANCELLED: { kind: 'tls', retry: false },
  // tls: installing a certificate set on a daemon's host over SSH (the wizard's install step)
  TLS_INSTALL_DAEMON_JSON_INVALID: { kind: 'tls', retry: false },
  TLS_INSTALL_PERMISSION_DENIED: { kind: 'tls', retry: false },
  TLS_INSTALL_REMOTE_FILE_FAILED: { kind: 'tls', retry: false },
  TLS_INSTALL_COMMAND_FAILED: { kind: 'tls', retry: false },
  TLS_INSTALL_DAEMON_NOT_READY: { kind: 'tls', retry: false },
  TLS_INSTALL_CANCELLED: { kind: 'tls', retry: false },
  // authentication: SSH credentials
  SSH_AUTH_FAILED: { kind: 'authentication', retry: false },
  SSH_KEY_PASSPHRASE_REQUIRED: { kind: 'authentication', retry: false },
  SSH_KEY_PASSPHRASE_WRONG: { kind: 'authentication', retry: false },
  SSH_KEY_INVALID: { kind: 'authentication', retry: false },
  SSH_AGENT_UNAVAILABLE: { kind: 'authentication', retry: false },
  // authentication: Berth's own master passphrase (the passphrase-protected secret store)
  SECRETS_LOCKED: { kind: 'authentication', retry: false },
  SECRETS_PASSPHRASE_WRONG: { kind: 'authentication', retry: false },
  // authentication: the browser shell's page was opened without its access token (not the URL `serve` printed)
  SHELL_TOKEN_MISSING: { kind: 'authentication', retry: false },
  // authentication: a saved password, passphrase or key is no longer in the secret store
  SECRET_MISSING: { kind: 'authentication', retry: false },
  // hostKey: SSH host key verification
  SSH_HOST_KEY_UNKNOWN: { kind: 'hostKey', retry: false },
  SSH_HOST_KEY_CHANGED: { kind: 'hostKey', retry: false },
  // daemon: reached something, but the daemon side failed
  REMOTE_SOCKET_NOT_FOUND: { kind: 'daemon', retry: true },
  REMOTE_SOCKET_PERMISSION_DENIED: { kind: 'daemon', retry: false },
  SSH_FORWARDING_REFUSED: { kind: 'daemon', retry: false },
  NOT_A_DOCKER_DAEMON: { kind: 'daemon', retry: false },
  DAEMON_ERROR: { kind: 'daemon', retry: true },
  // daemon: container operations
  CONTAINER_NOT_FOUND: { kind: 'daemon', retry: false },
  CONTAINER_NOT_RUNNING: { kind: 'daemon', retry: false },
  /** The action does not apply in the container's state (already started, stopped, paused, …). */
  CONTAINER_CONFLICT: { kind: 'daemon', retry: false },
  EXEC_COMMAND_NOT_FOUND: { kind: 'daemon', retry: false },
  // daemon: images, volumes, networks
  RESOURCE_NOT_FOUND: { kind: 'daemon', retry: false },
  /** Containers use the image, volume or network; the message names them. */
  RESOURCE_IN_USE: { kind: 'daemon', retry: false },
  // an answer larger than Berth reads from a daemon (see main/core/transports/response-caps.ts)
  RESPONSE_TOO_LARGE: { kind: 'daemon', retry: false },
  /** df on an SSH host's data root failed or printed something unreadable: free space is unknown. */
  FREE_SPACE_UNKNOWN: { kind: 'daemon', retry: false },
  // a message larger than the browser shell sends in one piece (what a daemon sent made it so)
  MESSAGE_TOO_LARGE: { kind: 'daemon', retry: false },
  // timeout
  TIMEOUT: { kind: 'timeout', retry: true },
  // internal: a bug in Berth
  INTERNAL: { kind: 'internal', retry: false },
} as const satisfies Record<string, { kind: ErrorKind; retry: boolean }>;

export type ErrorCode = keyof typeof errorCodes;

/** What crosses process boundaries (IPC, WebSocket, CLI JSON) when something fails. */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
}

export function errorKindOf(code: ErrorCode): ErrorKind {
  return errorCodes[code].kind;
}

/** Whether trying again later, with nothing changed, may succeed. */
export function isRetryable(code: ErrorCode): boolean {
  return errorCodes[code].retry;
}

export function exitStatusOf(code: ErrorCode): number {
  return errorKinds[errorCodes[code].kind];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}
