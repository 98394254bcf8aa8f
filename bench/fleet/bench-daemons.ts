/**
 * The fleet harness: real dockerd processes that only benchmarks start (never CI), next to the lab.
 *
 * - `startFleetDaemon(n)`: ONE dockerd listening on n loopback ports (`-H tcp://127.0.0.1:P`
 *   repeated), each port a separate host to Berth, plus a unix socket the lab's SSH user may open,
 *   so several SSH hosts reach it through the lab's one sshd.
 * - `startManyContainersDaemon(n)`: a dockerd holding n containers created through the API. Its
 *   data root is kept between runs (creating 10,000 takes about 100 s here), and topped up.
 *
 * Each dockerd gets its own data root, exec root, containerd namespace and /etc/docker (so its own
 * daemon ID), exactly as the lab starts its daemons (e2e/lab/lib-docker.sh). Needs root and the lab
 * (for the busybox image tar and the SSH user).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import type { HostProfile } from '../../shared/profile.js';
import type { LabManifest } from '../../e2e/lab/manifest.js';

const run = promisify(execFile);

export const BENCH_DIR = process.env.BERTH_BENCH_DIR ?? '/tmp/berth-bench';
const LAB_IMAGE = 'berth-lab/busybox:latest';
const BENCH_LABEL = 'berth.bench';

export interface BenchDaemon {
  name: string;
  dir: string;
  /** unix socket (group = the lab's SSH user). */
  socket: string;
  /** One per host, in order. */
  tcpPorts: number[];
  /** Stops dockerd (SIGTERM, then SIGKILL after 20 s). The data root stays; a later start reuses it. */
  stop(): Promise<void>;
}

interface DaemonSpec {
  name: string;
  tcpPorts: number[];
  labUser: string;
}

/** One dockerd on `hosts` loopback ports from `basePort` (default 24000), plus its socket. */
export function startFleetDaemon(manifest: LabManifest, hosts: number, basePort = 24_000): Promise<BenchDaemon> {
  const tcpPorts = Array.from({ length: hosts }, (_, i) => basePort + i);
  return startBenchDaemon(manifest, { name: 'fleet', tcpPorts, labUser: manifest.ssh.user });
}

/** A dockerd on `port` (default 23800) holding `containers` containers (`running` of them running). */
export async function startManyContainersDaemon(
  manifest: LabManifest,
  options: { containers: number; running?: number; port?: number },
): Promise<BenchDaemon> {
  const daemon = await startBenchDaemon(manifest, { name: 'many', tcpPorts: [options.port ?? 23_800], labUser: manifest.ssh.user });
  await ensureContainers(daemon, options.containers, options.running ?? 20);
  return daemon;
}

/** Tcp host profiles, one per port of the daemon: ids `${prefix}-0`, `${prefix}-1`, … */
export function tcpFleetProfiles(daemon: BenchDaemon, prefix = 'fleet'): HostProfile[] {
  return daemon.tcpPorts.map((port, i) => ({
    id: `${prefix}-${i}`,
    name: `${prefix} ${String(i).padStart(3, '0')}`,
    tags: ['bench'],
    transport: { type: 'tcp', host: '127.0.0.1', port },
  }));
}

/**
 * SSH host profiles through the lab's one sshd (its main port and its jump ports in turn), each
 * forwarding the daemon's socket: `count` separate hosts to Berth. The lab's known_hosts covers them.
 */
export function sshFleetProfiles(manifest: LabManifest, daemon: BenchDaemon, count: number, prefix = 'fleet-ssh'): HostProfile[] {
  const ports = [manifest.ssh.port, ...manifest.ssh.jumpPorts];
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    name: `${prefix} ${String(i).padStart(2, '0')}`,
    tags: ['bench'],
    transport: {
      type: 'ssh',
      host: manifest.ssh.host,
      port: ports[i % ports.length]!,
      user: manifest.ssh.user,
      auth: { method: 'key', keyPath: manifest.ssh.keyPath },
      remoteSocket: daemon.socket,
    },
  }));
}

