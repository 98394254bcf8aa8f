import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { type Alert, defaultAlertSettings } from '../shared/alerts-contract.js';
import { defaultSettings } from '../shared/settings.js';
import type { HostProfile } from '../shared/profile.js';
import type { TimelineEvent } from '../shared/timeline-contract.js';
import type { BerthService } from '../main/core/app/berth-service.js';
import { createAppService } from '../main/core/app/create-service.js';
import { loadLabManifest } from '../e2e/lab/manifest.js';
import { BENCH_DIR, ensureImage, sshFleetProfiles, startFleetDaemon, tcpFleetProfiles } from './fleet/bench-daemons.js';
import { startTrickle } from './soak/container-trickle.js';
import { difference, eventIdentity, recordDockerEvents } from './soak/event-reference.js';
import {
  type ActivityReading,
  type HandleReading,
  type MemoryReading,
  memoryAfterGc,
  openHandles,
  watchActivity,
} from './soak/process-probe.js';
import { seededRandom } from '../shared/seeded-random.js';
import { type OutagePlan, type PlannedOutage, planOutages, runOutages, startProxies } from './soak/outage-schedule.js';

export interface SoakOptions {
  minutes: number;
  /** Hosts in all: tcp ports of the fleet daemon, and `sshHosts` of them through the lab's sshd. */
  hosts: number;
  sshHosts: number;
  /** Tcp hosts behind a fault proxy that flaps them. */
  flapped: number;
  /** 'all-live': liveSessionLimit ≥ hosts (every host held live); 'policy': the default limit (only hosts in view live). */
  mode: 'all-live' | 'policy';
  seed: number;
  /** Also write V8 heap snapshots at the start and end readings (to BENCH_DIR), to find what grew. */
  heapSnapshots?: boolean;
}

/** The alert grace period the bench sets; every injected outage is longer than detection plus this. */
const GRACE_S = 15;
/** Connection settings of the run: a frozen link is noticed within heartbeat + request timeout (≤ 15 s). */
const CONNECTION = { requestTimeoutMs: 10_000, heartbeatMs: 5_000, backoffInitialMs: 500, backoffMaxMs: 5_000 };
/**
 * Outages from 45 s (detection ≤ 15 s + grace 15 s, with room) to 90 s: at one trickle cycle
 * (about 7 events) every 5 s, the longest stays well inside the 256 events dockerd keeps for a
 * `since=` replay.
 */
const OUTAGES: OutagePlan = { minLengthS: 45, maxLengthS: 90, minUpS: 30, maxUpS: 90, quietEndS: 20 };
const TRICKLE_EVERY_MS = 5_000;
/** After the hosts are ready (and again after the soak), this long before measuring: start-up work settles. */
const SETTLE_MS = 20_000;

export interface SoakReading {
  memory: MemoryReading;
  /** Node's view: active resources and ref'd sockets (this process also runs the proxies and the trickle). */
  handles: HandleReading;
  /** Berth's view: sockets and SSH channels its connections hold, summed over hosts. */
  connections: Record<string, number>;
  standby: number;
}

export interface SoakSample {
  atS: number;
  memory: MemoryReading;
  ready: number;
  standby: number;
}

export interface HostDownAlert {
  kind: string;
  at: number;
  message: string;
}

export interface SoakResult {
  options: SoakOptions;
  liveSessionLimit: number;
  hostIds: string[];
  flappedIds: string[];
  /** Hosts seen on standby at some reading (policy mode). */
  standbyIds: string[];
  sshIds: string[];
  soakS: number;
  outages: PlannedOutage[];
  trickle: { done: number; failed: number; lastError?: string };
  start: SoakReading;
  end: SoakReading;
  samples: SoakSample[];
  /** CPU and GC of the whole process (Berth, the proxies, the trickle) during the soak. */
  activity: ActivityReading;
  /** hostDown alerts per host: kinds in order. */
  hostDownAlerts: Record<string, HostDownAlert[]>;
  /** Epoch ms the soak (and the outage schedule's clock) started. */
  startedAt: number;
  daemonEvents: number;
  /** Per host: events in its timeline against the daemon's over [since, until]. */
  timelines: Array<{ hostId: string; events: number; missing: string[]; extra: string[] }>;
  unhandledRejections: string[];
  resultFile: string;
}

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value;
}

