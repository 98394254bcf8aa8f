import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadLabManifest } from '../e2e/lab/manifest.js';
import type { StoredProfile } from '../main/core/store/profile-store.js';
import { type BenchDaemon, request, startFleetDaemon, tcpFleetProfiles } from './fleet/bench-daemons.js';
import { type ProfileSummary, summarizeCpuProfile } from './fleet/cpu-profile-summary.js';
import { type RawFloorResult, rawFloor } from './fleet/raw-floor.js';
import { type ProbeMemory, type StartObservation, ShellProcess } from './fleet/shell-process.js';

/** The shared fleet daemon has exactly this many ports (another count would restart it under others). */
const FLEET_HOSTS = 200;

export interface FleetStartResult {
  hosts: number;
  floor: RawFloorResult;
  start: StartObservation;
  memory: { fleet: ProbeMemory; one: ProbeMemory };
  /** `daemonEvents`: what the shared fleet daemon did meanwhile (other benches use it too); each reaches all 200 hosts. */
  idle: { seconds: number; cpuPercent: number; daemonEvents: number; quiet: { percent: number | undefined; seconds: number } };
  profile: ProfileSummary;
  /** The same process once everything was known, over `idleProfileSeconds`. */
  idleProfile: ProfileSummary;
  idleProfileSeconds: number;
  loadAverage: number[];
}

/**
 * 200 saved tcp hosts on one real dockerd (bench/fleet/bench-daemons.ts), in one run:
 * (a) the raw floor: a plain HTTP client doing Berth's four reads for every host at once;
 * (b) the built browser shell started with the 200 hosts saved, from spawning its process until
 *     every status is known (ready/failed) and every snapshot holds disk usage, read from its
 *     WebSocket as the renderer sees it;
 * (c) its memory (RSS, heap after a full GC) against the same shell with one host;
 * (d) its CPU time while idle once everything is known;
 * and a CPU profile of a second start, summarized.
 */
export async function benchFleetStart(options: { idleSeconds: number; timeoutMs: number }): Promise<FleetStartResult> {
  const manifest = loadLabManifest();
  const daemon = await startFleetDaemon(manifest, FLEET_HOSTS);
  // Plain tcp hosts hold no secret: saved as they are.
  const profiles = tcpFleetProfiles(daemon) as StoredProfile[];
  // A first pass warms the daemon (its caches, its goroutines per listener) for every run after it.
  await rawFloor(daemon.tcpPorts);
  const floor = await rawFloor(daemon.tcpPorts);
  const loadAverage = os.loadavg();

  const fleet = await ShellProcess.start(profiles);
  let start: StartObservation;
  let fleetMemory: ProbeMemory;
  let cpuPercent: number;
  let daemonEvents: number;
  let quietCpu: { percent: number | undefined; seconds: number };
  try {
    await fleet.until((seen) => seen.statusKnownMs !== undefined, options.timeoutMs);
    // Disk usage arrives after readiness; a refused df is not read again until an event.
    start = await fleet.until((seen) => seen.snapshotsCompleteMs !== undefined, Math.min(60_000, options.timeoutMs));
    await sleep(2_000);
    const idleFrom = Math.floor(Date.now() / 1000);
    // 5 s slices, so the CPU of slices without daemon events can be told apart from the whole.
    const samples = [{ ...(await fleet.cpu()), at: Date.now() }];
    while (samples.length <= options.idleSeconds / IDLE_SLICE_S) {
      await sleep(IDLE_SLICE_S * 1_000);
      samples.push({ ...(await fleet.cpu()), at: Date.now() });
    }
    const eventTimes = await eventsBetween(daemon, idleFrom, Math.ceil(Date.now() / 1000));
    daemonEvents = eventTimes.length;
    const cpuOf = (slices: Array<[(typeof samples)[number], (typeof samples)[number]]>) => {
      const micros = slices.reduce((sum, [a, b]) => sum + b.cpuMicros - a.cpuMicros, 0);
      const wall = slices.reduce((sum, [a, b]) => sum + b.wallMs - a.wallMs, 0);
      return wall === 0 ? undefined : (micros / 1_000 / wall) * 100;
    };
    const slices = samples.slice(1).map((sample, i) => [samples[i]!, sample] as [typeof sample, typeof sample]);
    // Quiet: no daemon event during the slice nor in the 3 s before it (work an event causes settles in that).
    const quiet = slices.filter(([a, b]) => !eventTimes.some((t) => t >= a.at - 3_000 && t <= b.at));
    cpuPercent = cpuOf(slices)!;
    quietCpu = { percent: cpuOf(quiet), seconds: quiet.length * IDLE_SLICE_S };
    fleetMemory = await fleet.memory();
  } finally {
    await fleet.stop();
  }

  const one = await ShellProcess.start(profiles.slice(0, 1));
  let oneMemory: ProbeMemory;
  try {
    await one.until((seen) => seen.snapshotsCompleteMs !== undefined, options.timeoutMs);
    await sleep(2_000);
    oneMemory = await one.memory();
  } finally {
    await one.stop();
  }

  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'berth-fleet-profile-'));
  const profileFile = path.join(profileDir, 'start.cpuprofile');
  const profiled = await ShellProcess.start(profiles, { cpuProfile: profileFile });
  let profile: ProfileSummary;
  let idleProfile: ProfileSummary;
  try {
    await profiled.until((seen) => seen.statusKnownMs !== undefined, options.timeoutMs);
    // The start only: up to 15 s more for disk usage, then the profile stops.
    await profiled.until((seen) => seen.snapshotsCompleteMs !== undefined, 15_000);
    await profiled.writeProfile();
    profile = summarizeCpuProfile(profileFile);
    await profiled.profileAgain();
    await sleep(IDLE_PROFILE_S * 1_000);
    await profiled.writeProfile();
    idleProfile = summarizeCpuProfile(profileFile);
  } finally {
    await profiled.stop();
    if (!process.env.BERTH_BENCH_KEEP_PROFILE) rmSync(profileDir, { recursive: true, force: true });
    else console.log(`CPU profile kept in ${profileFile}`);
  }

  return {
    hosts: profiles.length,
    floor,
    start,
    memory: { fleet: fleetMemory, one: oneMemory },
    idle: { seconds: options.idleSeconds, cpuPercent, daemonEvents, quiet: quietCpu },
    profile,
    idleProfile,
    idleProfileSeconds: IDLE_PROFILE_S,
    loadAverage,
  };
}

