import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { labDockerArgs, loadLabManifest } from '../e2e/lab/manifest.js';
import { startBerthApp } from '../e2e/support/berth-app.js';
import { launchChromium } from '../e2e/support/browser.js';
import { ms } from './stats.js';

export interface LogViewBenchResult {
  lines: number;
  /** From Apply (tail all) to the frame where every line is counted in the view. */
  allInViewMs: number;
  kept: number;
  dropped: number;
  longestTaskMs: number;
  longTasks: number;
  /** Renderer JS heap once all lines are in (Chromium's performance.memory). */
  heapMb: number | null;
}

type Probes = {
  berthBench: {
    watchLongTasks(): void;
    stopLongTasks(): { longest: number; count: number };
    logLinesCounted(total: number): Promise<{ kept: number; dropped: number; at: number }>;
  };
};

/**
 * A lab container that printed `lines` lines: open its Logs tab with tail "all" and time until
 * every line is in the view (kept plus dropped by the 50,000-line cap), with the page's long
 * tasks (over 50 ms) meanwhile.
 */
export async function benchLogView(lines = 100_000): Promise<LogViewBenchResult> {
  const lab = loadLabManifest();
  const name = `bench-logs-${Date.now().toString(36)}`;
  const docker = (...args: string[]) => execFileSync('docker', [...labDockerArgs(lab, 'tcp'), ...args], { encoding: 'utf8' }).trim();
  docker('run', '-d', '--network', 'none', '--name', name, lab.image, 'sh', '-c', `seq 1 ${lines} | sed 's/^/log line /'; sleep 3600`);
  const app = await startBerthApp();
  const chromium = await launchChromium();
  try {
    const reply = await app.service.invoke('hosts:save', {
      draft: { id: 'bench-logs', name: 'bench logs', tags: [], transport: lab.daemons.tcp.transport, keepStoredSecrets: false },
    });
    if (!reply.ok) throw new Error(reply.error.message);
    // The daemon has every line before the view asks.
    for (let i = 0; i < 100 && !docker('logs', '--tail', '1', name).endsWith(String(lines)); i += 1)
      await new Promise((r) => setTimeout(r, 200));
    const page = await (await chromium.newContext()).newPage();
    await page.addInitScript({ path: fileURLToPath(new URL('./page/probes.js', import.meta.url)) });
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'bench logs', exact: true }).click();
    await page.getByRole('table', { name: 'Containers' }).getByText(name, { exact: true }).click();
    await page.getByRole('tab', { name: /Logs/ }).click();
    await page.getByLabel('Tail lines').fill('all');
    await page.evaluate(() => (globalThis as unknown as Probes).berthBench.watchLongTasks());
    const started = Date.now();
    await page.getByRole('button', { name: 'Apply' }).click();
    const counted = await page.evaluate((total) => (globalThis as unknown as Probes).berthBench.logLinesCounted(total), lines);
    const tasks = await page.evaluate(() => (globalThis as unknown as Probes).berthBench.stopLongTasks());
    const heap = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null,
    );
    return {
      lines,
      allInViewMs: counted.at - started,
      kept: counted.kept,
      dropped: counted.dropped,
      longestTaskMs: tasks.longest,
      longTasks: tasks.count,
      heapMb: heap === null ? null : heap / 1024 / 1024,
    };
  } finally {
    await chromium.close();
    await app.close();
    docker('rm', '-f', name);
  }
}

export function printLogViewResults(result: LogViewBenchResult): void {
  console.log(`\nLog view: a lab container's ${result.lines.toLocaleString('en-US')} lines (tail all) in Chromium`);
  console.log(
    `all lines in the view      ${ms(result.allInViewMs)}   (${result.kept.toLocaleString('en-US')} kept, ${result.dropped.toLocaleString('en-US')} dropped by the cap)`,
  );
  console.log(`longest main-thread task   ${ms(result.longestTaskMs)}   (${result.longTasks} tasks over 50 ms)   target ≤ 50 ms`);
  if (result.heapMb !== null) console.log(`renderer JS heap after     ${result.heapMb.toFixed(1)} MB`);
}
