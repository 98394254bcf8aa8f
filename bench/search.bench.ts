import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { ImageSummary } from '../shared/docker/images.js';
import type { HostView } from '../shared/host-view.js';
import type { HostSnapshot } from '../shared/snapshot.js';
import { readFileSync } from 'node:fs';
import { countContainers, readContainers } from '../shared/docker/containers.js';
import { readDiskUsage } from '../shared/docker/disk-usage.js';
import { readStorageFromInfo } from '../shared/docker/driver-status.js';
import { readDaemonSummary } from '../shared/docker/summary.js';
import { startBerthApp } from '../e2e/support/berth-app.js';
import { launchChromium } from '../e2e/support/browser.js';
import { median, ms } from './stats.js';

export interface SearchBenchResult {
  hosts: number;
  containersPerHost: number;
  entries: number;
  keystrokes: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** The synchronous part (search + React render), before the browser paints. */
  renderMedianMs: number;
  renderP95Ms: number;
  frameMedianMs: number;
}

/** What is typed, one measured keystroke per character: names, an id prefix, images, a project, two terms. */
const TYPED = ['nginx-3', 'api 17', 'postgres:16', 'shop-042', 'redis', 'worker-12', 'cadvisor'];

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../shared/docker/fixtures/lab/tcp/${name}`, import.meta.url), 'utf8'));

const SERVICES = [
  ['api', 'registry.example.net/shop/api:3.4.1'],
  ['worker', 'registry.example.net/shop/worker:4.12.0'],
  ['nginx', 'nginx:1.25.4-alpine'],
  ['redis', 'redis:7.2'],
  ['postgres', 'postgres:16.2'],
  ['cadvisor', 'gcr.io/cadvisor/cadvisor:v0.47.2'],
  ['fluent-bit', 'fluent/fluent-bit:2.2'],
] as const;

const hex = (seed: number) =>
  Array.from({ length: 8 }, (_, i) => ((seed * 2654435761 + i * 40503) >>> 0).toString(16).padStart(8, '0')).join('');

/** One host's /containers/json as a daemon answers it, read by the real parser: compose projects of 10 containers. */
function hostContainers(host: number, count: number, now: number) {
  const body = Array.from({ length: count }, (_, n) => {
    const [service, image] = SERVICES[(host + n) % SERVICES.length]!;
    const running = (host + n) % 5 !== 0;
    return {
      Id: hex(host * 1000 + n + 1),
      Names: [`/${service}-${host}-${n}`],
      Image: image,
      State: running ? 'running' : 'exited',
      Status: running ? 'Up 3 hours' : 'Exited (0) 2 hours ago',
      Created: Math.floor(now / 1000) - n * 600,
      Ports: [],
      Labels: {
        'com.docker.compose.project': `shop-${String(host).padStart(3, '0')}-${Math.floor(n / 10)}`,
        'com.docker.compose.service': service,
      },
    };
  });
  return readContainers(body, now);
}

/** `hosts` × `perHost` containers with their compose projects and one image per service: made up, read by the real parsers. */
function syntheticFleet(hosts: number, perHost: number) {
  const now = Date.now();
  const summary = readDaemonSummary(fixture('version.json'), fixture('info.json'));
  const storage = readStorageFromInfo(fixture('info.json'));
  const diskUsage = readDiskUsage(fixture('system-df.json'));
  const views: HostView[] = [];
  const snapshots: Record<string, HostSnapshot> = {};
  const images: Record<string, ImageSummary[]> = {};
  for (let index = 0; index < hosts; index += 1) {
    const id = `bench-${String(index).padStart(3, '0')}`;
    views.push({
      profile: {
        id,
        name: `node-${String(index).padStart(3, '0')}`,
        tags: index % 10 === 0 ? ['production'] : ['staging'],
        transport: { type: 'tcp', host: `10.1.${index >> 8}.${index & 255}`, port: 2376 },
      },
      status: { state: 'ready', since: now },
      lastSeenAt: now,
    });
    const containers = hostContainers(index, perHost, now);
    snapshots[id] = { hostId: id, summary, storage, diskUsage, containers, counts: countContainers(containers), updatedAt: now };
    images[id] = SERVICES.map(([, image], n) => ({
      id: `sha256:${hex(index * 100 + n + 7)}`,
      tags: [image],
      created: 1_700_000_000,
      sizeBytes: 20_000_000 + n * 1_000_000,
    }));
  }
  return { hosts: views, snapshots, images };
}

type Probes = {
  berthBench: { timeSearchKeystroke(value: string): Promise<{ painted: number; rendered: number }>; idleFrame(): Promise<number> };
};

/**
 * Keystroke → results painted in the fleet search (Ctrl/Cmd+K) of the built renderer in
 * headless Chromium, over a synthetic fleet served by an in-page bridge (bench/page/fleet-bridge.js):
 * each character is set on the search field and timed to the first task after the frame that
 * paints its results.
 */
export async function benchSearch(options: { hosts: number; perHost: number; rounds: number }): Promise<SearchBenchResult> {
  const fleet = syntheticFleet(options.hosts, options.perHost);
  const app = await startBerthApp();
  const chromium = await launchChromium();
  try {
    const page: Page = await (await chromium.newContext()).newPage();
    await page.addInitScript({ content: `globalThis.berthBenchFleet = ${JSON.stringify(fleet)};` });
    await page.addInitScript({ path: fileURLToPath(new URL('./page/fleet-bridge.js', import.meta.url)) });
    await page.addInitScript({ path: fileURLToPath(new URL('./page/probes.js', import.meta.url)) });
    await page.goto(app.url);
    await page
      .getByRole('navigation', { name: 'Hosts' })
      .getByRole('button', { name: 'node-199', exact: true })
      .waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Search hosts, containers, compose projects and images' });
    await input.waitFor();
    // Every snapshot and the images are in before timing starts.
    await input.fill('shop-199-4');
    await page.getByRole('option', { name: 'project shop-199-4 on node-199' }).waitFor({ timeout: 60_000 });
    await input.fill('fluent');
    await page
      .getByRole('option', { name: /^image fluent\/fluent-bit:2.2 on / })
      .first()
      .waitFor({ timeout: 60_000 });
    const times: number[] = [];
    const renders: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      for (const text of TYPED) {
        await input.fill('');
        for (let end = 1; end <= text.length; end += 1) {
          const value = text.slice(0, end);
          const timed = await page.evaluate((value) => (globalThis as unknown as Probes).berthBench.timeSearchKeystroke(value), value);
          times.push(timed.painted);
          renders.push(timed.rendered);
          if (process.env.BERTH_BENCH_VERBOSE)
            console.log(`${JSON.stringify(value)} painted ${ms(timed.painted)}, rendered ${ms(timed.rendered)}`);
        }
      }
    }
    const frames: number[] = [];
    for (let i = 0; i < 20; i += 1) frames.push(await page.evaluate(() => (globalThis as unknown as Probes).berthBench.idleFrame()));
    const sorted = [...times].sort((a, b) => a - b);
    const sortedRenders = [...renders].sort((a, b) => a - b);
    return {
      hosts: options.hosts,
      containersPerHost: options.perHost,
      entries: options.hosts * options.perHost,
      keystrokes: times.length,
      medianMs: median(times),
      p95Ms: sorted[Math.floor(sorted.length * 0.95)]!,
      maxMs: sorted[sorted.length - 1]!,
      renderMedianMs: median(renders),
      renderP95Ms: sortedRenders[Math.floor(sortedRenders.length * 0.95)]!,
      frameMedianMs: median(frames),
    };
  } finally {
    await chromium.close();
    await app.close();
  }
}

export function printSearchResults(r: SearchBenchResult): void {
  console.log(`\nFleet search (Ctrl/Cmd+K) in Chromium: ${r.hosts} hosts × ${r.containersPerHost} containers (+ compose projects, images)`);
  console.log(
    `keystroke → results painted: median ${ms(r.medianMs)}, p95 ${ms(r.p95Ms)}, max ${ms(r.maxMs)} over ${r.keystrokes} keystrokes   target ≤ 50 ms   (an idle frame here: ${ms(r.frameMedianMs)})`,
  );
  console.log(`of which search + React render (before the frame): median ${ms(r.renderMedianMs)}, p95 ${ms(r.renderP95Ms)}`);
}
