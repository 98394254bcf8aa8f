import { randomBytes } from 'node:crypto';
import path from 'node:path/posix';
import type { SFTPWrapper } from 'ssh2';
import { formatHostPort } from '../../../../shared/profile.js';
import { BerthError, isBerthError } from '../../errors.js';
import type { KnownHosts } from '../../ssh/known-hosts.js';
import type { PassphraseProvider } from '../../ssh/ssh-auth.js';
import { openSshConnection, type SshConnection } from '../../ssh/ssh-connection.js';
import type { SshHop } from '../../../../shared/profile.js';
import type { RemoteCommandOptions, RemoteCommandResult, RemoteFileInfo, RemoteHost } from './remote-host.js';
import { execOverSsh } from './ssh-exec.js';

/** How to reach the daemon's host: a host profile's SSH transport (or just its hop) and the app's known hosts. */
export interface InstallSshOptions {
  transport: SshHop & { jumpHosts?: readonly SshHop[] | undefined };
  knownHosts: KnownHosts;
  /** Connecting (TCP, handshake, authentication); default 15 s. */
  timeoutMs?: number;
  passphraseFor?: PassphraseProvider;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
/** SFTP requests (stat, read, write) get this long each; a stuck server ends in TIMEOUT. */
const SFTP_REQUEST_TIMEOUT_MS = 30_000;
const MAX_READ_BYTES = 1024 * 1024;
const WRITE_CHUNK = 32 * 1024;

const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

/** Opens one SSH connection to the host; every command and file operation goes over it. */
export async function openSshRemoteHost(options: InstallSshOptions): Promise<RemoteHost> {
  const { transport } = options;
  const connection = await openSshConnection({
    hop: transport,
    ...(transport.jumpHosts && { jumpHosts: transport.jumpHosts }),
    knownHosts: options.knownHosts,
    timeoutMs: options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ...(options.passphraseFor ? { passphraseFor: options.passphraseFor } : {}),
  });
  return new SshRemoteHost(connection, transport.user, `${transport.user}@${formatHostPort(transport.host, transport.port)}`);
}

class SshRemoteHost implements RemoteHost {
  private sftpSession: Promise<SFTPWrapper> | undefined;
  private closed = false;

  constructor(
    private readonly connection: SshConnection,
    readonly user: string,
    readonly target: string,
  ) {
    void connection.closed.then(() => {
      this.closed = true;
    });
  }

  exec(command: string, options: RemoteCommandOptions = {}): Promise<RemoteCommandResult> {
    return execOverSsh(this.connection.client, command, options, (error) => this.channelError(error, 'run a command'));
  }

