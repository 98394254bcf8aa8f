import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import type { ExecEvent } from '../../../shared/containers.js';
import { BerthError, toEnvelope } from '../errors.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { pause } from './container-access.js';
import { containerError } from './container-errors.js';

export type ExecEventBody = ExecEvent extends infer E ? (E extends { streamId: string } ? Omit<E, 'streamId'> : never) : never;

export interface ExecSessionOptions {
  connection: DockerConnection;
  /**
   * The host's connection now: after the link dropped and came back, ending the process must go
   * through the new one (the daemon keeps an exec running when its client goes away).
   */
  currentConnection?: () => DockerConnection | null;
  container: string;
  command: string[];
  user?: string | undefined;
  workingDir?: string | undefined;
  cols: number;
  rows: number;
  emit(event: ExecEventBody): void;
  /** After a drop, how long ending the process waits for the host to be back (default 30 s). */
  reachWithinMs?: number;
}

/** Marks every process of one terminal (children inherit it), so closing can end them all. */
const sessionVariable = 'BERTH_EXEC_SESSION';
/** How long one exec inspect may take before the host counts as unreachable. */
const inspectDeadlineMs = 3_000;
const notFoundPattern = /executable file not found|no such file or directory|not found in \$PATH/i;

/**
 * A terminal in a container: an exec with a TTY over a hijacked connection (one SSH channel on
 * SSH hosts). Closing it ends the process: stdin is closed, and if the process still runs, a
 * short second exec sends SIGHUP (then SIGKILL) to every process carrying this session's marker
 * variable (the exec's `Pid` is a host pid, meaningless inside the container's pid namespace).
 * Those checks go through the host's current connection, so a terminal whose link dropped still
 * ends its process once the host is back.
 */
export class ExecSession {
  private socket: Duplex | undefined;
  private exec: Dockerode.Exec | undefined;
  private readonly marker = randomBytes(12).toString('hex');
  private closing: Promise<void> | undefined;
  private exited = false;
  private firstOutput = '';
  /** The terminal's link dropped while its process may still run (docker keeps such an exec). */
  private dropped = false;
  execId = '';

  constructor(private readonly options: ExecSessionOptions) {}

