import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Dockerode from 'dockerode';
import { afterEach, beforeAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import type { InvokeChannel, InvokeReply, PushChannel, PushEvents } from '../shared/contract.js';
import type { HostProfile } from '../shared/profile.js';
import { type LabDaemonName, type LabManifest, labDockerArgs } from '../e2e/lab/manifest.js';
import type { AnyPushMessage } from '../main/core/app/push-queue.js';
import type { BerthClient, BerthService } from '../main/core/app/berth-service.js';
import { testAppService } from './test-service.js';
import { requireLab } from '../e2e/support/lab-hosts.js';
import type { FleetTestHooks } from '../main/core/fleet/fleet-connections.js';

/** Every lab container these tests make starts with this, so cleanup never touches others'. */
export const labPrefix = 'berth-ct-';

export interface LabHarness {
  service: BerthService;
  client: BerthClient;
  pushes: AnyPushMessage[];
  dataDir: string;
  dispose(): Promise<void>;
}

/** A real service in a temp data dir (the lab's SSH host key already known), with one attached client. */
export async function labHarness(
  manifest: LabManifest,
  options: { resumeRetryMs?: number; fleet?: FleetTestHooks } = {},
): Promise<LabHarness> {
  const { fleet, ...containers } = options;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berth-containers-'));
  copyFileSync(manifest.ssh.knownHostsPath, path.join(dataDir, 'known_hosts'));
  const service = await testAppService(dataDir, {
    testHooks: { containers: { osUser: 'lab-operator', ...containers }, ...(fleet && { fleet }) },
  });
  const pushes: AnyPushMessage[] = [];
  const client = service.attachClient((message) => pushes.push(message));
  client.ready();
  return {
    service,
    client,
    pushes,
    dataDir,
    dispose: async () => {
      client.detach();
      await service.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function ok<C extends InvokeChannel>(reply: Promise<InvokeReply<C>>): Promise<Extract<InvokeReply<C>, { ok: true }>['value']> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${settled.error.code}: ${settled.error.message}`);
  return settled.value as Extract<InvokeReply<C>, { ok: true }>['value'];
}

export async function failure<C extends InvokeChannel>(reply: Promise<InvokeReply<C>>): Promise<{ code: string; message: string }> {
  const settled = await reply;
  if (settled.ok) throw new Error(`expected an error, got ${JSON.stringify(settled.value).slice(0, 200)}`);
  return settled.error;
}

/** Adds a lab daemon as a host and waits until it is ready. */
export async function addLabHost(
  harness: LabHarness,
  manifest: LabManifest,
  daemon: LabDaemonName,
  extra: Partial<Pick<HostProfile, 'tags' | 'readOnly' | 'transport' | 'name'>> & { id?: string } = {},
): Promise<string> {
  const id = extra.id ?? `lab-${daemon}`;
  const transport = extra.transport ?? manifest.daemons[daemon].transport;
  await ok(
    harness.client.invoke('hosts:save', {
      draft: { id, name: extra.name ?? `lab ${daemon}`, tags: extra.tags ?? [], transport, ...(extra.readOnly ? { readOnly: true } : {}) },
    }),
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [view] = (await ok(harness.client.invoke('hosts:list', {}))).filter((host) => host.profile.id === id);
    if (view?.status.state === 'ready') return id;
    if (Date.now() > deadline) throw new Error(`host ${id} is ${JSON.stringify(view?.status)}, not ready`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The docker CLI against a lab daemon. */
export function docker(manifest: LabManifest, daemon: LabDaemonName, ...args: string[]): string {
  return execFileSync('docker', [...labDockerArgs(manifest, daemon), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
}

/** dockerode straight at a lab daemon (the ssh daemon through its local socket), for checking what the daemon says. */
export function labDockerode(manifest: LabManifest, daemon: LabDaemonName): Dockerode {
  const { transport } = manifest.daemons[daemon];
  switch (transport.type) {
    case 'tcp':
      return new Dockerode({ protocol: 'http', host: transport.host, port: transport.port });
    case 'tls':
      return new Dockerode({
        protocol: 'https',
        host: transport.host,
        port: transport.port,
        ca: readFileSync(manifest.tls.caPath),
        cert: readFileSync(manifest.tls.certPath),
        key: readFileSync(manifest.tls.keyPath),
      });
    case 'ssh':
      return new Dockerode({ socketPath: transport.remoteSocket });
    case 'unix':
      return new Dockerode({ socketPath: transport.socketPath });
  }
}

/** `docker logs` of a lab container: its stdout and stderr lines as the CLI prints them. */
export function dockerLogs(manifest: LabManifest, daemon: LabDaemonName, name: string): { stdout: string[]; stderr: string[] } {
  const result = spawnSync('docker', [...labDockerArgs(manifest, daemon), 'logs', name], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
  });
  const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  return { stdout: lines(result.stdout), stderr: lines(result.stderr) };
}

/** Runs a busybox container (`--network none`) with `script` as its sh -c; returns its name. */
export function runScript(manifest: LabManifest, daemon: LabDaemonName, suffix: string, script: string, flags: string[] = []): string {
  const name = `${labPrefix}${suffix}-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;
  docker(manifest, daemon, 'run', '-d', '--network', 'none', '--name', name, ...flags, manifest.image, 'sh', '-c', script);
  return name;
}

export function removeContainers(manifest: LabManifest, daemon: LabDaemonName, ...names: string[]): void {
  if (names.length > 0) spawnSync('docker', [...labDockerArgs(manifest, daemon), 'rm', '-f', ...names], { timeout: 60_000 });
}

export function pushesOf<P extends PushChannel>(harness: LabHarness, channel: P, streamId: string): PushEvents[P][] {
  return harness.pushes.flatMap((message) =>
    message.channel === channel && (message.payload as { streamId?: string }).streamId === streamId
      ? [message.payload as PushEvents[P]]
      : [],
  );
}

/** What a container integration suite shares: the lab, one harness per test, and what each test made. */
export interface LabContainerSuite {
  readonly lab: LabManifest;
  /** A real service for this test (labHarness), disposed after it. */
  harness(options?: { resumeRetryMs?: number }): Promise<LabHarness>;
  /** Containers (names or ids) this test made on a lab daemon: removed after it. */
  made(daemon: LabDaemonName, ...names: string[]): void;
  /** Anything else to close after the test (a fault proxy), before its containers are removed. */
  afterTest(close: () => Promise<void>): void;
}

/**
 * Registers the set-up every container integration suite needs: the lab read once (a missing lab
 * fails the suite), and after each test its harness disposed, then what it registered closed and
 * the containers it made removed.
 */
export function labContainerSuite(): LabContainerSuite {
  let lab: LabManifest | undefined;
  const closers: Array<() => Promise<void>> = [];
  const made: Array<{ daemon: LabDaemonName; names: string[] }> = [];
  beforeAll(() => {
    lab = requireLab();
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    for (const { daemon, names } of made.splice(0)) removeContainers(suite.lab, daemon, ...names);
  });
  const suite: LabContainerSuite = {
    get lab() {
      if (!lab) throw new Error('labContainerSuite: the lab is read in beforeAll; use suite.lab inside tests');
      return lab;
    },
    harness: async (options = {}) => {
      const harness = await labHarness(suite.lab, options);
      closers.push(() => harness.dispose());
      return harness;
    },
    made: (daemon, ...names) => {
      made.push({ daemon, names });
    },
    afterTest: (close) => {
      closers.push(close);
    },
  };
  return suite;
}
