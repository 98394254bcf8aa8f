// Test support only: an in-memory RemoteHost with scripted commands (not a test file itself).
import path from 'node:path/posix';
import { BerthError } from '../main/core/errors.js';
import type { RemoteCommandOptions, RemoteCommandResult, RemoteFileInfo, RemoteHost } from '../main/core/tls/install/remote-host.js';

export interface FakeFile {
  content: string;
  mode: number;
}

export interface FakeCommandAnswer {
  exitCode?: number;
  stdout?: string;
  stderr?: string;
  /** Never answers; only the signal or the timeout ends it. */
  hang?: boolean;
}

export interface FakeHostOptions {
  user?: string;
  uid?: number;
  systemd?: boolean;
  dockerd?: string;
  /** `systemctl cat docker.service` output; undefined: no such unit. */
  dockerUnit?: string;
  /** Directories the user may not write to (and everything below them). */
  readOnly?: string[];
  /** Answers to other commands, by exact command or by a test on it. */
  commands?: Array<[string | RegExp, FakeCommandAnswer | ((command: string) => FakeCommandAnswer)]>;
  /** No hardlink@openssh.com: copies instead. */
  noHardLinks?: boolean;
}

export class FakeRemoteHost implements RemoteHost {
  readonly user: string;
  readonly target: string;
  readonly files = new Map<string, FakeFile>();
  readonly directories = new Set<string>(['/']);
  /** Every command run, in order. */
  readonly commands: string[] = [];
  disposed = 0;

  constructor(private readonly options: FakeHostOptions = {}) {
    this.user = options.user ?? 'admin';
    this.target = `${this.user}@203.0.113.5:22`;
  }

  /** Adds a file and its parent directories. */
  put(filePath: string, content: string, mode = 0o644): void {
    this.addDirectory(path.dirname(filePath));
    this.files.set(filePath, { content, mode });
  }

  addDirectory(directory: string): void {
    let current = '';
    for (const part of directory.split('/').filter(Boolean)) {
      current = `${current}/${part}`;
      this.directories.add(current);
    }
  }

  /** Files and directories, for "nothing changed" comparisons. */
  snapshot(): { files: Record<string, FakeFile>; directories: string[] } {
    return {
      files: Object.fromEntries([...this.files].map(([key, file]) => [key, { ...file }])),
      directories: [...this.directories].sort(),
    };
  }

  async exec(command: string, options: RemoteCommandOptions = {}): Promise<RemoteCommandResult> {
    this.commands.push(command);
    if (options.signal?.aborted) throw new BerthError('TLS_INSTALL_CANCELLED', 'The install was cancelled.');
    const answer = this.answer(command);
    if (answer.hang) {
      return new Promise<RemoteCommandResult>((resolve, reject) => {
        const timer =
          options.timeoutMs === undefined
            ? undefined
            : setTimeout(
                () => resolve({ command, exitCode: null, signal: undefined, stdout: '', stderr: '', timedOut: true }),
                options.timeoutMs,
              );
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new BerthError('TLS_INSTALL_CANCELLED', 'The install was cancelled.'));
        });
      });
    }
    if (answer.stdout) options.onOutput?.(answer.stdout);
    if (answer.stderr) options.onOutput?.(answer.stderr);
    return {
      command,
      exitCode: answer.exitCode ?? 0,
      signal: undefined,
      stdout: answer.stdout ?? '',
      stderr: answer.stderr ?? '',
      timedOut: false,
    };
  }

  private answer(command: string): FakeCommandAnswer {
    for (const [match, answer] of this.options.commands ?? []) {
      if (typeof match === 'string' ? match === command : match.test(command))
        return typeof answer === 'function' ? answer(command) : answer;
    }
    if (command.includes('user=%s')) return { stdout: this.facts(command) };
    if (command.includes('systemctl cat docker.service')) {
      return this.options.dockerUnit === undefined
        ? { exitCode: 1, stdout: 'No files found for docker.service.\n' }
        : { stdout: this.options.dockerUnit };
    }
    return { exitCode: 127, stderr: `sh: 1: ${command.split(' ')[0]}: not found\n` };
  }

  /** What the preflight script prints, computed from the fake file system. */
  private facts(command: string): string {
    const lines = [
      `user=${this.user}`,
      `uid=${this.options.uid ?? 0}`,
      `systemd=${this.options.systemd ? 'yes' : 'no'}`,
      `dockerd=${this.options.dockerd ?? '/usr/bin/dockerd'}`,
    ];
    const script = command.startsWith("sh -c '") ? command.slice(7, -1).replace(/'\\''/g, "'") : command;
    for (const match of script.matchAll(/e='([^']*)'; while/g)) {
      let existing = match[1] ?? '/';
      while (!this.directories.has(existing) && !this.files.has(existing)) existing = path.dirname(existing);
      const index = lines.length - 4;
      lines.push(`w${index}=${this.writable(existing) ? 'ok' : 'denied'} ${existing}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private writable(target: string): boolean {
    return !(this.options.readOnly ?? []).some((dir) => target === dir || target.startsWith(`${dir}/`));
  }

  private checkWritable(target: string): void {
    if (!this.writable(path.dirname(target))) {
      throw new BerthError('TLS_INSTALL_PERMISSION_DENIED', `${this.user} may not write ${target} (permission denied).`);
    }
  }

  async stat(filePath: string): Promise<RemoteFileInfo | undefined> {
    if (this.directories.has(filePath)) return { mode: 0o755, isDirectory: true, isFile: false, size: 0 };
    const file = this.files.get(filePath);
    return file && { mode: file.mode, isDirectory: false, isFile: true, size: Buffer.byteLength(file.content) };
  }

  async readFile(filePath: string): Promise<string | undefined> {
    return this.files.get(filePath)?.content;
  }

  async writeFileAtomic(filePath: string, data: string, mode: number): Promise<void> {
    this.checkWritable(filePath);
    if (!this.directories.has(path.dirname(filePath)))
      throw new BerthError('TLS_INSTALL_REMOTE_FILE_FAILED', `no directory for ${filePath}`);
    this.files.set(filePath, { content: data, mode });
  }

  async mkdirp(directory: string, _mode: number): Promise<string[]> {
    const created: string[] = [];
    let current = '';
    for (const part of directory.split('/').filter(Boolean)) {
      current = `${current}/${part}`;
      if (this.directories.has(current)) continue;
      this.checkWritable(current);
      this.directories.add(current);
      created.push(current);
    }
    return created;
  }

  async copy(from: string, to: string): Promise<void> {
    const file = this.files.get(from);
    if (!file) throw new BerthError('TLS_INSTALL_REMOTE_FILE_FAILED', `no such file ${from}`);
    if (this.files.has(to)) throw new BerthError('TLS_INSTALL_REMOTE_FILE_FAILED', `${to} exists`);
    this.checkWritable(to);
    this.files.set(to, { ...file });
  }

  async rename(from: string, to: string): Promise<void> {
    const file = this.files.get(from);
    if (!file) throw new BerthError('TLS_INSTALL_REMOTE_FILE_FAILED', `no such file ${from}`);
    this.files.delete(from);
    this.files.set(to, file);
  }

  async remove(filePath: string): Promise<void> {
    this.files.delete(filePath);
  }

  async removeDirectory(directory: string): Promise<void> {
    const busy = [...this.files.keys(), ...this.directories].some((entry) => entry.startsWith(`${directory}/`));
    if (busy) throw new BerthError('TLS_INSTALL_REMOTE_FILE_FAILED', `${directory} is not empty`);
    this.directories.delete(directory);
  }

  async dispose(): Promise<void> {
    this.disposed++;
  }
}
