import { benchCleanupPreview, printCleanupPreviewResults } from './cleanup.bench.js';
import { benchContainers, printContainersResults } from './containers.bench.js';
import { benchEventBurst, benchPlainReads, printEventResults } from './events.bench.js';
import { benchFleetStart, printFleetStartResults } from './fleet-start.bench.js';
import { benchLogMemory, benchLogView, printLogMemoryResults, printLogViewResults } from './log-view.bench.js';
import { benchImagesView, printImagesViewResults } from './images-view.bench.js';
import { benchPatches, printPatchesResults } from './patches.bench.js';
import { benchManyContainers, printManyContainersResults } from './many-containers.bench.js';
import { benchRefresh, printRefreshResults } from './refresh.bench.js';
import { benchSearch, printSearchResults } from './search.bench.js';
import { benchSnapshotStore, printSnapshotStoreResults } from './snapshot-store.bench.js';
import { benchTlsGeneration } from './tls-generate.bench.js';
import { benchUi, benchWizardResponsiveness, printUiResults, printWizardResults } from './ui.bench.js';
import { benchStatsSoak, printStatsSoakResults } from './stats-soak.bench.js';
import { benchSoak } from './soak.bench.js';
import { printSoakResults } from './soak/soak-report.js';
import { ms } from './stats.js';
import type { LabDaemonName } from '../e2e/lab/manifest.js';

// `npm run bench`: benchmarks against the running lab (npm run lab:up) and in Debian's Chromium.
// Figures vary with the machine, so the refresh is reported as a ratio against the docker CLI
// measured in the same run. `--quick` runs fewer repetitions; `--only NAME` one group
// (refresh, events, tls, containers, ui, logs, logs-memory, stats, cleanup, images, search, snapshots, fleet, many).
// `--only fleet` needs the bench fleet daemon (bench/fleet/bench-daemons.ts; 200 ports, reused) and `npm run build`;
// `many` the bench dockerd with 10,000 containers (started as root, or reused, and left running).
// `--only stats-soak` is the 10-minute run of `stats` (which takes 1 minute). `--only patches`
// (bytes pushed per container event on a host with 10,000 containers) needs the same `many`
// daemon and is not part of the default run.
// `--only soak` (never part of a plain `npm run bench`): 100 hosts of the fleet dockerd for
// `--minutes N` (default 30) while 10 are flapped and containers come and go; `--mode policy`
// runs it with the default fleet.liveSessionLimit instead of every host live, `--seed N` another
// outage schedule, `--heap-snapshots` writes V8 heap snapshots at its start and end readings.
const quick = process.argv.includes('--quick');
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1];
const wanted = (name: string) => only === undefined || only === name;
// `--daemon btrfs`: the stats runs on another lab daemon than tcp, whose container list other tests change.
const daemonIndex = process.argv.indexOf('--daemon');
const statsDaemon = daemonIndex === -1 ? undefined : (process.argv[daemonIndex + 1] as LabDaemonName);

if (wanted('refresh')) printRefreshResults(await benchRefresh({ runs: quick ? 10 : 50, cliRuns: quick ? 3 : 10 }));

if (wanted('events')) printEventResults(await benchEventBurst({ events: 1_000 }), await benchPlainReads({ requests: quick ? 100 : 400 }));

if (wanted('tls')) {
  const results = await benchTlsGeneration({ runs: quick ? 3 : 9 });
  console.log('\nTLS certificate set (CA + server + client), generated in process — median');
  for (const r of results)
    console.log(
      `${r.keyType.padEnd(9)} ${ms(r.medianMs).padEnd(10)} (min ${ms(r.minMs)}, max ${ms(r.maxMs)})${r.keyType === 'ec-p256' ? '   target ≤ 200 ms' : ''}`,
    );
}

if (wanted('containers')) printContainersResults(await benchContainers({ lines: 100_000, runs: quick ? 5 : 20 }));

if (wanted('ui')) printUiResults(await benchUi({ switches: quick ? 10 : 30, events: quick ? 5 : 15, bigHost: 5_000 }));

if (wanted('search')) printSearchResults(await benchSearch({ hosts: 200, perHost: 50, rounds: quick ? 1 : 3 }));

if (wanted('snapshots')) printSnapshotStoreResults(await benchSnapshotStore({ runs: quick ? 3 : 9 }));
if (wanted('many'))
  printManyContainersResults(
    await benchManyContainers({
      containers: 10_000,
      appStarts: quick ? 1 : 2,
      switches: quick ? 3 : 7,
      events: quick ? 10 : 20,
      cliRuns: quick ? 3 : 5,
    }),
  );

if (wanted('logs')) printLogViewResults(await benchLogView(100_000));

if (wanted('cleanup')) printCleanupPreviewResults(await benchCleanupPreview({ runs: quick ? 10 : 30, cliRuns: quick ? 3 : 10 }));
if (wanted('images')) printImagesViewResults(await benchImagesView({ tags: 2_000, runs: quick ? 3 : 9 }));
if (wanted('stats'))
  printStatsSoakResults(await benchStatsSoak({ durationS: 60, everyS: 10, ...(statsDaemon && { daemon: statsDaemon }) }));

if (only === 'stats-soak')
  printStatsSoakResults(await benchStatsSoak({ durationS: 600, everyS: 30, ...(statsDaemon && { daemon: statsDaemon }) }));

if (only === 'patches') printPatchesResults(await benchPatches({ events: quick ? 6 : 20 }));
if (wanted('fleet')) printFleetStartResults(await benchFleetStart({ idleSeconds: quick ? 15 : 60, timeoutMs: 180_000 }));
const argValue = (name: string) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} wants a positive number, not "${text}"`);
  return value;
}

if (only === 'soak')
  printSoakResults(
    await benchSoak({
      minutes: positiveNumber('--minutes', argValue('--minutes') ?? '30'),
      hosts: 100,
      sshHosts: 3,
      flapped: 10,
      mode: argValue('--mode') === 'policy' ? 'policy' : 'all-live',
      seed: Number(argValue('--seed') ?? 12),
      heapSnapshots: process.argv.includes('--heap-snapshots'),
    }),
  );

if (wanted('logs-memory')) printLogMemoryResults(await benchLogMemory(1_000_000));

if (wanted('tls') || wanted('ui')) printWizardResults(await benchWizardResponsiveness());