async function startBenchDaemon(manifest: LabManifest, spec: DaemonSpec): Promise<BenchDaemon> {
  const dir = path.join(BENCH_DIR, spec.name);
  const socket = path.join(dir, 'docker.sock');
  mkdirSync(path.join(dir, 'etc'), { recursive: true });
  if (!existsSync(path.join(dir, 'daemon.json'))) writeFileSync(path.join(dir, 'daemon.json'), '{}\n');
  const args = [
    '--config-file', path.join(dir, 'daemon.json'),
    '--data-root', path.join(dir, 'data'), '--exec-root', path.join(dir, 'x'), '--pidfile', path.join(dir, 'dockerd.pid'),
    '--storage-driver', 'overlay2',
    '--bridge=none', '--iptables=false', '--ip6tables=false', '--ip-masq=false', '--ip-forward=false', '--userland-proxy=false',
    '--containerd-namespace', `berth-bench-${spec.name}`, '--containerd-plugins-namespace', `berth-bench-${spec.name}-plugins`,
    '--cgroup-parent', `/berth-bench-${spec.name}`,
    '--shutdown-timeout', '5',
    '-H', `unix://${socket}`, '--group', spec.labUser,
    ...spec.tcpPorts.flatMap((port) => ['-H', `tcp://127.0.0.1:${port}`]),
  ]; // prettier-ignore
  const log = path.join(dir, 'dockerd.log');
  const daemon: BenchDaemon = { name: spec.name, dir, socket, tcpPorts: spec.tcpPorts, stop: () => stopDaemon(dir) };
  // dockerd 20.10 waits 1 s per plain tcp listener it opens ("Binding to IP address without
  // --tlsverify is insecure"), so 200 ports take over 3 minutes: a daemon of an earlier run with the
  // same flags is reused, and left running unless the caller stops it.
  if (runningWithArgs(dir, args)) {
    await waitForListeners(daemon, log);
    return daemon;
  }
  await stopDaemon(dir);
  const child: ChildProcess = spawn(
    'setsid',
    [
      'unshare',
      '--mount',
      '--propagation',
      'slave',
      '--',
      '/bin/sh',
      '-c',
      'mount --bind "$1" /etc/docker && shift && exec "$@" >>"$0" 2>&1',
      log,
      path.join(dir, 'etc'),
      'dockerd',
      ...args,
    ],
    { stdio: 'ignore', detached: true },
  );
  child.unref();
  await waitForListeners(daemon, log);
  await ensureImage(socket, manifest);
  return daemon;
}

function runningWithArgs(dir: string, args: string[]): boolean {
  const pid = pidOf(dir);
  if (pid === undefined) return false;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.every((arg, i) => argv[argv.indexOf('--config-file') + i] === arg);
  } catch {
    return false;
  }
}

function pidOf(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dir, 'dockerd.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 && alive(pid) && isDockerdOf(pid, dir) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function stopDaemon(dir: string): Promise<void> {
  const pid = pidOf(dir);
  if (pid === undefined) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

function isDockerdOf(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(path.join(dir, 'dockerd.pid'));
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until the socket and the last tcp port answer (dockerd opens the ports one by one, after the socket). */
async function waitForListeners(daemon: BenchDaemon, log: string): Promise<void> {
  const timeoutMs = 60_000 + 1_500 * daemon.tcpPorts.length;
  const deadline = Date.now() + timeoutMs;
  const lastPort = daemon.tcpPorts.at(-1);
  for (;;) {
    try {
      const socketUp = (await request(daemon.socket, 'GET', '/_ping')).status === 200;
      if (socketUp && (lastPort === undefined || (await fetch(`http://127.0.0.1:${lastPort}/_ping`)).ok)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the bench dockerd did not answer within ${timeoutMs} ms; see ${log}`);
    await sleep(200);
  }
}

export async function ensureImage(socket: string, manifest: LabManifest): Promise<void> {
  const docker = (...args: string[]) => run('docker', ['-H', `unix://${socket}`, ...args], { timeout: 60_000 });
  try {
    await docker('image', 'inspect', LAB_IMAGE);
  } catch {
    await docker('import', '--change', 'CMD ["sh"]', path.join(manifest.labDir, 'image', 'busybox.tar'), LAB_IMAGE);
  }
}

/** Creates containers through the API until the daemon holds `total` bench containers, `running` of them running. */
async function ensureContainers(daemon: BenchDaemon, total: number, running: number): Promise<void> {
  const listed = JSON.parse(
    (await request(daemon.socket, 'GET', `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [BENCH_LABEL] }))}`))
      .body,
  ) as Array<{ State: string }>;
  let missing = total - listed.length;
  const create = async (n: number) => {
    const body = {
      Image: LAB_IMAGE,
      Cmd: ['sleep', '1000000'],
      Labels: {
        [BENCH_LABEL]: '1',
        'com.docker.compose.project': `bench-${Math.floor(n / 50)}`,
        'com.docker.compose.service': `svc-${n % 50}`,
      },
      HostConfig: { NetworkMode: 'none' },
    };
    const created = await request(
      daemon.socket,
      'POST',
      `/containers/create?name=bench-${n}-${Date.now().toString(36)}`,
      JSON.stringify(body),
    );
    if (created.status !== 201) throw new Error(`container create answered ${created.status}: ${created.body}`);
  };
  let next = listed.length;
  const workers = Array.from({ length: 8 }, async () => {
    while (missing > 0) {
      missing -= 1;
      await create((next += 1));
    }
  });
  await Promise.all(workers);
  const runningNow = listed.filter((c) => c.State === 'running').length;
  if (runningNow < running) {
    const ids = JSON.parse(
      (
        await request(
          daemon.socket,
          'GET',
          `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [BENCH_LABEL], status: ['created'] }))}`,
        )
      ).body,
    ) as Array<{ Id: string }>;
    for (const { Id } of ids.slice(0, running - runningNow)) await request(daemon.socket, 'POST', `/containers/${Id}/start`);
  }
}

/** Plain HTTP over the daemon's socket (the harness never goes through Berth's code). */
export function request(socket: string, method: string, urlPath: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath: socket, method, path: urlPath, headers: body ? { 'content-type': 'application/json' } : {}, timeout: 60_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}