/** Where a long run stands, on stderr (the results go to stdout). */
const progress = (text: string) => console.error(`[soak ${new Date().toISOString().slice(11, 19)}] ${text}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function hostStates(service: BerthService): Promise<{ ready: number; standby: number; standbyIds: string[]; notReady: string[] }> {
  const hosts = await ok(service.invoke('hosts:list', {}));
  const notReady = hosts.filter((host) => host.status.state !== 'ready').map((host) => `${host.profile.id} (${host.status.state})`);
  const standbyIds = hosts
    .filter((host) => host.status.state === 'ready' && host.status.standby !== undefined)
    .map((host) => host.profile.id);
  return { ready: hosts.length - notReady.length, standby: standbyIds.length, standbyIds, notReady };
}

/**
 * Until every host on standby has finished a read after `mark` (ms): a standby host's timeline is
 * lossless but reaches only as far as its last read, up to one health interval behind a live one.
 */
async function untilStandbyReadAfter(service: BerthService, mark: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hosts = await ok(service.invoke('hosts:list', {}));
    const behind = hosts.filter((host) => host.status.state === 'ready' && host.status.standby && host.status.standby.checkedAt <= mark);
    if (behind.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${behind.length} standby hosts did not read within ${timeoutMs / 1000} s`);
    await sleep(1_000);
  }
}

/** The sockets Berth's connections hold (agents' free ones too, which Node's handle list leaves out), and SSH channels, summed over hosts. */
function berthConnections(service: BerthService, hostIds: readonly string[]): Record<string, number> {
  const total: Record<string, number> = { 'requests in flight': 0, 'streams open': 0, 'idle kept-alive': 0, 'ssh channels': 0 };
  for (const hostId of hostIds) {
    const sockets = service.connectionSockets(hostId);
    total['requests in flight']! += sockets?.requests ?? 0;
    total['streams open']! += sockets?.streams ?? 0;
    total['idle kept-alive']! += sockets?.free ?? 0;
    const channels = service.sshOpenChannels(hostId);
    total['ssh channels']! += (channels?.requests ?? 0) + (channels?.streams ?? 0);
  }
  return total;
}

async function untilAllReady(service: BerthService, total: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await hostStates(service);
    if (states.ready === total) return;
    if (Date.now() > deadline)
      throw new Error(
        `${states.notReady.length} of ${total} hosts not ready after ${timeoutMs / 1000} s: ${states.notReady.slice(0, 10).join(', ')}`,
      );
    await sleep(1_000);
  }
}

/** Every event of one host's timeline in [sinceS, untilS], paged back from the newest. */
async function timelineOf(service: BerthService, hostId: string, sinceS: number, untilS: number): Promise<string[]> {
  const events: TimelineEvent[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await ok(
      service.invoke('timeline:query', {
        hostId,
        sinceMs: sinceS * 1000,
        untilMs: untilS * 1000 + 999,
        limit: 5_000,
        ...(beforeSeq !== undefined && { beforeSeq }),
      }),
    );
    events.push(...page.events);
    if (!page.more || page.events.length === 0) break;
    beforeSeq = page.events.at(-1)!.seq;
  }
  return events
    .filter((event) => event.timeNano >= sinceS * 1e9 && event.timeNano <= untilS * 1e9)
    .map((event) => eventIdentity(event.timeNano, event.type, event.action, event.actorId));
}

/** The lab's known_hosts line for its sshd, repeated for the jump ports (the same sshd, the same key). */
function knownHostsForFleetSsh(manifest: ReturnType<typeof loadLabManifest>): string {
  const line = readFileSync(manifest.ssh.knownHostsPath, 'utf8')
    .split('\n')
    .find((entry) => entry.trim() !== '');
  if (!line) throw new Error(`the lab's known_hosts (${manifest.ssh.knownHostsPath}) is empty`);
  const key = line.split(' ').slice(1).join(' ');
  return [manifest.ssh.port, ...manifest.ssh.jumpPorts].map((port) => `[${manifest.ssh.host}]:${port} ${key}\n`).join('');
}

/**
 * The soak: `hosts` hosts of the shared fleet daemon run by Berth's service in this process for
 * `minutes`, while fault proxies flap `flapped` of them on a seeded schedule and a trickle of
 * containers is created, started, stopped and removed on the daemon. Measures memory and open
 * handles at start and end, hostDown alerts against the outages injected, and each host's
 * timeline against `docker events` of the daemon.
 */