  async stat(filePath: string): Promise<RemoteFileInfo | undefined> {
    const sftp = await this.sftp();
    try {
      const stats = await this.request<{ mode: number; size: number; isDirectory(): boolean; isFile(): boolean }>(
        'stat',
        filePath,
        (done) => sftp.stat(filePath, done),
      );
      return { mode: stats.mode & 0o7777, isDirectory: stats.isDirectory(), isFile: stats.isFile(), size: stats.size };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async readFile(filePath: string): Promise<string | undefined> {
    const info = await this.stat(filePath);
    if (info === undefined) return undefined;
    if (!info.isFile) throw this.fileError(new Error('not a regular file'), 'read', filePath);
    if (info.size > MAX_READ_BYTES) throw this.fileError(new Error(`larger than ${MAX_READ_BYTES} bytes`), 'read', filePath);
    const sftp = await this.sftp();
    try {
      const data = await this.request<Buffer>('read', filePath, (done) => sftp.readFile(filePath, done));
      return data.toString('utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async writeFileAtomic(filePath: string, data: string, mode: number): Promise<void> {
    const sftp = await this.sftp();
    const temporary = temporaryNameFor(filePath);
    try {
      await this.writeNew(sftp, temporary, Buffer.from(data, 'utf8'), mode, filePath);
      await this.rename(temporary, filePath);
    } catch (error) {
      await this.remove(temporary).catch(() => undefined);
      throw error;
    }
  }

  async mkdirp(directory: string, mode: number): Promise<string[]> {
    const created: string[] = [];
    const parts = path.resolve('/', directory).split('/').filter(Boolean);
    let current = '';
    for (const part of parts) {
      current = `${current}/${part}`;
      const info = await this.stat(current);
      if (info?.isDirectory) continue;
      if (info !== undefined) throw this.fileError(new Error('a file, not a directory, is in the way'), 'create the directory', current);
      const sftp = await this.sftp();
      const dir = current;
      await this.request<void>('create the directory', dir, (done) => sftp.mkdir(dir, { mode }, done));
      // mkdir's mode is subject to the server's umask; set it exactly.
      await this.request<void>('set the mode of', dir, (done) => sftp.chmod(dir, mode, done));
      created.push(dir);
    }
    return created;
  }

  async copy(from: string, to: string): Promise<void> {
    const sftp = await this.sftp();
    try {
      await this.request<void>('link', to, (done) => sftp.ext_openssh_hardlink(from, to, done));
      return;
    } catch (error) {
      if (!isUnsupported(error)) throw error;
    }
    const info = await this.stat(from);
    const text = await this.readFile(from);
    if (info === undefined || text === undefined) throw this.fileError(new Error('no such file'), 'copy', from);
    await this.writeNew(sftp, to, Buffer.from(text, 'utf8'), info.mode, to);
  }

  async rename(from: string, to: string): Promise<void> {
    const sftp = await this.sftp();
    try {
      await this.request<void>('rename', to, (done) => sftp.ext_openssh_rename(from, to, done));
      return;
    } catch (error) {
      if (!isUnsupported(error)) throw error;
    }
    // Plain SFTP rename refuses to replace a file: remove it first (not atomic, but only on servers without posix-rename).
    if ((await this.stat(to)) !== undefined) await this.remove(to);
    await this.request<void>('rename', to, (done) => sftp.rename(from, to, done));
  }

  async remove(filePath: string): Promise<void> {
    const sftp = await this.sftp();
    try {
      await this.request<void>('remove', filePath, (done) => sftp.unlink(filePath, done));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async removeDirectory(directory: string): Promise<void> {
    const sftp = await this.sftp();
    try {
      await this.request<void>('remove the directory', directory, (done) => sftp.rmdir(directory, done));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async dispose(): Promise<void> {
    const session = this.sftpSession;
    this.sftpSession = undefined;
    if (session) {
      await session.then(
        (sftp) => sftp.end(),
        () => undefined,
      );
    }
    await this.connection.dispose();
  }

  /** Creates `filePath` (which must not exist), writes `data`, sets `mode` exactly, and flushes it to disk. */
  private async writeNew(sftp: SFTPWrapper, filePath: string, data: Buffer, mode: number, shownPath: string): Promise<void> {
    const handle = await this.request<Buffer>('write', shownPath, (done) => sftp.open(filePath, 'wx', { mode: 0o600 }, done));
    try {
      for (let offset = 0; offset < data.length; offset += WRITE_CHUNK) {
        const length = Math.min(WRITE_CHUNK, data.length - offset);
        await this.request<void>('write', shownPath, (done) => sftp.write(handle, data, offset, length, offset, (error) => done(error)));
      }
      await this.request<void>('set the mode of', shownPath, (done) => sftp.fchmod(handle, mode, done));
      try {
        await this.request<void>('flush', shownPath, (done) => sftp.ext_openssh_fsync(handle, (error) => done(error)));
      } catch (error) {
        if (!isUnsupported(error)) throw error;
      }
    } finally {
      await this.request<void>('close', shownPath, (done) => sftp.close(handle, done)).catch(() => undefined);
    }
  }

  private sftp(): Promise<SFTPWrapper> {
    if (this.closed) return Promise.reject(this.connectionLost());
    this.sftpSession ??= new Promise<SFTPWrapper>((resolve, reject) => {
      try {
        this.connection.client.sftp((error, sftp) => {
          if (error) {
            reject(
              new BerthError(
                'TLS_INSTALL_REMOTE_FILE_FAILED',
                `${this.target} refused an SFTP session (${error.message}). Berth copies files over SFTP: enable the sftp subsystem in sshd_config (Subsystem sftp internal-sftp) and try again.`,
                { cause: error },
              ),
            );
            return;
          }
          sftp.on('error', () => undefined);
          resolve(sftp);
        });
      } catch (error) {
        reject(this.channelError(error, 'open an SFTP session'));
      }
    });
    const session = this.sftpSession;
    session.catch(() => {
      if (this.sftpSession === session) this.sftpSession = undefined;
    });
    return session;
  }

  /** One SFTP request with a deadline; failures become BerthErrors naming the operation and path. */
  private request<T>(
    operation: string,
    filePath: string,
    start: (done: (error: Error | null | undefined, value?: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(
          new BerthError(
            'TIMEOUT',
            `${this.target} did not answer an SFTP request (${operation} ${filePath}) within ${SFTP_REQUEST_TIMEOUT_MS / 1000} s.`,
          ),
        );
      }, SFTP_REQUEST_TIMEOUT_MS);
      const done = (error: Error | null | undefined, value?: T): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(this.fileError(error, operation, filePath));
        else resolve(value as T);
      };
      try {
        start(done);
      } catch (error) {
        done(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private fileError(error: Error, operation: string, filePath: string): BerthError {
    if (isBerthError(error)) return error;
    const code = (error as { code?: unknown }).code;
    if (code === SFTP_PERMISSION_DENIED) {
      return new BerthError(
        'TLS_INSTALL_PERMISSION_DENIED',
        `${this.user} may not ${operation} ${filePath} on ${this.target} (permission denied). Connect as a user who may change the Docker configuration (usually root), or give ${this.user} write access to ${path.dirname(filePath)}.`,
        { cause: error, detail: { sftpCode: code, path: filePath } },
      );
    }
    if (this.closed || /not connected|no response from server|channel open failure/i.test(error.message)) return this.connectionLost(error);
    const wrapped = new BerthError(
      'TLS_INSTALL_REMOTE_FILE_FAILED',
      `Could not ${operation} ${filePath} on ${this.target}: ${error.message}.`,
      { cause: error, detail: { sftpCode: typeof code === 'number' ? code : undefined, path: filePath } },
    );
    return wrapped;
  }

  private channelError(error: unknown, what: string): BerthError {
    if (isBerthError(error)) return error;
    if (this.closed) return this.connectionLost(error);
    const message = error instanceof Error ? error.message : String(error);
    return new BerthError(
      'TLS_INSTALL_COMMAND_FAILED',
      `Could not ${what} on ${this.target}: ${message}. sshd may limit sessions (MaxSessions) or forbid commands for this key.`,
      { cause: error },
    );
  }

  private connectionLost(cause?: unknown): BerthError {
    return new BerthError(
      'CONNECTION_RESET',
      `The SSH connection to ${this.target} closed in the middle of the install.`,
      cause === undefined ? undefined : { cause },
    );
  }
}

function isMissing(error: unknown): boolean {
  const cause = isBerthError(error) ? error.cause : error;
  return (cause as { code?: unknown } | undefined)?.code === SFTP_NO_SUCH_FILE;
}

function isUnsupported(error: unknown): boolean {
  const cause = isBerthError(error) ? error.cause : error;
  return cause instanceof Error && /does not support this extended request/i.test(cause.message);
}

function temporaryNameFor(filePath: string): string {
  return path.join(path.dirname(filePath), `.${path.basename(filePath)}.berth-tmp-${randomBytes(4).toString('hex')}`);
}
