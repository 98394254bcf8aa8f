import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import type { WireServerMessage } from '../../shared/contract.js';
import { ConfProfileStore } from '../../main/core/store/conf-profile-store.js';
import type { StoredProfile } from '../../main/core/store/profile-store.js';

const cliEntry = path.resolve('out', 'main', 'cli-entry.js');
const probe = fileURLToPath(new URL('./shell-probe.mjs', import.meta.url));

export interface ProbeCpu {
  cpuMicros: number;
  wallMs: number;
}
export interface ProbeMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  gc: boolean;
}

/** What the renderer side saw of the start, in ms from spawning the process. */
export interface StartObservation {
  urlMs: number;
  /** Every host ready or failed. */
  statusKnownMs: number | undefined;
  ready: number;
  failed: number;
  /** Hosts that went through `reconnecting` (a read over the deadline, a refused connection) before being known. */
  retried: number;
  /** Every host's snapshot holds its disk usage. */
  snapshotsCompleteMs: number | undefined;
  complete: number;
  pushes: number;
  pushBytes: number;
}

/**
 * The built browser shell (`node out/main/cli-entry.js serve`) in its own process, with a data
 * dir holding `profiles`, and the probe (shell-probe.mjs) loaded into it. The start is watched
 * through the shell's WebSocket as the renderer sees it: `host:status`, `host:snapshot` and
 * `host:disk-usage` pushes.
 */
export class ShellProcess {
  private readonly answers: Array<(value: Record<string, unknown>) => void> = [];
  private readonly statuses = new Map<string, string>();
  private readonly completeHosts = new Set<string>();
  private readonly retriedHosts = new Set<string>();
  private socket: WebSocket | undefined;
  private readonly observation: StartObservation = {
    urlMs: 0,
    statusKnownMs: undefined,
    ready: 0,
    failed: 0,
    retried: 0,
    snapshotsCompleteMs: undefined,
    complete: 0,
    pushes: 0,
    pushBytes: 0,
  };
  private progress: () => void = () => undefined;

  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, null>,
    private readonly dataDir: string,
    private readonly hostIds: readonly string[],
    private readonly startedAt: number,
  ) {}

  /** `profiles` as saved: without secrets (the bench's tcp hosts have none). */
  static async start(profiles: readonly StoredProfile[], options: { cpuProfile?: string } = {}): Promise<ShellProcess> {
    if (!existsSync(cliEntry)) throw new Error('The CLI is not built: run `npm run build` before this benchmark.');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berth-fleet-bench-'));
    const store = new ConfProfileStore({ cwd: dataDir });
    for (const profile of profiles) await store.save(profile);
    const env = { ...process.env, ...(options.cpuProfile && { BERTH_BENCH_CPU_PROFILE: options.cpuProfile }) };
    const startedAt = performance.now();
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', probe, cliEntry, 'serve', '--port', '0', '--data-dir', dataDir, '--no-user-known-hosts'],
      { stdio: ['pipe', 'pipe', 'inherit'], env },
    );
    const shell = new ShellProcess(
      child,
      dataDir,
      profiles.map((profile) => profile.id),
      startedAt,
    );
    const url = await shell.readOutput();
    shell.observation.urlMs = performance.now() - startedAt;
    await shell.watch(url);
    return shell;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** What has been seen so far. */
  observed(): StartObservation {
    return { ...this.observation };
  }

  /** Resolves when `done` holds for what was seen (checked after every push), or after `timeoutMs`. */
  async until(done: (seen: StartObservation) => boolean, timeoutMs: number): Promise<StartObservation> {
    const deadline = performance.now() + timeoutMs;
    while (!done(this.observation) && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - performance.now()));
        this.progress = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.progress = () => undefined;
    return this.observed();
  }

  cpu(): Promise<ProbeCpu> {
    return this.ask<ProbeCpu>('cpu');
  }

  memory(): Promise<ProbeMemory> {
    return this.ask<ProbeMemory>('memory');
  }

  async writeProfile(): Promise<void> {
    const answer = await this.ask<{ error?: string }>('profile');
    if (answer.error) throw new Error(String(answer.error));
  }

  /** A new CPU profile from now on, written by the next `writeProfile` (to the same file). */
  async profileAgain(): Promise<void> {
    const answer = await this.ask<{ error?: string }>('profile-again');
    if (answer.error) throw new Error(answer.error);
  }

  async stop(): Promise<void> {
    this.socket?.terminate();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      this.child.stdin.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private ask<T>(command: string): Promise<T> {
    return new Promise((resolve) => {
      this.answers.push((value) => resolve(value as T));
      this.child.stdin.write(`${command}\n`);
    });
  }

  /** Until the serving line; afterwards probe answers go to whoever asked. */
  private readOutput(): Promise<string> {
    return new Promise((resolve, reject) => {
      const lines = readline.createInterface({ input: this.child.stdout });
      this.child.once('exit', (code) => reject(new Error(`berth serve exited with ${code} before serving`)));
      lines.on('line', (line) => {
        const serving = /^Berth is serving on (\S+)/.exec(line);
        if (serving) resolve(serving[1]!);
        else if (line.startsWith('BERTH-PROBE ')) this.answers.shift()?.(JSON.parse(line.slice('BERTH-PROBE '.length)));
      });
    });
  }

  private async watch(url: string): Promise<void> {
    const { origin, hash } = new URL(url);
    const token = new URLSearchParams(hash.slice(1)).get('token') ?? '';
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/ws`, ['berth', `berth-token.${token}`], { origin });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.on('message', (data: Buffer) => this.received(data));
    socket.send(JSON.stringify({ type: 'ready' }));
  }

  private received(data: Buffer): void {
    this.observation.pushes += 1;
    this.observation.pushBytes += data.length;
    const message = JSON.parse(data.toString('utf8')) as WireServerMessage;
    if (message.type !== 'push') return;
    const at = performance.now() - this.startedAt;
    if (message.channel === 'host:status') {
      this.statuses.set(message.payload.hostId, message.payload.status.state);
      if (message.payload.status.state === 'reconnecting') this.retriedHosts.add(message.payload.hostId);
      this.observation.retried = this.retriedHosts.size;
      const states = this.hostIds.map((id) => this.statuses.get(id));
      this.observation.ready = states.filter((state) => state === 'ready').length;
      this.observation.failed = states.filter((state) => state === 'failed').length;
      if (this.observation.statusKnownMs === undefined && this.observation.ready + this.observation.failed === this.hostIds.length) {
        this.observation.statusKnownMs = at;
      }
    } else if (message.channel === 'host:snapshot' && message.payload.snapshot.diskUsage !== null) {
      this.completeHosts.add(message.payload.hostId);
    } else if (message.channel === 'host:disk-usage' && message.payload.diskUsage !== null) {
      this.completeHosts.add(message.payload.hostId);
    }
    this.observation.complete = this.completeHosts.size;
    if (this.observation.snapshotsCompleteMs === undefined && this.completeHosts.size === this.hostIds.length) {
      this.observation.snapshotsCompleteMs = at;
    }
    this.progress();
  }
}