  async open(): Promise<void> {
    const { connection, container } = this.options;
    try {
      this.exec = await connection.docker.getContainer(container).exec({
        Cmd: this.options.command,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        Env: [`${sessionVariable}=${this.marker}`, 'TERM=xterm-256color'],
        ...(this.options.user ? { User: this.options.user } : {}),
        ...(this.options.workingDir ? { WorkingDir: this.options.workingDir } : {}),
      });
      this.execId = this.exec.id;
      this.socket = (await this.exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
    } catch (error) {
      throw containerError(error, container, connection.endpoint);
    }
    const socket = this.socket;
    socket.on('data', (chunk: Buffer) => {
      if (this.firstOutput.length < 4096) this.firstOutput += chunk.toString('utf8', 0, Math.min(chunk.length, 4096));
      this.options.emit({ type: 'output', data: chunk.toString('base64') });
    });
    socket.on('error', () => undefined);
    // The end of the output is the end of the terminal: an SSH channel whose connection died
    // ends without ever emitting 'close'.
    socket.on('end', () => void this.onExit());
    socket.on('close', () => void this.onExit());
    await this.resize(this.options.cols, this.options.rows).catch(() => undefined);
  }

  write(data: string): void {
    if (!this.socket || this.exited || this.closing) throw new BerthError('STREAM_NOT_FOUND', 'The terminal has ended; open a new one.');
    this.socket.write(data);
  }

  async resize(cols: number, rows: number): Promise<void> {
    if (!this.exec || this.exited) return;
    try {
      await this.exec.resize({ w: cols, h: rows });
    } catch (error) {
      // A process that just exited cannot be resized: not worth an error.
      if (!this.exited) throw containerError(error, this.options.container, this.options.connection.endpoint);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.endProcess();
    return this.closing;
  }

  private async onExit(): Promise<void> {
    if (this.exited) return;
    this.exited = true;
    if (this.closing) return;
    let exitCode: number | null = null;
    try {
      // The daemon may close the stream a moment before it marks the exec as finished.
      let info = await this.inspectNow();
      for (let i = 0; i < 10 && info.Running === true; i += 1) {
        await pause(100, new AbortController().signal);
        info = await this.inspectNow();
      }
      exitCode = typeof info.ExitCode === 'number' ? info.ExitCode : null;
      this.dropped = info.Running === true;
    } catch {
      // The host is gone: the process may live on, out of the terminal's reach.
      this.dropped = true;
    }
    if (this.dropped) {
      this.options.emit({
        type: 'exit',
        exitCode: null,
        error: {
          code: 'CONNECTION_RESET',
          message: `The connection to the host dropped, so this terminal ended; Berth ends its process in "${this.options.container}" once the host is back. Connect to start another.`,
        },
      });
      void this.close();
      return;
    }
    if ((exitCode === 126 || exitCode === 127) && notFoundPattern.test(this.firstOutput)) {
      this.options.emit({
        type: 'exit',
        exitCode,
        error: {
          code: 'EXEC_COMMAND_NOT_FOUND',
          message: `"${this.options.command[0]}" does not exist in container "${this.options.container}". Pick another shell (sh is in most images) or a command the image has.`,
        },
      });
    } else this.options.emit({ type: 'exit', exitCode });
  }

  private async endProcess(): Promise<void> {
    const socket = this.socket;
    // Ctrl-D ends a shell waiting at its prompt at once; anything else is signalled below.
    if (!this.exited) socket?.write('\u0004');
    socket?.end();
    try {
      for (const signal of ['HUP', 'KILL'] as const) {
        if (!(await this.running())) break;
        await this.signalSession(signal);
        for (let i = 0; i < 20 && (await this.running()); i += 1) await pause(50, new AbortController().signal);
      }
    } catch (error) {
      this.options.emit({ type: 'exit', exitCode: null, error: toEnvelope(error) });
    } finally {
      socket?.destroy();
      this.exited = true;
    }
  }

  /** The connection to end the process through: the host's current one (null while it is down). */
  private liveConnection(): DockerConnection | null {
    return this.options.currentConnection ? this.options.currentConnection() : this.options.connection;
  }

  /**
   * `/exec/{id}/json` through the host's current connection, bounded: over an SSH connection
   * that just died a request may never be answered, and nothing else would end the wait.
   */
  private async inspectNow(): Promise<{ Running?: boolean; ExitCode?: number | null }> {
    const connection = this.liveConnection();
    if (!connection) throw new BerthError('HOST_NOT_CONNECTED', 'The host is not connected.');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BerthError('TIMEOUT', 'The daemon did not answer about the exec.')), inspectDeadlineMs);
    });
    try {
      return await Promise.race([connection.docker.getExec(this.execId).inspect(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether the process still runs. After a drop, asks again while the host is unreachable, for a bounded time. */
  private async running(): Promise<boolean> {
    if (!this.exec) return false;
    const deadline = Date.now() + (this.dropped ? (this.options.reachWithinMs ?? 30_000) : 0);
    for (let wait = 250; ; wait = Math.min(wait * 2, 4_000)) {
      try {
        if (this.liveConnection()) return (await this.inspectNow()).Running === true;
      } catch (error) {
        // No such exec: the daemon restarted (it keeps no exec across restarts) or removed it.
        if ((error as { statusCode?: unknown }).statusCode === 404) return false;
      }
      if (Date.now() >= deadline) return false;
      await pause(wait, new AbortController().signal);
    }
  }

  /** Runs `kill -SIGNAL` inside the container on every process carrying this session's marker. */
  private async signalSession(signal: 'HUP' | 'KILL'): Promise<void> {
    const script = `for p in /proc/[0-9]*; do if tr '\\0' '\\n' < "$p/environ" 2>/dev/null | grep -qx '${sessionVariable}=${this.marker}'; then kill -${signal} "\${p#/proc/}" 2>/dev/null; fi; done; true`;
    const connection = this.liveConnection();
    if (!connection) throw new BerthError('HOST_NOT_CONNECTED', "The host is not connected; the terminal's process could not be ended.");
    const killer = await connection.docker
      .getContainer(this.options.container)
      .exec({ Cmd: ['sh', '-c', script], User: '0', AttachStdout: false, AttachStderr: false });
    // dockerode hands back the start response as a stream even when detached: read it to its
    // end, or its socket stays in use in the stream agent for good (one per terminal closed).
    const started: unknown = await killer.start({ Detach: true });
    (started as { resume?: () => void } | null)?.resume?.();
    for (let i = 0; i < 40; i += 1) {
      if ((await killer.inspect()).Running !== true) return;
      await pause(50, new AbortController().signal);
    }
  }
}
