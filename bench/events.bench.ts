import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import http from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Dockerode from 'dockerode';
import { loadLabManifest } from '../e2e/lab/manifest.js';
import { emptyKnownHosts } from '../e2e/support/lab-hosts.js';
import { ConnectionManager } from '../main/core/connection-manager.js';
import { readContainers } from '../shared/docker/containers.js';
import { type DockerConnection, openDockerConnection } from '../main/core/transports/docker-connection.js';
import { ms } from './stats.js';

export interface EventBurstResult {
  events: number;
  containers: number;
  worstLoopDelayMs: number;
  p99LoopDelayMs: number;
  settleMs: number;
  listRequests: number;
  peakListsInFlight: number;
  matchesDaemon: boolean;
}

export interface PlainReadsResult {
  requests: number;
  /** Milliseconds for the requests one after another, and all at once. */
  berth: { sequentialMs: number; concurrentMs: number };
  dockerode: { sequentialMs: number; concurrentMs: number };
  /** "All at once" for this one is capped (UNPATCHED_AT_ONCE): 400 took minutes and could crash the run. */
  dockerodeDebugFormatting: { sequentialMs: number; concurrentMs: number; concurrent: number };
}

const UNPATCHED_AT_ONCE = 100;

/** A fake daemon in its own process (bench/fake-daemon-process.ts), driven over stdin/stdout. */
class FakeDaemonProcess {
  private readonly lines: AsyncIterator<string>;

