import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { type LabManifest, loadLabManifest } from '../e2e/lab/manifest.js';
import { type BerthApp, startBerthApp } from '../e2e/support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../e2e/support/browser.js';
import { startManyContainersDaemon } from './fleet/bench-daemons.js';
import { type MainThreadTasks, traceMainThreadTasks } from './main-thread-tasks.js';
import { median, ms, timeRuns } from './stats.js';

/** Where one event's time went: daemon event → push arrives in the page → row painted. */
export interface EventTiming {
  action: 'start' | 'die';
  /** Daemon event (its own timestamp) → the row shows the new state, at the next frame. */
  totalMs: number;
  /** Daemon event → the first push carrying the change (a host:containers-patch) arriving in the page after it. */
  toPushMs: number;
  /** That push's size (characters of the WebSocket message). */
  pushBytes: number;
  /** The page's handler of that push: JSON.parse and the store update; then until React rendered. */
  handleMs: number;
  renderedMs: number;
}

export interface ManyContainersBenchResult {
  containers: number;
  /** `docker ps -a` of the same daemon (a CLI process: list and print every row), median. */
  dockerPsMs: number;
  /** One /system/df of the same daemon (the first snapshot waits for it), retried while another runs. */
  diskUsageMs: number;
  /** Start of the app (a fresh data dir, the host saved) → the page shows its first container rows, each run. */
  appStartToRowsMs: number[];
  /** Start of the app → main holds the host's first snapshot (polled every 50 ms), each run. */
  appStartToSnapshotMs: number[];
  /** Selecting the host in the sidebar (from another host) → its table's first rows painted, each switch. */
  selectToRowsMs: number[];
  scroll: ScrollFigures;
  /** One frame with nothing to do in that page: the floor under the page figures on this machine. */
  idleFrameMs: number;
  events: EventTiming[];
  fleetView: { firstRowsMs: number[]; scroll: ScrollFigures; rows: number };
}

interface ScrollFigures {
  /** From the Long Tasks API in the page (wall time). */
  longestMs: number;
  overFifty: number;
  worstFrameMs: number;
  /** From Chromium's trace: wall and thread (CPU) time of every main-thread task. */
  trace: MainThreadTasks;
  /** Whole-snapshot pushes (over 1 MB) of the host that arrived meanwhile (the daemon's other users' events), and their handling time. */
  bigPushes: number;
  bigPushesMs: number;
}

type Probes = {
  berthBench: {
    timeClickToRows(containerLabel: string, buttonName: string, viewLabel: string): Promise<number>;
    rowStateAt(id: string, state: string): Promise<number>;
    scrollContainers(rowsLabel?: string): Promise<{ longest: number; count: number; worstFrame: number }>;
    scrollRowsToTop(rowsLabel?: string): void;
    idleFrame(): Promise<number>;
  };
  berthBenchPushes: Array<{ at: number; bytes: number; channel: string; handleMs: number; renderedMs: number }>;
};

const HOST_NAME = 'many containers';
const OTHER_NAME = 'bench vfs';
const probes = (name: string) => fileURLToPath(new URL(`./page/${name}`, import.meta.url));

async function saveHosts(app: BerthApp, lab: LabManifest, port: number, withOther: boolean): Promise<void> {
  const drafts = [
    ...(withOther ? [{ id: 'bench-vfs', name: OTHER_NAME, transport: lab.daemons.vfs.transport }] : []),
    { id: 'bench-many', name: HOST_NAME, transport: { type: 'tcp' as const, host: '127.0.0.1', port } },
  ];
  for (const draft of drafts) {
    const reply = await app.service.invoke('hosts:save', { draft: { ...draft, tags: [], keepStoredSecrets: false } });
    if (!reply.ok) throw new Error(`could not add ${draft.name}: ${reply.error.message}`);
  }
}

async function openPage(chromium: TestBrowser, app: BerthApp): Promise<Page> {
  const page = await (await chromium.newContext()).newPage();
  await page.setViewportSize({ width: 1440, height: 1000 });
  page.on('crash', () => console.error('bench: the page crashed (out of memory?)'));
  page.on('pageerror', (error) => console.error(`bench: page error: ${error.message}`));
  await page.addInitScript({ path: probes('push-timing.js') });
  await page.addInitScript({ path: probes('probes.js') });
  await page.goto(app.url);
  return page;
}

const firstRow = (page: Page) => page.locator('[aria-label="Container rows"] [role="row"]').first();

