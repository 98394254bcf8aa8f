import type { SoakResult } from '../soak.bench.js';

/**
 * Heap growth per hour above which the memory verdict fails, but at least MIN_HEAP_SLACK_MB over
 * the run: a short run's few hundred KB of noise would otherwise extrapolate to a "leak".
 */
const MAX_HEAP_GROWTH_MB_PER_HOUR = 16;
const MIN_HEAP_SLACK_MB = 2;
/** A resource type may hold this many more at the end than at the start (a timer or request in flight). */
const HANDLE_SLACK = 3;

const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
const signed = (n: number, digits = 1) => `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;

function perHour(start: number, end: number, seconds: number): number {
  return seconds > 0 ? ((end - start) * 3600) / seconds : 0;
}

function tableOf(start: Record<string, number>, end: Record<string, number>): Array<{ name: string; start: number; end: number }> {
  const names = [...new Set([...Object.keys(start), ...Object.keys(end)])].sort();
  return names.map((name) => ({ name, start: start[name] ?? 0, end: end[name] ?? 0 }));
}

/** The verdicts of a soak run, one line each, then the details behind them. */
export function printSoakResults(result: SoakResult): void {
  const { options } = result;
  const measuredS = result.samples.at(-1)!.atS;
  console.log(
    `\nSoak: ${result.hostIds.length} hosts of one fleet dockerd (${result.hostIds.length - result.sshIds.length} tcp, ${result.sshIds.length} ssh), ${result.flappedIds.length} flapped through fault proxies, for ${(result.soakS / 60).toFixed(1)} min (seed ${options.seed})`,
  );
  console.log(
    `mode: ${options.mode} (fleet.liveSessionLimit ${result.liveSessionLimit}); hosts on standby at start ${result.start.standby}, at end ${result.end.standby}`,
  );

  const heapPerHour = perHour(result.start.memory.heapMb, result.end.memory.heapMb, measuredS);
  const rssPerHour = perHour(result.start.memory.rssMb, result.end.memory.rssMb, measuredS);
  const allowedMb = Math.max(MIN_HEAP_SLACK_MB, (MAX_HEAP_GROWTH_MB_PER_HOUR * measuredS) / 3600);
  const memoryPass = result.end.memory.heapMb - result.start.memory.heapMb <= allowedMb;

  const resources = tableOf(result.start.handles.resources, result.end.handles.resources);
  const sockets = tableOf(result.start.handles.sockets, result.end.handles.sockets);
  const grown = resources.filter((row) => row.end > row.start + HANDLE_SLACK);
  const connections = tableOf(result.start.connections, result.end.connections);
  // Idle kept-alive sockets come and go with the agents' timeouts; the others must not grow.
  const connectionsGrown = connections.filter((row) => row.name !== 'idle kept-alive' && row.end > row.start);
  const handlesPass = grown.length === 0 && connectionsGrown.length === 0;

  const outagesPerHost = new Map(result.flappedIds.map((id) => [id, 0]));
  for (const outage of result.outages) outagesPerHost.set(outage.hostId, (outagesPerHost.get(outage.hostId) ?? 0) + 1);
  const alertRows = result.flappedIds.map((hostId) => {
    const kinds = (result.hostDownAlerts[hostId] ?? []).map((alert) => alert.kind);
    const outages = outagesPerHost.get(hostId) ?? 0;
    const down = kinds.filter((kind) => kind === 'host-down').length;
    const recovered = kinds.filter((kind) => kind === 'host-recovered').length;
    const alternating = kinds.every((kind, i) => kind === (i % 2 === 0 ? 'host-down' : 'host-recovered'));
    return { hostId, outages, down, recovered, pass: down === outages && recovered === outages && alternating };
  });
  const unflappedAlerts = Object.entries(result.hostDownAlerts).filter(([hostId]) => !result.flappedIds.includes(hostId));
  const injected = result.outages.length;
  const downs = alertRows.reduce((sum, row) => sum + row.down, 0);
  const recovereds = alertRows.reduce((sum, row) => sum + row.recovered, 0);
  const alertsPass = alertRows.every((row) => row.pass) && unflappedAlerts.length === 0;

  // Every host is judged: a standby host's health reads replay the events since its last one
  // (/events?since&until), so its timeline must be whole too (shared/fleet-contract.ts).
  const standby = new Set(result.standbyIds ?? []);
  const isWhole = (timeline: SoakResult['timelines'][number]) => timeline.missing.length === 0 && timeline.extra.length === 0;
  const mismatched = result.timelines.filter((timeline) => !isWhole(timeline));
  const eventsPass = mismatched.length === 0 && result.timelines.length > 0 && result.daemonEvents > 0;
  const standbyWhole = result.timelines.filter((timeline) => standby.has(timeline.hostId) && isWhole(timeline)).length;
  const tricklePass = result.trickle.done > 0 && result.trickle.failed === 0;
  const rejectionsPass = result.unhandledRejections.length === 0;

  console.log('\ncheck                 verdict  figures');
  const line = (name: string, pass: boolean, figures: string) => console.log(`${name.padEnd(21)} ${verdict(pass).padEnd(8)} ${figures}`);
  line(
    'main heap after GC',
    memoryPass,
    `${result.start.memory.heapMb.toFixed(1)} → ${result.end.memory.heapMb.toFixed(1)} MB (${signed(heapPerHour)} MB/h over ${measuredS} s; allowed +${allowedMb.toFixed(1)} MB = ${MAX_HEAP_GROWTH_MB_PER_HOUR} MB/h, at least ${MIN_HEAP_SLACK_MB} MB)`,
  );
  console.log(
    `${'main RSS'.padEnd(21)} ${'(info)'.padEnd(8)} ${result.start.memory.rssMb.toFixed(0)} → ${result.end.memory.rssMb.toFixed(0)} MB (${signed(rssPerHour)} MB/h); external ${result.start.memory.externalMb.toFixed(1)} → ${result.end.memory.externalMb.toFixed(1)} MB, of it ArrayBuffers ${result.start.memory.arrayBuffersMb.toFixed(1)} → ${result.end.memory.arrayBuffersMb.toFixed(1)} MB`,
  );
  line(
    'open handles',
    handlesPass,
    `${sum(resources, 'start')} → ${sum(resources, 'end')} active resources; Berth's streams ${count(connections, 'streams open')}, requests ${count(connections, 'requests in flight')}, idle sockets ${count(connections, 'idle kept-alive')}, SSH channels ${count(connections, 'ssh channels')}${[...grown, ...connectionsGrown].length ? `; grown: ${[...grown, ...connectionsGrown].map((row) => `${row.name} ${row.start}→${row.end}`).join(', ')}` : ''}`,
  );
  line(
    'hostDown alerts',
    alertsPass,
    `${injected} outages injected: ${downs} "down", ${recovereds} "recovered"; ${unflappedAlerts.length} hosts not flapped raised some`,
  );
  line(
    'timelines = events',
    eventsPass,
    `${result.timelines.length - mismatched.length} of ${result.timelines.length} hosts' timelines equal the daemon's ${result.daemonEvents} events${standby.size ? ` (${standby.size} hosts were on standby at some reading; ${standbyWhole} of them equal)` : ''}`,
  );
  line(
    'container trickle',
    tricklePass,
    `${result.trickle.done} cycles, ${result.trickle.failed} failed${result.trickle.lastError ? ` (${result.trickle.lastError})` : ''}`,
  );
  if (result.activity)
    console.log(
      `${'main CPU and GC'.padEnd(21)} ${'(info)'.padEnd(8)} ${result.activity.cpuPercent.toFixed(1)} % of a core during the soak (Berth, proxies and trickle); ${result.activity.gcs} GCs (${result.activity.majorGcs} major), ${(result.activity.gcPauseMs / 1000).toFixed(1)} s of pauses`,
    );
  line('unhandled rejections', rejectionsPass, String(result.unhandledRejections.length));
  const all = memoryPass && handlesPass && alertsPass && eventsPass && tricklePass && rejectionsPass;
  console.log(`${'SOAK'.padEnd(21)} ${verdict(all)}`);

  console.log('\nmemory after GC        t (s)   heap (MB)   heap total (MB)   RSS (MB)   external (MB)   ready   standby');
  for (const s of result.samples)
    console.log(
      `${''.padEnd(20)} ${String(s.atS).padStart(7)} ${s.memory.heapMb.toFixed(1).padStart(11)} ${(s.memory.heapTotalMb ?? NaN).toFixed(0).padStart(17)} ${s.memory.rssMb.toFixed(0).padStart(10)} ${s.memory.externalMb.toFixed(1).padStart(15)} ${String(s.ready).padStart(7)} ${String(s.standby).padStart(9)}`,
    );
  console.log('\nopen handles (start → end)');
  for (const row of [
    ...resources,
    ...sockets.map((row) => ({ ...row, name: `ref'd socket: ${row.name}` })),
    ...connections.map((row) => ({ ...row, name: `Berth: ${row.name}` })),
  ])
    console.log(`  ${row.name.padEnd(42)} ${String(row.start).padStart(5)} → ${String(row.end).padStart(5)}`);
  console.log(`  child processes at start: ${result.start.handles.processes.join('; ') || 'none'}`);
  console.log(`  child processes at end: ${result.end.handles.processes.join('; ') || 'none'}`);
  console.log('\nflapped host          outages   "down"   "recovered"');
  for (const row of alertRows)
    console.log(
      `  ${row.hostId.padEnd(19)} ${String(row.outages).padStart(7)} ${String(row.down).padStart(8)} ${String(row.recovered).padStart(13)}  ${verdict(row.pass)}`,
    );
  for (const [hostId, alerts] of unflappedAlerts)
    for (const alert of alerts) console.log(`  not flapped: ${hostId} ${alert.kind} at ${atS(result, alert.at)} s: ${alert.message}`);
  for (const { outage, alerts } of unmatchedOutages(result))
    console.log(
      `  no "down" for ${outage.hostId} ${outage.kind} ${outage.startS}+${outage.lengthS} s; its alerts nearby: ${alerts.map((alert) => `${alert.kind} at ${atS(result, alert.at)} s (${alert.message})`).join('; ') || 'none'}`,
    );
  console.log(
    `\noutage schedule (s after the soak started): ${result.outages.map((o) => `${o.hostId} ${o.kind} ${o.startS}+${o.lengthS}`).join('; ')}`,
  );
  if (mismatched.length) {
    console.log("\ntimelines that differ from `docker events` (missing = in the daemon's, not the timeline):");
    for (const timeline of mismatched.slice(0, 20))
      console.log(
        `  ${timeline.hostId.padEnd(14)} ${timeline.events} events, ${timeline.missing.length} missing, ${timeline.extra.length} extra; e.g. ${[...timeline.missing.slice(0, 2).map((l) => `- ${l}`), ...timeline.extra.slice(0, 2).map((l) => `+ ${l}`)].join(' | ')}`,
      );
    if (mismatched.length > 20) console.log(`  … and ${mismatched.length - 20} more hosts`);
  }
  for (const reason of result.unhandledRejections.slice(0, 5)) console.log(`unhandled rejection: ${reason.split('\n')[0]}`);
  console.log(`\nfull result (schedule, samples, differences): ${result.resultFile}`);
}

const atS = (result: SoakResult, at: number) => Math.round((at - result.startedAt) / 1000);

/** Outages with no "down" raised while they lasted (or just after), with the host's alerts around them. */
function unmatchedOutages(result: SoakResult) {
  return result.outages.flatMap((outage) => {
    const alerts = result.hostDownAlerts[outage.hostId] ?? [];
    const from = result.startedAt + outage.startS * 1000;
    const to = from + outage.lengthS * 1000;
    if (alerts.some((alert) => alert.kind === 'host-down' && alert.at >= from && alert.at <= to + 5_000)) return [];
    return [{ outage, alerts: alerts.filter((alert) => alert.at >= from - 120_000 && alert.at <= to + 120_000) }];
  });
}

function sum(rows: Array<{ start: number; end: number }>, key: 'start' | 'end'): number {
  return rows.reduce((total, row) => total + row[key], 0);
}

function count(rows: Array<{ name: string; start: number; end: number }>, name: string): string {
  const row = rows.find((candidate) => candidate.name === name);
  return row ? `${row.start} → ${row.end}` : '-';
}
