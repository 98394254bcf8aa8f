import type { SshAuth } from '../../../shared/profile.js';
import { formatHostPort } from '../../../shared/profile.js';
import { BerthError, systemErrorCode } from '../errors.js';

/** What an SSH error message needs to know about the hop it happened on. Never secrets. */
export interface SshTarget {
  host: string;
  port: number;
  user: string;
  auth: SshAuth['method'];
  /** The key file for key auth, the agent socket for agent auth. */
  credentialPath?: string;
  /** Set when the hop is reached through a jump host: `user@jump:port`. */
  via?: string;
  /** Which step the connection had reached when it failed. */
  phase: SshPhase;
}

/** tcp: connecting; handshake: key exchange and host key; auth: user authentication; ready: connected. */
export type SshPhase = 'tcp' | 'handshake' | 'auth' | 'ready';

export function describeTarget(target: Pick<SshTarget, 'host' | 'port' | 'user'>): string {
  return `${target.user}@${formatHostPort(target.host, target.port)}`;
}

function where(target: SshTarget): string {
  const address = formatHostPort(target.host, target.port);
  return target.via === undefined ? address : `${address} (through the jump host ${target.via})`;
}

/** The fields ssh2 puts on its errors: `level` (client-socket, client-timeout, …) and `code`. */
function levelOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'level' in error) {
    const level = (error as { level: unknown }).level;
    return typeof level === 'string' ? level : undefined;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function sshTimeoutError(target: SshTarget, timeoutMs: number, cause?: unknown): BerthError {
  const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
  const address = where(target);
  const message = {
    tcp: `No TCP connection to ${address} within ${seconds}: the host may be down, or a firewall drops the packets. Check the address and port.`,
    handshake: `${address} accepted the connection but completed no SSH handshake within ${seconds}. Is an SSH server (sshd) listening on that port?`,
    auth: `${address} did not finish authenticating ${target.user} within ${seconds}. The server or the ssh-agent may be stuck; try again.`,
    ready: `The SSH connection to ${address} stopped answering within ${seconds}.`,
  }[target.phase];
  return new BerthError('TIMEOUT', message, cause === undefined ? undefined : { cause });
}

function authFailedMessage(target: SshTarget): string {
  const who = `${describeTarget(target)}${target.via === undefined ? '' : ` (through ${target.via})`}`;
  switch (target.auth) {
    case 'key':
      return `The server at ${who} rejected the key ${target.credentialPath ?? ''}. Add its public key (.pub) to ~${target.user}/.ssh/authorized_keys on that host, or choose another key or user.`;
    case 'agent':
      return `The server at ${who} accepted none of the keys in the ssh-agent${target.credentialPath === undefined ? '' : ` at ${target.credentialPath}`}. Load the right key with ssh-add (ssh-add -l lists what the agent holds) and check ~${target.user}/.ssh/authorized_keys on that host.`;
    case 'password':
      return `The server at ${who} rejected the password for ${target.user}, or does not allow password logins (PasswordAuthentication no). Check the password or use a key.`;
  }
}

/** Maps any error ssh2 or the socket under it emits to a BerthError with advice. */
export function mapSshError(error: unknown, target: SshTarget, timeoutMs: number): BerthError {
  if (error instanceof BerthError) return error;
  const options = { cause: error };
  const address = where(target);
  const level = levelOf(error);
  const message = messageOf(error);
  const code = systemErrorCode(error);

  if (level === 'client-timeout') {
    if (/keepalive/i.test(message)) {
      return new BerthError(
        'CONNECTION_RESET',
        `The SSH connection to ${address} stopped answering keep-alives and was closed. Berth will reconnect.`,
        options,
      );
    }
    return sshTimeoutError(target, timeoutMs, error);
  }
  if (level === 'client-authentication') return new BerthError('SSH_AUTH_FAILED', authFailedMessage(target), options);
  if (level === 'agent') {
    return new BerthError(
      'SSH_AGENT_UNAVAILABLE',
      `The ssh-agent${target.credentialPath === undefined ? '' : ` at ${target.credentialPath}`} did not answer (${message}). Is ssh-agent running, and is SSH_AUTH_SOCK right?`,
      options,
    );
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new BerthError(
        'CONNECTION_REFUSED',
        `Nothing accepts connections on ${address} (connection refused). Is sshd running there, and is the port right?`,
        options,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new BerthError(
        'HOST_NOT_FOUND',
        `The host name ${target.host} could not be resolved. Check its spelling or your DNS.`,
        options,
      );
    case 'ETIMEDOUT':
      return sshTimeoutError(target, timeoutMs, error);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new BerthError(
        'CONNECTION_REFUSED',
        `There is no route to ${address} (${code}). Check the address and your network.`,
        options,
      );
    case 'ECONNRESET':
    case 'EPIPE':
      return new BerthError(
        'CONNECTION_RESET',
        `${address} reset the SSH connection${target.phase === 'ready' ? '' : ' before it was ready'}. The server may limit connections (MaxStartups) or block your address.`,
        options,
      );
  }
  if (/connection lost before handshake|bad identification|protocol mismatch|unsupported protocol version/i.test(message)) {
    return new BerthError(
      'CONNECTION_RESET',
      `${address} closed the connection without an SSH greeting (${message}). Is this port an SSH server?`,
      options,
    );
  }
  if (level === 'handshake' || /handshake failed|no matching/i.test(message)) {
    return new BerthError(
      'CONNECTION_RESET',
      `The SSH handshake with ${address} failed: ${message}. The server offers no key exchange, cipher or host key algorithm Berth supports.`,
      options,
    );
  }
  // A DISCONNECT from the server: ssh2 puts the numeric reason in `code`.
  const disconnectReason = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof disconnectReason === 'number' || /disconnect/i.test(message)) {
    if (target.phase === 'auth' || /authentication/i.test(message))
      return new BerthError('SSH_AUTH_FAILED', `${authFailedMessage(target)} (server said: ${message})`, options);
    return new BerthError('CONNECTION_RESET', `${address} ended the SSH session: ${message}.`, options);
  }
  if (target.phase === 'ready') return new BerthError('CONNECTION_RESET', `The SSH connection to ${address} failed: ${message}.`, options);
  return new BerthError('CONNECTION_RESET', `Could not open an SSH connection to ${address}: ${message}.`, options);
}

/** A channel-open failure on a jump host (`forwardOut`) towards the next hop. */
export function mapJumpForwardError(error: unknown, target: SshTarget): BerthError {
  const message = messageOf(error);
  const address = formatHostPort(target.host, target.port);
  const options = { cause: error };
  if (/no response from server|not connected/i.test(message)) {
    return new BerthError(
      'CONNECTION_RESET',
      `The jump host ${target.via ?? ''} closed the connection before it reached ${address}.`,
      options,
    );
  }
  if (/prohibited/i.test(message)) {
    return new BerthError(
      'SSH_FORWARDING_REFUSED',
      `The jump host ${target.via ?? ''} refuses to forward connections (AllowTcpForwarding no in its sshd_config, or a restriction on the key). Allow TCP forwarding there or connect without the jump host.`,
      options,
    );
  }
  if (/refused/i.test(message)) {
    return new BerthError(
      'CONNECTION_REFUSED',
      `The jump host ${target.via ?? ''} reached ${address}, but nothing accepts connections there (connection refused). Is sshd running on that host and port?`,
      options,
    );
  }
  if (/resolve|name or service|not known|no address/i.test(message)) {
    return new BerthError(
      'HOST_NOT_FOUND',
      `The jump host ${target.via ?? ''} cannot resolve ${target.host}. Use a name or address the jump host knows.`,
      options,
    );
  }
  return new BerthError(
    'CONNECTION_REFUSED',
    `The jump host ${target.via ?? ''} could not open a connection to ${address}: ${message}.`,
    options,
  );
}