/** Until main's snapshot of the host lists `total` containers (polled every 50 ms). */
async function waitForCount(app: BerthApp, total: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const reply = await app.service.invoke('hosts:snapshot', { hostId: 'bench-many' });
    if (reply.ok && reply.value && 'counts' in reply.value && reply.value.counts.total >= total) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the host never showed ${total} containers`);
}

/** The page in both themes (test-results/screenshots, not timed). */
async function shoot(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(150);
    await page.screenshot({ path: screenshotPath(`${name}-${colorScheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Until the containers table holds `rows` rows (the header is one more). */
async function waitForRows(page: Page, rows: number): Promise<void> {
  const table = page.getByRole('table', { name: 'Containers' });
  const deadline = Date.now() + 60_000;
  while (Number(await table.getAttribute('aria-rowcount')) <= rows) {
    if (Date.now() > deadline) throw new Error(`the containers table never held ${rows} rows`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** POST/GET on the bench daemon over tcp, kept alive; the body as text. */
function engine(agent: http.Agent, port: number, method: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode && response.statusCode < 300) resolve(body);
        else reject(new Error(`${method} ${path}: HTTP ${response.statusCode} ${body}`));
      });
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * One `/system/df` of the daemon (what a host's first snapshot waits for today), retried while
 * another client's is running (dockerd runs one at a time).
 */
async function timeDiskUsage(agent: http.Agent, port: number): Promise<number> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const started = performance.now();
    try {
      await engine(agent, port, 'GET', '/system/df');
      return performance.now() - started;
    } catch (error) {
      if (Date.now() > deadline || !String(error).includes('already running')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * The daemon's own event times (ms), from its /events stream: `next(id, action)`, asked before the
 * action is sent, resolves with the time of the first such event after it.
 */
function watchEvents(port: number): { next(id: string, action: string): Promise<number>; close(): void } {
  const waiting = new Map<string, (at: number) => void>();
  const filters = encodeURIComponent(JSON.stringify({ type: ['container'], event: ['start', 'die'] }));
  const request = http.get({ host: '127.0.0.1', port, path: `/events?filters=${filters}` }, (response) => {
    let buffered = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const event = JSON.parse(line) as { id: string; Action: string; timeNano: number };
        const key = `${event.id}/${event.Action}`;
        waiting.get(key)?.(event.timeNano / 1e6);
        waiting.delete(key);
      }
    });
  });
  request.on('error', () => undefined);
  return {
    next: (id, action) =>
      new Promise((resolve, reject) => {
        const key = `${id}/${action}`;
        const timer = setTimeout(() => reject(new Error(`no ${action} event of ${id} within 30 s`)), 30_000);
        waiting.set(key, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      }),
    close: () => request.destroy(),
  };
}

async function scrollFigures(chromium: TestBrowser, page: Page): Promise<ScrollFigures> {
  await page.evaluate(() => (globalThis as unknown as Probes).berthBench.scrollRowsToTop());
  const pushesBefore = await page.evaluate(() => (globalThis as unknown as Probes).berthBenchPushes.length);
  const { result, tasks } = await traceMainThreadTasks(chromium.browser, page, () =>
    page.evaluate(() => (globalThis as unknown as Probes).berthBench.scrollContainers()),
  );
  const pushes = await page.evaluate(
    (from) => (globalThis as unknown as Probes).berthBenchPushes.slice(from).filter((p) => p.bytes > 1_000_000),
    pushesBefore,
  );
  return {
    longestMs: result.longest,
    overFifty: result.count,
    worstFrameMs: result.worstFrame,
    trace: tasks,
    bigPushes: pushes.length,
    bigPushesMs: pushes.reduce((sum, p) => sum + p.renderedMs, 0),
  };
}

/**
 * One host with 10,000 containers (bench/fleet/bench-daemons.ts, reused while it runs) in the
 * browser shell and Debian's Chromium: app start and host selection to the first rows (against
 * `docker ps -a` of the same daemon), scrolling the table top to bottom, daemon event → row
 * (start and kill of containers near the top of the list, timed from the daemon's own event
 * timestamp), and the fleet Containers view with that host and a lab host.
 */
export async function benchManyContainers(options: {
  containers: number;
  appStarts: number;
  switches: number;
  events: number;
  cliRuns: number;
}): Promise<ManyContainersBenchResult> {
  const lab = loadLabManifest();
  const daemon = await startManyContainersDaemon(lab, { containers: options.containers });
  const port = daemon.tcpPorts[0]!;
  const dockerPsMs = median(
    await timeRuns(options.cliRuns, 1, () =>
      execFileSync('docker', ['-H', `tcp://127.0.0.1:${port}`, 'ps', '-a'], { maxBuffer: 256 * 1024 * 1024 }),
    ),
  );
  const chromium = await launchChromium();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  try {
    const diskUsageMs = await timeDiskUsage(agent, port);
    // App start → first rows: a fresh app each time, the host saved, the page opened.
    const appStartToRowsMs: number[] = [];
    const appStartToSnapshotMs: number[] = [];
    for (let run = 0; run < options.appStarts; run += 1) {
      const started = performance.now();
      const app = await startBerthApp();
      try {
        await saveHosts(app, lab, port, false);
        const page = await openPage(chromium, app);
        const snapshotAt = waitForCount(app, 1, 300_000).then(() => performance.now() - started);
        await firstRow(page).waitFor({ timeout: 300_000 });
        appStartToRowsMs.push(performance.now() - started);
        appStartToSnapshotMs.push(await snapshotAt);
        await page.context().close();
      } finally {
        await app.close();
      }
    }

    const app = await startBerthApp();
    const events = watchEvents(port);
    try {
      await saveHosts(app, lab, port, true);
      await waitForCount(app, options.containers);
      const page = await openPage(chromium, app);
      const clickToRows = (containerLabel: string, button: string, view: string) =>
        page.evaluate(
          ([containerLabel, button, view]) => (globalThis as unknown as Probes).berthBench.timeClickToRows(containerLabel!, button!, view!),
          [containerLabel, button, view],
        );
      const hosts = page.getByRole('navigation', { name: 'Hosts' });
      await hosts.getByRole('button', { name: OTHER_NAME, exact: true }).click();
      await page.getByText('running ·').first().waitFor({ timeout: 60_000 });

      // Host selection → first rows, alternating with the small lab host.
      const selectToRowsMs: number[] = [];
      for (let i = 0; i < options.switches; i += 1) {
        selectToRowsMs.push(await clickToRows('Hosts', HOST_NAME, `Dashboard of ${HOST_NAME}`));
        await clickToRows('Hosts', OTHER_NAME, `Dashboard of ${OTHER_NAME}`);
      }
      await clickToRows('Hosts', HOST_NAME, `Dashboard of ${HOST_NAME}`);
      await waitForRows(page, options.containers);
      const scroll = await scrollFigures(chromium, page);
      const frames: number[] = [];
      for (let i = 0; i < 20; i += 1) frames.push(await page.evaluate(() => (globalThis as unknown as Probes).berthBench.idleFrame()));

      // Event → row: start, then kill, containers the table shows at its top (newest first), not running.
      await page.evaluate(() => (globalThis as unknown as Probes).berthBench.scrollRowsToTop());
      // Only the harness's own containers (`bench-N-…`): others may use this daemon meanwhile.
      const listed = JSON.parse(await engine(agent, port, 'GET', '/containers/json?all=1&limit=28')) as Array<{
        Id: string;
        State: string;
        Names: string[];
      }>;
      const targets = listed.filter((c) => c.State !== 'running' && /^\/bench-\d+-/.test(c.Names[0] ?? '')).map((c) => c.Id);
      if (targets.length === 0) throw new Error('no stopped harness container among the newest 28 of the bench daemon');
      const timings: EventTiming[] = [];
      for (let i = 0; i < options.events; i += 1) {
        const id = targets[Math.floor(i / 2) % targets.length]!;
        const action = i % 2 === 0 ? 'start' : 'die';
        const state = action === 'start' ? 'running' : 'exited';
        const shown = page.evaluate(([id, state]) => (globalThis as unknown as Probes).berthBench.rowStateAt(id!, state!), [id, state]);
        // Should the action fail, its error is the one reported (not this wait's, cut by closing the page).
        shown.catch(() => undefined);
        const event = events.next(id, action);
        await engine(agent, port, 'POST', `/containers/${id}/${action === 'start' ? 'start' : 'kill'}`);
        const eventAt = await event;
        const rowAt = await shown;
        const pushes = await page.evaluate(() => (globalThis as unknown as Probes).berthBenchPushes);
        // The push that carried the change: a patch of that one row (or, from older builds, the whole snapshot).
        const push = pushes.find(
          (p) => p.at >= eventAt && (p.channel === 'host:containers-patch' || (p.channel === 'host:snapshot' && p.bytes > 1_000_000)),
        );
        timings.push({
          action,
          totalMs: rowAt - eventAt,
          toPushMs: push ? push.at - eventAt : NaN,
          pushBytes: push?.bytes ?? 0,
          handleMs: push?.handleMs ?? NaN,
          renderedMs: push?.renderedMs ?? NaN,
        });
        if (process.env.BERTH_BENCH_VERBOSE) console.log(JSON.stringify(timings.at(-1)));
        // Let this event's pushes settle so the next one is timed alone.
        await new Promise((resolve) => setTimeout(resolve, 300));
      }

      // The fleet Containers view with that host and the lab host.
      const fleetFirstRows: number[] = [];
      for (let i = 0; i < options.switches; i += 1) {
        fleetFirstRows.push(await clickToRows('Views', 'Containers', 'Containers on every host'));
        await clickToRows('Hosts', OTHER_NAME, `Dashboard of ${OTHER_NAME}`);
      }
      await clickToRows('Views', 'Containers', 'Containers on every host');
      const fleetRows = Number(
        ((await page.getByRole('table', { name: 'Containers' }).getAttribute('aria-rowcount')) ?? '1').replace(/\D/g, ''),
      );
      const fleetScroll = await scrollFigures(chromium, page);
      await shoot(page, 'many-containers-fleet-view');
      await clickToRows('Hosts', HOST_NAME, `Dashboard of ${HOST_NAME}`);
      await page.evaluate(() => (globalThis as unknown as Probes).berthBench.scrollRowsToTop());
      await shoot(page, 'many-containers-table');
      return {
        containers: options.containers,
        dockerPsMs,
        diskUsageMs,
        appStartToRowsMs,
        appStartToSnapshotMs,
        selectToRowsMs,
        scroll,
        idleFrameMs: median(frames),
        events: timings,
        fleetView: { firstRowsMs: fleetFirstRows, scroll: fleetScroll, rows: fleetRows - 1 },
      };
    } finally {
      events.close();
      await app.close();
    }
  } finally {
    agent.destroy();
    await chromium.close();
    // The daemon is shared (other benchmarks and engineers reuse it): it keeps running.
  }
}

const spread = (values: readonly number[]) =>
  `median ${ms(median(values))} (min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))}, ${values.length} runs)`;

function printScroll(label: string, s: ScrollFigures): void {
  console.log(
    `  ${label}: longest task ${ms(s.longestMs)} wall (${s.overFifty} over 50 ms), worst frame ${ms(s.worstFrameMs)}; trace: longest ${ms(s.trace.longestWallMs)} wall / ${ms(s.trace.longestCpuMs)} CPU, over 50 ms: ${s.trace.overFiftyWall} wall / ${s.trace.overFiftyCpu} CPU, page CPU ${ms(s.trace.totalCpuMs)} in ${s.trace.tasks} tasks (load ${s.trace.loadAverage.toFixed(1)})   target: none over 50 ms`,
  );
  console.log(
    `    meanwhile ${s.bigPushes} whole-snapshot pushes of the host arrived (other users of the daemon), handled in ${ms(s.bigPushesMs)} together`,
  );
}

export function printManyContainersResults(r: ManyContainersBenchResult): void {
  const ratio = (value: number) => (value / r.dockerPsMs).toFixed(2);
  console.log(`\nOne host with ${r.containers.toLocaleString('en-US')} containers (bench dockerd), browser shell in Chromium`);
  console.log(`  docker ps -a (CLI process, same daemon)      ${ms(r.dockerPsMs)}`);
  console.log(`  /system/df (HTTP, same daemon)               ${ms(r.diskUsageMs)}   (a first snapshot waits for it today)`);
  console.log(`  app start → first rows      ${spread(r.appStartToRowsMs)}   ratio / docker ps -a ${ratio(median(r.appStartToRowsMs))}`);
  console.log(`    of which app start → main holds the snapshot: ${spread(r.appStartToSnapshotMs)}`);
  console.log(`  select host → first rows    ${spread(r.selectToRowsMs)}   ratio / docker ps -a ${ratio(median(r.selectToRowsMs))}`);
  printScroll('scrolling the host table top to bottom', r.scroll);
  const totals = r.events.map((e) => e.totalMs);
  const of = (pick: (e: EventTiming) => number) => {
    const values = r.events.map(pick).filter((v) => Number.isFinite(v));
    return values.length === 0 ? Number.NaN : median(values);
  };
  console.log(`  an idle frame in that page: ${ms(r.idleFrameMs)} (median of 20)`);
  console.log(
    `  event → row (${r.events.length} start/kill events): median ${ms(median(totals))}, max ${ms(Math.max(...totals))}   target ≤ 250 ms`,
  );
  console.log(
    `    where it goes (medians): event → push in the page ${ms(of((e) => e.toPushMs))} (${(of((e) => e.pushBytes) / 1e3).toFixed(1)} KB), page handler ${ms(of((e) => e.handleMs))}, until rendered ${ms(of((e) => e.renderedMs))}`,
  );
  console.log(
    `  fleet Containers view (${r.fleetView.rows.toLocaleString('en-US')} rows, 2 hosts): open → first rows ${spread(r.fleetView.firstRowsMs)}`,
  );
  printScroll('scrolling the fleet table top to bottom', r.fleetView.scroll);
}
