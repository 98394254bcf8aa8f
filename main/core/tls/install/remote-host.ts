import { BerthError } from '../../errors.js';
import { singleQuote } from '../../shell-quote.js';

/**
 * What the installer needs from the daemon's host: run a command, and read and write files.
 * ssh-remote-host.ts implements it over one SSH connection (exec channels and one SFTP
 * session); tests use an in-memory fake.
 */

export interface RemoteCommandResult {
  command: string;
  /** Null when the command ended by a signal, or was abandoned at its deadline. */
  exitCode: number | null;
  signal: string | undefined;
  /** The tail of each stream (at most ~64 KiB each). */
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RemoteCommandOptions {
  /** Abandons the command (closing its channel) and rejects with TLS_INSTALL_CANCELLED. */
  signal?: AbortSignal;
  /** Abandons the command after this long and resolves with `timedOut`. */
  timeoutMs?: number;
  /** Output as it arrives, stdout and stderr interleaved. */
  onOutput?: (text: string) => void;
}

export interface RemoteFileInfo {
  /** Permission bits (mode & 0o7777). */
  mode: number;
  isDirectory: boolean;
  isFile: boolean;
  size: number;
}

export interface RemoteHost {
  /** user@host:port, for messages. */
  readonly target: string;
  /** The SSH user, for messages. */
  readonly user: string;
  exec(command: string, options?: RemoteCommandOptions): Promise<RemoteCommandResult>;
  /** Follows symlinks; undefined when nothing is there. */
  stat(path: string): Promise<RemoteFileInfo | undefined>;
  /** UTF-8 text; undefined when the file does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Writes a temporary file beside `path`, sets `mode`, then renames it over `path`. */
  writeFileAtomic(path: string, data: string, mode: number): Promise<void>;
  /** mkdir -p; returns the directories it created, outermost first. */
  mkdirp(path: string, mode: number): Promise<string[]>;
  /** Makes `to` (which must not exist) hold what `from` holds now, with its mode: a hard link where the server allows one, else a copy. */
  copy(from: string, to: string): Promise<void>;
  /** Renames, replacing `to` if it exists. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; nothing there is fine. */
  remove(path: string): Promise<void>;
  /** Removes an empty directory; nothing there is fine. */
  removeDirectory(path: string): Promise<void>;
  dispose(): Promise<void>;
}

/** Runs `script` with sh, whatever the user's login shell is. */
export function shCommand(script: string): string {
  return `sh -c ${singleQuote(script)}`;
}

export function cancelledError(): BerthError {
  return new BerthError('TLS_INSTALL_CANCELLED', 'The install was cancelled.');
}
