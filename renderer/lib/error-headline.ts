import { type ErrorCode, type ErrorKind, errorKindOf, isErrorCode } from '../../shared/errors';

/** A plain sentence for a notice's headline when the caller gives none: the code stays beside it, small. */
const byKind: Record<ErrorKind, string> = {
  usage: 'Something in the input needs fixing',
  unreachable: 'The daemon cannot be reached',
  tls: 'The TLS connection failed',
  authentication: 'Signing in failed',
  hostKey: 'The SSH host key needs your attention',
  daemon: 'The daemon side failed',
  timeout: 'No answer in time',
  internal: 'Something went wrong inside Berth',
};

const byCode: Partial<Record<ErrorCode, string>> = {
  SECRET_MISSING: 'A saved secret is missing',
  SHELL_TOKEN_MISSING: 'Open Berth from the link it printed',
  SECRETS_LOCKED: 'Saved secrets are locked',
  TLS_HOSTNAME_MISMATCH: 'The server certificate is for another name',
  TLS_UNTRUSTED_CERTIFICATE: 'The server certificate is not from your CA',
  TLS_CERTIFICATE_EXPIRED: 'A certificate has expired',
  SSH_HOST_KEY_UNKNOWN: 'This SSH host is new to Berth',
  SSH_HOST_KEY_CHANGED: 'The SSH host key has changed',
  CONNECTION_REFUSED: 'Nothing answers at that address',
};

export function errorHeadline(code: string): string {
  if (!isErrorCode(code)) return 'Something went wrong';
  return byCode[code] ?? byKind[errorKindOf(code)];
}