export async function benchSoak(options: SoakOptions): Promise<SoakResult> {
  const manifest = loadLabManifest();
  // Shared with other benches: 200 ports, reused as it runs, never stopped here.
  const daemon = await startFleetDaemon(manifest, 200);
  // The trickle's image (a reused daemon may never have had it imported).
  await ensureImage(daemon.socket, manifest);
  const tcpCount = options.hosts - options.sshHosts;
  const tcpProfiles = tcpFleetProfiles(daemon).slice(0, tcpCount);
  const sshProfiles = sshFleetProfiles(manifest, daemon, options.sshHosts);
  const flappedIds = tcpProfiles.slice(0, options.flapped).map((profile) => profile.id);
  const proxyTargets = new Map(
    tcpProfiles.slice(0, options.flapped).map((profile) => {
      if (profile.transport.type !== 'tcp') throw new Error('fleet profiles are tcp');
      return [profile.id, { host: profile.transport.host, port: profile.transport.port }] as const;
    }),
  );
  const proxies = await startProxies(proxyTargets);
  const profiles: HostProfile[] = [...tcpProfiles, ...sshProfiles].map((profile) => {
    const proxy = proxies.get(profile.id);
    return proxy && profile.transport.type === 'tcp' ? { ...profile, transport: { ...profile.transport, port: proxy.port } } : profile;
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berth-soak-'));
  writeFileSync(path.join(dataDir, 'known_hosts'), knownHostsForFleetSsh(manifest));
  const runId = Date.now().toString(36);
  const resultFile = path.join(BENCH_DIR, `soak-${runId}.json`);
  const unhandledRejections: string[] = [];
  const onUnhandled = (reason: unknown) =>
    unhandledRejections.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));
  process.on('unhandledRejection', onUnhandled);
  let service: BerthService | undefined;
  let trickle: ReturnType<typeof startTrickle> | undefined;
  try {
    service = await createAppService({ dataDir, shell: 'browser', version: '0.0.0-bench', useUserKnownHosts: false, env: {} });
    const liveSessionLimit = options.mode === 'all-live' ? Math.max(options.hosts, 100) : defaultSettings.fleet.liveSessionLimit;
    await ok(
      service.invoke('settings:save', {
        settings: { ...defaultSettings, connection: CONNECTION, fleet: { ...defaultSettings.fleet, liveSessionLimit } },
      }),
    );
    await ok(
      service.invoke('alerts:save-settings', {
        settings: { ...defaultAlertSettings, rules: { ...defaultAlertSettings.rules, hostDown: { enabled: true, graceSeconds: GRACE_S } } },
      }),
    );
    // A renderer: it keeps only the hostDown alerts (every other push is dropped, as a page would render it).
    const hostDownAlerts: Record<string, HostDownAlert[]> = {};
    const client = service.attachClient((message) => {
      if (message.channel !== 'alerts:raised') return;
      const alert: Alert = message.payload.alert;
      if (alert.rule === 'hostDown') (hostDownAlerts[alert.hostId] ??= []).push({ kind: alert.kind, at: alert.at, message: alert.message });
    });
    client.ready();
    for (const profile of profiles) await ok(service.invoke('hosts:save', { draft: { ...profile, keepStoredSecrets: false } }));
    // The flapped hosts are "in view" (a no-op before the connection policy exists).
    await ok(client.invoke('fleet:focus', { hostIds: flappedIds }));
    progress(`${profiles.length} hosts saved (${options.mode}, liveSessionLimit ${liveSessionLimit}); waiting until all are ready`);
    await untilAllReady(service, profiles.length, 10 * 60_000);
    await sleep(SETTLE_MS);

    const proxyPorts = new Set([...proxies.values()].map((proxy) => proxy.port));
    const proxiedPorts = new Set([...proxyTargets.values()].map((target) => target.port));
    const sshPorts = new Set([manifest.ssh.port, ...manifest.ssh.jumpPorts]);
    const classify = (socket: net.Socket): string => {
      if (socket.remotePort === undefined) return 'pipe or unix socket';
      if (proxyPorts.has(socket.remotePort)) return 'Berth → fault proxy';
      if (socket.localPort !== undefined && proxyPorts.has(socket.localPort)) return 'fault proxy ← Berth (bench side)';
      if (proxiedPorts.has(socket.remotePort)) return 'fault proxy → daemon (bench side)';
      if (sshPorts.has(socket.remotePort)) return 'Berth → sshd';
      if (daemon.tcpPorts.includes(socket.remotePort)) return 'Berth → daemon tcp';
      return `other (:${socket.remotePort})`;
    };

    progress('all hosts ready; measuring the start');
    const sinceS = Math.floor(Date.now() / 1000);
    const dockerArgs = ['-H', `unix://${daemon.socket}`];
    const reference = recordDockerEvents(dockerArgs, sinceS, path.join(dataDir, 'docker-events.jsonl'));
    const hostIds = profiles.map((profile) => profile.id);
    // Hosts seen on standby at any reading (policy mode): reported apart, judged like the rest.
    const everStandby = new Set<string>();
    const reading = async (): Promise<SoakReading> => {
      const states = await hostStates(service!);
      for (const id of states.standbyIds) everStandby.add(id);
      return {
        memory: memoryAfterGc(),
        handles: openHandles(classify),
        connections: berthConnections(service!, hostIds),
        standby: states.standby,
      };
    };
    const start = await reading();
    if (options.heapSnapshots) progress(`heap snapshot: ${v8.writeHeapSnapshot(path.join(BENCH_DIR, `soak-${runId}-start.heapsnapshot`))}`);
    const soakS = Math.round(options.minutes * 60);
    const outages = planOutages(flappedIds, soakS, OUTAGES, seededRandom(options.seed));
    const startedAt = Date.now();
    const activity = watchActivity();
    trickle = startTrickle(daemon.socket, manifest.image, runId, TRICKLE_EVERY_MS);
    const trickleCycles = trickle.cycles;
    const samples: SoakSample[] = [];
    const sample = async () => {
      const states = await hostStates(service!);
      for (const id of states.standbyIds) everStandby.add(id);
      samples.push({
        atS: Math.round((Date.now() - startedAt) / 1000),
        memory: memoryAfterGc(),
        ready: states.ready,
        standby: states.standby,
      });
    };
    await sample();
    progress(`soak of ${soakS} s started: ${outages.length} outages planned, a container cycle every ${TRICKLE_EVERY_MS / 1000} s`);
    const flapping = runOutages(outages, proxies, startedAt);
    const sampleEveryMs = options.minutes >= 10 ? 60_000 : 20_000;
    while (Date.now() - startedAt < soakS * 1000) {
      await sleep(Math.min(sampleEveryMs, startedAt + soakS * 1000 - Date.now()));
      await sample();
      const last = samples.at(-1)!;
      progress(
        `${last.atS} s: heap ${last.memory.heapMb.toFixed(1)} MB, RSS ${last.memory.rssMb.toFixed(0)} MB, ${last.ready} ready, ${trickleCycles.done} container cycles`,
      );
    }
    await flapping;
    const soakActivity = activity.read();
    activity.stop();
    await trickle.stop();
    trickle = undefined;
    progress('soak over; waiting until every host is ready again');
    await untilAllReady(service, profiles.length, 5 * 60_000);
    await sleep(SETTLE_MS);
    const untilS = Math.floor(Date.now() / 1000) - 1;
    // A read ending 3 s past untilS began (and took the daemon's clock as its end) after it.
    progress('waiting for a read past the end on every standby host');
    await untilStandbyReadAfter(service, (untilS + 3) * 1000, 3 * 60_000);
    // Measured before the timelines are read: a policy may promote a standby host an invoke names.
    const end = await reading();
    if (options.heapSnapshots) progress(`heap snapshot: ${v8.writeHeapSnapshot(path.join(BENCH_DIR, `soak-${runId}-end.heapsnapshot`))}`);
    await sample();
    const expected = await reference.read(untilS);
    progress(`the daemon logged ${expected.length} events; reading ${profiles.length} timelines`);
    service.flushTimeline();
    const timelines: SoakResult['timelines'] = [];
    for (const profile of profiles) {
      const actual = await timelineOf(service, profile.id, sinceS, untilS);
      timelines.push({ hostId: profile.id, events: actual.length, ...difference(expected, actual) });
    }
    client.detach();
    const result: SoakResult = {
      options,
      liveSessionLimit,
      hostIds: profiles.map((profile) => profile.id),
      flappedIds,
      standbyIds: [...everStandby],
      sshIds: sshProfiles.map((profile) => profile.id),
      soakS,
      outages,
      trickle: { ...trickleCycles },
      activity: soakActivity,
      start,
      end,
      samples,
      hostDownAlerts,
      startedAt,
      daemonEvents: expected.length,
      timelines,
      unhandledRejections,
      resultFile,
    };
    writeFileSync(resultFile, JSON.stringify(result, null, 1));
    return result;
  } finally {
    await trickle?.stop();
    await service?.dispose();
    for (const proxy of proxies.values()) await proxy.close();
    process.off('unhandledRejection', onUnhandled);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
