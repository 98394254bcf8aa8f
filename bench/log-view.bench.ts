import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { labDockerArgs, loadLabManifest } from '../e2e/lab/manifest.js';
import { type BerthApp, startBerthApp } from '../e2e/support/berth-app.js';
import { type TestBrowser, launchChromium } from '../e2e/support/browser.js';
import { type MainThreadTasks, traceMainThreadTasks } from './main-thread-tasks.js';
import { ms } from './stats.js';

export interface LogViewBenchResult {
  lines: number;
  /** From Apply (tail all) to the frame where every line is counted in the view. */
  allInViewMs: number;
  kept: number;
  dropped: number;
  /** Long Tasks API (wall time over 50 ms) while the lines came in. */
  longestTaskMs: number;
  longTasks: number;
  /** The same period from Chromium's trace: wall and thread (CPU) time of every main-thread task. */
  traced: MainThreadTasks;
  /** Renderer JS heap once all lines are in (after a forced GC). */
  heapMb: number;
}

export interface LogMemoryBenchResult {
  lines: number;
  /** Lines the view keeps at most (read from its "older lines dropped" note). */
  cap: number;
  /** Renderer JS heap after a forced GC: the tab open with no line, with `cap` lines, with every line. */
  emptyHeapMb: number;
  atCapHeapMb: number;
  allLinesHeapMb: number;
  allLinesMs: number;
}

type Probes = {
  berthBench: {
    watchLongTasks(): void;
    stopLongTasks(): { longest: number; count: number };
    logLinesCounted(total: number): Promise<{ kept: number; dropped: number; cap: number; at: number }>;
  };
};

/** A lab container that printed `lines` numbered lines, the app, Chromium and a page on its Logs tab. */
interface LogsBench {
  page: Page;
  chromium: TestBrowser;
  /** Applies a tail and resolves at the frame where `expected` lines are counted (kept plus dropped). */
  applyTail(tail: string, expected: number): Promise<{ kept: number; dropped: number; cap: number; at: number; started: number }>;
  heapMb(): Promise<number>;
  close(): Promise<void>;
}