  private constructor(private readonly child: ChildProcessByStdio<Writable, Readable, null>) {
    this.lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static async start(listDelayMs: number): Promise<{ daemon: FakeDaemonProcess; port: number }> {
    const script = fileURLToPath(new URL('./fake-daemon-process.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, String(listDelayMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const daemon = new FakeDaemonProcess(child);
    const { port } = (await daemon.next()) as { port: number };
    return { daemon, port };
  }

  async ask(command: string): Promise<Record<string, unknown>> {
    this.child.stdin.write(`${command}\n`);
    return this.next();
  }

  stop(): void {
    this.child.stdin.end();
  }

  private async next(): Promise<Record<string, unknown>> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error('the fake daemon process ended');
    return JSON.parse(value) as Record<string, unknown>;
  }
}

/**
 * A burst of distinct container events (a large `docker compose up`) from a fake daemon in
 * another process: the main loop's worst delay while Berth follows it, how many container
 * reads it caused, and whether Berth ends with the daemon's own list.
 */
export async function benchEventBurst(options: { events: number }): Promise<EventBurstResult> {
  const { daemon, port } = await FakeDaemonProcess.start(1);
  const hosts = new ConnectionManager({ knownHosts: emptyKnownHosts() });
  try {
    const hostId = 'burst';
    await hosts.upsertHost({ id: hostId, name: 'burst', tags: [], transport: { type: 'tcp', host: '127.0.0.1', port } });
    await hosts.waitFor(hostId, ['ready'], 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the /events stream is open
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    const { containerListsBefore } = (await daemon.ask(`burst ${options.events}`)) as { containerListsBefore: number };
    while ((hosts.snapshot(hostId)?.containers.length ?? 0) < options.events) await new Promise((resolve) => setTimeout(resolve, 5));
    const settleMs = performance.now() - started;
    delay.disable();
    const stats = (await daemon.ask('stats')) as { containerLists: number; peakListsInFlight: number; list: string };
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const expected = readContainers(JSON.parse(stats.list)).sort(byId);
    const actual = [...(hosts.snapshot(hostId)?.containers ?? [])].sort(byId);
    return {
      events: options.events * 2,
      containers: options.events,
      worstLoopDelayMs: delay.max / 1e6,
      p99LoopDelayMs: delay.percentile(99) / 1e6,
      settleMs,
      listRequests: stats.containerLists - containerListsBefore,
      peakListsInFlight: stats.peakListsInFlight,
      matchesDaemon: JSON.stringify(actual) === JSON.stringify(expected),
    };
  } finally {
    await hosts.dispose();
    daemon.stop();
  }
}

/** docker-modem's own `debug` instance: turning it on makes every request format its options again. */
const modemDebug = createRequire(import.meta.resolve('docker-modem'))('debug') as {
  enable(namespaces: string): void;
  disable(): string;
  log: (...args: unknown[]) => void;
};

async function timePlainReads(
  count: number,
  makeReader: () => { read: () => Promise<unknown>; close: () => Promise<void> | void },
  atOnce = count,
): Promise<{ sequentialMs: number; concurrentMs: number }> {
  // A fresh connection (agent) for each way, so neither inherits the other's sockets.
  const timed = async (run: (read: () => Promise<unknown>) => Promise<unknown>): Promise<number> => {
    const reader = makeReader();
    try {
      for (let i = 0; i < 5; i += 1) await reader.read();
      const started = performance.now();
      await run(reader.read);
      return performance.now() - started;
    } finally {
      await reader.close();
    }
  };
  return {
    sequentialMs: await timed(async (read) => {
      for (let i = 0; i < count; i += 1) await read();
    }),
    concurrentMs: await timed((read) => Promise.all(Array.from({ length: atOnce }, read))),
  };
}

/**
 * `GET /containers/json?all=1` against the lab's tcp daemon: Berth's bounded reader, dockerode's
 * modem as patched, and dockerode's modem formatting each request's options the way it did for
 * every request before the patch (its debug output on, written nowhere).
 */
export async function benchPlainReads(options: { requests: number }): Promise<PlainReadsResult> {
  const lab = loadLabManifest();
  const transport = lab.daemons.tcp.transport;
  if (transport.type !== 'tcp') throw new Error('the lab tcp daemon is not a tcp transport');
  const knownHosts = emptyKnownHosts();
  const berthReader = () => {
    const opened: Promise<DockerConnection> = openDockerConnection(transport, { timeoutMs: 60_000, knownHosts });
    return {
      read: async () => (await opened).api.get('/containers/json', { all: true }),
      close: async () => (await opened).close(),
    };
  };
  const dockerodeReader = () => {
    const agent = new http.Agent({ keepAlive: true });
    const docker = new Dockerode({ protocol: 'http', host: transport.host, port: transport.port, agent } as Dockerode.DockerOptions);
    return { read: () => docker.listContainers({ all: true }), close: () => agent.destroy() };
  };
  const berth = await timePlainReads(options.requests, berthReader);
  const dockerode = await timePlainReads(options.requests, dockerodeReader);
  const log = modemDebug.log;
  modemDebug.log = () => undefined;
  modemDebug.enable('modem');
  try {
    const concurrent = Math.min(options.requests, UNPATCHED_AT_ONCE);
    const formatting = await timePlainReads(options.requests, dockerodeReader, concurrent);
    return { requests: options.requests, berth, dockerode, dockerodeDebugFormatting: { ...formatting, concurrent } };
  } finally {
    modemDebug.disable();
    modemDebug.log = log;
  }
}

export function printEventResults(burst: EventBurstResult, reads: PlainReadsResult): void {
  console.log(`\nEvent burst: ${burst.containers} new containers (${burst.events} events) from a fake daemon in another process`);
  console.log(
    `main loop worst delay ${ms(burst.worstLoopDelayMs)} (p99 ${ms(burst.p99LoopDelayMs)})   target < 200 ms   ${burst.worstLoopDelayMs < 200 ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `/containers/json requests caused: ${burst.listRequests} (at most ${burst.peakListsInFlight} in flight); settled in ${ms(burst.settleMs)}; containers ${burst.matchesDaemon ? 'equal' : 'DIFFER FROM'} the daemon's /containers/json`,
  );
  console.log(`\n${reads.requests} × GET /containers/json?all=1 on the lab tcp daemon      one after another   all at once`);
  const row = (label: string, figures: { sequentialMs: number; concurrentMs: number }) =>
    console.log(`${label.padEnd(58)}${ms(figures.sequentialMs).padEnd(20)}${ms(figures.concurrentMs)}`);
  row("Berth's bounded reader", reads.berth);
  row('dockerode modem, patched (debug formatting only when on)', reads.dockerode);
  const unpatched = reads.dockerodeDebugFormatting;
  const capped = unpatched.concurrent < reads.requests ? ` (${unpatched.concurrent} at once)` : '';
  console.log(
    `${'dockerode modem formatting every request (as unpatched)'.padEnd(58)}${ms(unpatched.sequentialMs).padEnd(20)}${ms(unpatched.concurrentMs)}${capped}`,
  );
}