export function printFleetStartResults(r: FleetStartResult): void {
  const s = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(2)} s`);
  const ratio = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / r.floor.allAnsweredMs).toFixed(2)}×`);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const perHost = (key: 'rss' | 'heapUsed') => (r.memory.fleet[key] - r.memory.one[key]) / (r.hosts - 1);
  console.log(
    `\nFleet start: ${r.hosts} saved tcp hosts on one dockerd (load average before: ${r.loadAverage.map((l) => l.toFixed(2)).join(' ')})`,
  );
  const rows: Array<[string, string, string, string]> = [
    ['raw floor: 4 reads × every host at once', s(r.floor.allAnsweredMs), '1.00×', ''],
    ['raw floor: /version, /info, /containers only', s(r.floor.knownMs), ratio(r.floor.knownMs), ''],
    [`  /system/df in the floor: ${r.floor.dfOk} ok, ${r.floor.dfFailed} refused`, '', '', r.floor.dfFailure ?? ''],
    ['Berth: process start → serving', s(r.start.urlMs), ratio(r.start.urlMs), ''],
    [
      `Berth: start → every status known (${r.start.ready} ready, ${r.start.failed} failed, ${r.start.retried} retried)`,
      s(r.start.statusKnownMs),
      ratio(r.start.statusKnownMs),
      'target ≤ 1.5×',
    ],
    [
      `Berth: start → every snapshot with disk usage (${r.start.complete}/${r.hosts})`,
      s(r.start.snapshotsCompleteMs),
      ratio(r.start.snapshotsCompleteMs),
      '',
    ],
    [`  pushes to the renderer until then`, `${r.start.pushes}`, mb(r.start.pushBytes), ''],
    [`main RSS: ${r.hosts} hosts / 1 host`, mb(r.memory.fleet.rss), mb(r.memory.one.rss), `${mb(perHost('rss'))} per host`],
    [
      `main heap after GC: ${r.hosts} hosts / 1 host`,
      mb(r.memory.fleet.heapUsed),
      mb(r.memory.one.heapUsed),
      `${mb(perHost('heapUsed'))} per host`,
    ],
    [`  per host beyond the first (RSS)`, mb(perHost('rss')), '', 'target ≤ 1 MB'],
    [
      `idle CPU of main over ${r.idle.seconds} s (the daemon had ${r.idle.daemonEvents} events meanwhile)`,
      `${r.idle.cpuPercent.toFixed(2)} %`,
      '',
      'target < 1 % of a core',
    ],
    [
      `  CPU per daemon event per host (each event reaches all ${r.hosts})`,
      r.idle.daemonEvents === 0 ? '—' : `${((r.idle.cpuPercent * 10 * r.idle.seconds) / (r.idle.daemonEvents * r.hosts)).toFixed(2)} ms`,
      '',
      '',
    ],
    [
      `  of which ${r.idle.quiet.seconds} s without daemon events (none within 3 s before)`,
      r.idle.quiet.percent === undefined ? '—' : `${r.idle.quiet.percent.toFixed(2)} %`,
      '',
      'target < 1 % of a core',
    ],
  ];
  for (const [what, value, relative, note] of rows)
    console.log(`${what.padEnd(72)} ${value.padStart(10)} ${relative.padStart(10)}   ${note}`);
  printProfile(`a start`, r.profile);
  printProfile(`${r.idleProfileSeconds} s once everything is known`, r.idleProfile);
}

function printProfile(what: string, profile: ProfileSummary): void {
  const sec = (ms: number) => `${(ms / 1000).toFixed(2).padStart(7)} s`;
  console.log(
    `\nCPU profile of ${what}: ${(profile.totalMs / 1000).toFixed(2)} s sampled, ${(profile.busyMs / 1000).toFixed(2)} s not idle; self time:`,
  );
  for (const share of profile.byArea) console.log(`  ${sec(share.ms)}  ${share.name}`);
  console.log('heaviest functions:');
  for (const share of profile.topFunctions) console.log(`  ${sec(share.ms)}  ${share.name}`);
}

const IDLE_SLICE_S = 5;
const IDLE_PROFILE_S = 20;

/** When (ms) the daemon logged each event between two unix seconds (other benches share the fleet daemon). */
async function eventsBetween(daemon: BenchDaemon, since: number, until: number): Promise<number[]> {
  const answer = await request(daemon.socket, 'GET', `/events?since=${since}&until=${until}`);
  return answer.body
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => Number((JSON.parse(line) as { timeNano?: number }).timeNano ?? 0) / 1e6);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