async function openLogsBench(lines: number): Promise<LogsBench> {
  const lab = loadLabManifest();
  const name = `bench-logs-${Date.now().toString(36)}`;
  const docker = (...args: string[]) => execFileSync('docker', [...labDockerArgs(lab, 'tcp'), ...args], { encoding: 'utf8' }).trim();
  docker('run', '-d', '--network', 'none', '--name', name, lab.image, 'sh', '-c', `seq 1 ${lines} | sed 's/^/log line /'; sleep 3600`);
  let app: BerthApp | undefined;
  let chromium: TestBrowser | undefined;
  const close = async () => {
    await chromium?.close();
    await app?.close();
    docker('rm', '-f', name);
  };
  try {
    app = await startBerthApp();
    chromium = await launchChromium();
    const reply = await app.service.invoke('hosts:save', {
      draft: { id: 'bench-logs', name: 'bench logs', tags: [], transport: lab.daemons.tcp.transport, keepStoredSecrets: false },
    });
    if (!reply.ok) throw new Error(reply.error.message);
    // The daemon has every line before the view asks.
    for (let i = 0; i < 300 && !docker('logs', '--tail', '1', name).endsWith(String(lines)); i += 1)
      await new Promise((r) => setTimeout(r, 200));
    const page = await (await chromium.newContext()).newPage();
    await page.addInitScript({ path: fileURLToPath(new URL('./page/probes.js', import.meta.url)) });
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'bench logs', exact: true }).click();
    await page.getByRole('table', { name: 'Containers' }).getByText(name, { exact: true }).click();
    await page.getByRole('tab', { name: /Logs/ }).click();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    return {
      page,
      chromium,
      async applyTail(tail, expected) {
        await page.getByLabel('Tail lines').fill(tail);
        const started = Date.now();
        await page.getByRole('button', { name: 'Apply' }).click();
        const counted = await page.evaluate((total) => (globalThis as unknown as Probes).berthBench.logLinesCounted(total), expected);
        return { ...counted, started };
      },
      async heapMb() {
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        return usedSize / 1024 / 1024;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Opens the Logs tab of a container that printed `lines` lines with tail "all" and times until
 * every line is in the view (kept plus dropped by the 50,000-line cap), with the page's
 * main-thread tasks meanwhile.
 */
export async function benchLogView(lines = 100_000): Promise<LogViewBenchResult> {
  const bench = await openLogsBench(lines);
  try {
    await bench.page.evaluate(() => (globalThis as unknown as Probes).berthBench.watchLongTasks());
    const { result: counted, tasks: traced } = await traceMainThreadTasks(bench.chromium.browser, bench.page, () =>
      bench.applyTail('all', lines),
    );
    const tasks = await bench.page.evaluate(() => (globalThis as unknown as Probes).berthBench.stopLongTasks());
    return {
      lines,
      allInViewMs: counted.at - counted.started,
      kept: counted.kept,
      dropped: counted.dropped,
      longestTaskMs: tasks.longest,
      longTasks: tasks.count,
      traced,
      heapMb: await bench.heapMb(),
    };
  } finally {
    await bench.close();
  }
}

/** The renderer's heap with the view at its cap and after `lines` lines: bounded by the cap, not the lines. */
export async function benchLogMemory(lines = 1_000_000): Promise<LogMemoryBenchResult> {
  const bench = await openLogsBench(lines);
  try {
    await bench.applyTail('0', 0);
    const emptyHeapMb = await bench.heapMb();
    // The first pass learns the cap from the view's own note: tail "all" drops all but the cap.
    const all = await bench.applyTail('all', lines);
    const allLinesHeapMb = await bench.heapMb();
    const atCap = await bench.applyTail(String(all.cap), all.cap);
    const atCapHeapMb = await bench.heapMb();
    if (atCap.kept !== all.cap || all.kept !== all.cap)
      throw new Error(`the view kept ${all.kept} then ${atCap.kept} lines, not its cap ${all.cap}`);
    return { lines, cap: all.cap, emptyHeapMb, atCapHeapMb, allLinesHeapMb, allLinesMs: all.at - all.started };
  } finally {
    await bench.close();
  }
}

export function printLogViewResults(result: LogViewBenchResult): void {
  const t = result.traced;
  console.log(`\nLog view: a lab container's ${result.lines.toLocaleString('en-US')} lines (tail all) in Chromium`);
  console.log(
    `all lines in the view      ${ms(result.allInViewMs)}   (${result.kept.toLocaleString('en-US')} kept, ${result.dropped.toLocaleString('en-US')} dropped by the cap)`,
  );
  console.log(
    `longest main-thread task   ${ms(t.longestCpuMs)} of CPU   (${t.overFiftyCpu} of ${t.tasks} tasks over 50 ms)   target ≤ 50 ms`,
  );
  console.log(`  main-thread CPU in all    ${ms(t.totalCpuMs)}`);
  console.log(
    `  by wall time             ${ms(t.longestWallMs)}   (${t.overFiftyWall} over 50 ms; Long Tasks API: ${ms(result.longestTaskMs)}, ${result.longTasks}) — includes time the OS gave other processes; load average ${t.loadAverage.toFixed(1)}`,
  );
  console.log(`renderer JS heap after     ${result.heapMb.toFixed(1)} MB (after GC)`);
}

export function printLogMemoryResults(result: LogMemoryBenchResult): void {
  console.log(
    `\nLog view memory: ${result.lines.toLocaleString('en-US')} lines through the view (cap ${result.cap.toLocaleString('en-US')} lines kept)`,
  );
  console.log(`renderer JS heap, no line        ${result.emptyHeapMb.toFixed(1)} MB`);
  console.log(`  at the cap (${result.cap.toLocaleString('en-US')} lines)    ${result.atCapHeapMb.toFixed(1)} MB`);
  console.log(
    `  after ${result.lines.toLocaleString('en-US')} lines     ${result.allLinesHeapMb.toFixed(1)} MB   (${((result.allLinesHeapMb / result.atCapHeapMb - 1) * 100).toFixed(1)} % vs at the cap; ${ms(result.allLinesMs)} to take them in)`,
  );
}
