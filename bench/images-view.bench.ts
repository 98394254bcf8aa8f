import { execFileSync } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { labDockerArgs, loadLabManifest } from '../e2e/lab/manifest.js';
import { startBerthApp } from '../e2e/support/berth-app.js';
import { launchChromium } from '../e2e/support/browser.js';
import { median, ms, timeRuns } from './stats.js';

export interface ImagesViewBenchResult {
  tags: number;
  /** From the Images tab's click to its first row on screen (median). */
  firstRowsMs: number;
  /** `docker images` of the same daemon (a CLI process: list and print every row), median. */
  dockerImagesMs: number;
  /** Berth's images:list over the browser shell's contract (what the view waits for), median. */
  listMs: number;
  longestTaskMs: number;
  longTasks: number;
  worstFrameMs: number;
  runs: number;
  /** 1-minute load average and CPU count during the run: long tasks are wall time, so a loaded machine stretches them. */
  load: { average: number; cpus: number };
}

type Probes = {
  berthBench: { scrollContainers(rowsLabel: string): Promise<{ longest: number; count: number; worstFrame: number }> };
};

/** POST /images/{name}/tag or DELETE /images/{name} on the tcp lab daemon, kept alive: thousands in a few seconds, unlike a CLI process each. */
function engine(agent: http.Agent, port: number, method: string, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path, agent }, (response) => {
      response.resume();
      response.on('end', () =>
        response.statusCode && response.statusCode < 300 ? resolve() : reject(new Error(`${method} ${path}: HTTP ${response.statusCode}`)),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * The Images view of a host with `tags` image rows: that many tags of the lab image made on the
 * tcp lab daemon (and untagged after). Time from opening the Images tab to its first rows, against
 * `docker images` of the same daemon in the same run; then the table scrolled top to bottom a
 * screen per frame with every main-thread task over 50 ms counted.
 */
export async function benchImagesView(options: { tags: number; runs: number }): Promise<ImagesViewBenchResult> {
  const lab = loadLabManifest();
  const { port } = lab.daemons.tcp.transport as { port: number };
  const repo = `berth-bench-images-${process.pid}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const refs = Array.from({ length: options.tags }, (_, index) => `t${index + 1}`);
  const source = encodeURIComponent(lab.image);
  const inBatches = async (work: (tag: string) => Promise<void>) => {
    for (let start = 0; start < refs.length; start += 8) await Promise.all(refs.slice(start, start + 8).map(work));
  };
  await inBatches((tag) => engine(agent, port, 'POST', `/images/${source}/tag?repo=${repo}&tag=${tag}`));
  const app = await startBerthApp();
  const chromium = await launchChromium();
  try {
    const reply = await app.service.invoke('hosts:save', {
      draft: { id: 'bench-images', name: 'bench images', tags: [], transport: lab.daemons.tcp.transport, keepStoredSecrets: false },
    });
    if (!reply.ok) throw new Error(reply.error.message);
    const dockerImagesMs = median(
      await timeRuns(options.runs, 1, () =>
        execFileSync('docker', [...labDockerArgs(lab, 'tcp'), 'images'], { maxBuffer: 64 * 1024 * 1024 }),
      ),
    );
    const page = await (await chromium.newContext()).newPage();
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.addInitScript({ path: fileURLToPath(new URL('./page/probes.js', import.meta.url)) });
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'bench images', exact: true }).click();
    const tabs = page.getByRole('tablist', { name: 'Host views' });
    const firstRow = page.getByRole('table', { name: 'Images' }).getByText(`${repo}:t1`, { exact: true });
    const firstRows = await timeRuns(options.runs, 1, async () => {
      await tabs.getByRole('tab', { name: /^Containers/ }).click();
      await tabs.getByRole('tab', { name: /^Images/ }).click();
      await firstRow.waitFor({ state: 'visible', timeout: 30_000 });
    });
    // The host is ready now: time the list read the view waits for, as main answers it.
    const listMs = median(
      await timeRuns(options.runs, 1, async () => {
        const listed = await app.service.invoke('images:list', { hostId: 'bench-images' });
        if (!listed.ok) throw new Error(`images:list: ${listed.error.code} ${listed.error.message}`);
      }),
    );
    await page.getByRole('table', { name: 'Images' }).scrollIntoViewIfNeeded();
    const load = { average: os.loadavg()[0] ?? 0, cpus: os.cpus().length };
    const scroll = await page.evaluate(() => (globalThis as unknown as Probes).berthBench.scrollContainers('Images rows'));
    return {
      tags: options.tags,
      firstRowsMs: median(firstRows),
      dockerImagesMs,
      listMs,
      longestTaskMs: scroll.longest,
      longTasks: scroll.count,
      worstFrameMs: scroll.worstFrame,
      runs: options.runs,
      load,
    };
  } finally {
    await chromium.close();
    await app.close();
    await inBatches((tag) => engine(agent, port, 'DELETE', `/images/${encodeURIComponent(`${repo}:${tag}`)}`)).catch((error: unknown) => {
      console.error(`bench: untagging ${repo} failed (${String(error)}); remove its tags with docker rmi`);
    });
    agent.destroy();
  }
}

export function printImagesViewResults(result: ImagesViewBenchResult): void {
  console.log(
    `\nImages view: ${result.tags.toLocaleString('en-US')} image tags on the tcp lab daemon, in Chromium — median of ${result.runs}`,
  );
  console.log(`  Images tab → first rows on screen      ${ms(result.firstRowsMs)}`);
  console.log(`  images:list (main: images, containers, /system/df)  ${ms(result.listMs)}`);
  console.log(
    `  docker images (CLI process, same daemon)            ${ms(result.dockerImagesMs)}   ratio first rows / docker images ${(result.firstRowsMs / result.dockerImagesMs).toFixed(2)}`,
  );
  console.log(
    `  scrolling top to bottom: longest main-thread task ${ms(result.longestTaskMs)} (${result.longTasks} over 50 ms), worst frame ${ms(result.worstFrameMs)}   target: none over 50 ms`,
  );
  console.log(`  machine load while scrolling: ${result.load.average.toFixed(1)} on ${result.load.cpus} CPUs (tasks are wall time)`);
}
