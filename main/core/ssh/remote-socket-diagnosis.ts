import type { Client as SshClient, SFTPWrapper } from 'ssh2';
import { BerthError } from '../errors.js';
import { singleQuote } from '../shell-quote.js';

/**
 * Why a stream-local forward to the remote Docker socket failed. sshd answers every failure
 * with a bare "open failed" (missing socket, no permission, forwarding disabled alike), so
 * the path is looked at separately: over SFTP first, then, when SFTP is unavailable or
 * cannot tell whether the user may open the socket, with `test` in a remote shell.
 */
export type SocketAccess = 'missing' | 'not-socket' | 'denied' | 'accessible' | 'socket' | 'unknown';

const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

export async function diagnoseRemoteSocket(client: SshClient, path: string, timeoutMs: number): Promise<SocketAccess> {
  const viaSftp = await sftpAccess(client, path, timeoutMs);
  if (viaSftp !== 'socket' && viaSftp !== 'unknown') return viaSftp;
  const viaShell = await shellAccess(client, path, timeoutMs);
  return viaShell === 'unknown' ? viaSftp : viaShell;
}

/** The BerthError for a failed forward, given what the diagnosis found. */
export function remoteSocketError(access: SocketAccess, where: { path: string; host: string; user: string }, cause: Error): BerthError {
  const { path, host, user } = where;
  const options = { cause };
  switch (access) {
    case 'missing':
      return new BerthError(
        'REMOTE_SOCKET_NOT_FOUND',
        `There is no Docker socket at ${path} on ${host}: is dockerd running there, or is the socket elsewhere? Set the remote socket path in the host profile.`,
        options,
      );
    case 'not-socket':
      return new BerthError(
        'REMOTE_SOCKET_NOT_FOUND',
        `${path} on ${host} exists but is not a socket, so no Docker daemon listens there. Set the remote socket path in the host profile.`,
        options,
      );
    case 'denied':
    case 'socket':
      return new BerthError(
        'REMOTE_SOCKET_PERMISSION_DENIED',
        `${user} may not open the Docker socket ${path} on ${host}. Add ${user} to the docker group there (sudo usermod -aG docker ${user}, then reconnect) or use a user who can read the socket.${access === 'socket' ? ` If ${user} can already run docker there, sshd may forbid socket forwarding (AllowStreamLocalForwarding).` : ''}`,
        options,
      );
    case 'accessible':
    case 'unknown':
      return new BerthError(
        'SSH_FORWARDING_REFUSED',
        `sshd on ${host} refused to forward to the Docker socket ${path} (${cause.message}). sshd may have AllowStreamLocalForwarding no (or DisableForwarding, AllowTcpForwarding no, or a restrict option on the key)${access === 'accessible' ? `, or dockerd has stopped and left a stale socket: ${user} can open the path` : ''}.`,
        options,
      );
  }
}

/** stat() over SFTP, bounded in time, always closing the SFTP channel. Never rejects. */
function sftpAccess(client: SshClient, path: string, timeoutMs: number): Promise<SocketAccess> {
  return bounded<SocketAccess>(timeoutMs, 'unknown', (finish, onCleanup) => {
    client.sftp((error, sftp: SFTPWrapper) => {
      if (error) return finish('unknown');
      onCleanup(() => sftp.end());
      sftp.on('error', () => finish('unknown'));
      sftp.stat(path, (statError, stats) => {
        if (!statError) {
          if (!stats.isSocket()) return finish('not-socket');
          // Anyone may connect to a world-writable socket; otherwise it depends on groups.
          return finish((stats.mode & 0o002) !== 0 ? 'accessible' : 'socket');
        }
        const code = (statError as { code?: unknown }).code;
        if (code === SFTP_NO_SUCH_FILE) return finish('missing');
        if (code === SFTP_PERMISSION_DENIED) return finish('denied');
        return finish('unknown');
      });
    });
  });
}

/** `test` in the user's shell: knows group membership, unlike SFTP's mode bits. Never rejects. */
function shellAccess(client: SshClient, path: string, timeoutMs: number): Promise<SocketAccess> {
  const p = singleQuote(path);
  const script = `if [ ! -e ${p} ]; then echo missing; elif [ ! -S ${p} ]; then echo not-socket; elif [ -r ${p} ] && [ -w ${p} ]; then echo accessible; else echo denied; fi`;
  return bounded<SocketAccess>(timeoutMs, 'unknown', (finish, onCleanup) => {
    client.exec(script, (error, stream) => {
      if (error) return finish('unknown');
      onCleanup(() => stream.close());
      let output = '';
      stream.stderr.resume();
      stream.on('data', (chunk: Buffer) => {
        if (output.length < 256) output += chunk.toString('utf8');
      });
      stream.on('error', () => finish('unknown'));
      stream.on('close', () => {
        const answer = output.trim().split('\n').pop();
        const known: readonly SocketAccess[] = ['missing', 'not-socket', 'accessible', 'denied'];
        finish(known.includes(answer as SocketAccess) ? (answer as SocketAccess) : 'unknown');
      });
    });
  });
}

/**
 * Runs `start` with a deadline: resolves with the first `finish` value, or `fallback` at the
 * deadline or when ssh2 throws (connection gone). Cleanups run exactly once either way.
 */
function bounded<T>(
  timeoutMs: number,
  fallback: T,
  start: (finish: (value: T) => void, onCleanup: (cleanup: () => void) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve) => {
    const cleanups: Array<() => void> = [];
    let finished = false;
    const finish = (value: T): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      for (const cleanup of cleanups) {
        try {
          cleanup();
        } catch {
          // already closed
        }
      }
      resolve(value);
    };
    const onCleanup = (cleanup: () => void): void => {
      if (finished) cleanup();
      else cleanups.push(cleanup);
    };
    const timer = setTimeout(() => finish(fallback), timeoutMs);
    try {
      start(finish, onCleanup);
    } catch {
      finish(fallback);
    }
  });
}
