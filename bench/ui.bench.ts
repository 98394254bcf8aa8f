import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Dockerode from 'dockerode';
import type { Page } from 'playwright-core';
import type { LabDaemonName } from '../e2e/lab/manifest.js';
import { loadLabManifest } from '../e2e/lab/manifest.js';
import { type BerthApp, startBerthApp } from '../e2e/support/berth-app.js';
import { launchChromium } from '../e2e/support/browser.js';
import { median, ms } from './stats.js';

export interface UiBenchResult {
  switchMedianMs: number;
  frameMedianMs: number;
  eventToRowMedianMs: number;
  bigHostContainers: number;
  bigHostFirstRenderMs: number;
  scrollLongestTaskMs: number;
  scrollLongTasks: number;
  scrollWorstFrameMs: number;
}

const lab = () => loadLabManifest();
const BENCH_LABEL = 'berth.bench';

async function addLabHost(app: BerthApp, daemon: LabDaemonName, name: string): Promise<void> {
  const reply = await app.service.invoke('hosts:save', {
    draft: { id: `bench-${daemon}`, name, tags: [], transport: lab().daemons[daemon].transport, keepStoredSecrets: false },
  });
  if (!reply.ok) throw new Error(`could not add ${name}: ${reply.error.message}`);
}

interface PageProbes {
  timeSwitch(digit: number, name: string): Promise<number>;
  idleFrame(): Promise<number>;
  rowVisibleAt(name: string): Promise<number>;
  scrollContainers(): Promise<{ longest: number; count: number; worstFrame: number }>;
  watchLongTasks(): void;
  stopLongTasks(): { longest: number; count: number };
}
// Each page.evaluate callback is serialised into the page, so it reaches the probes itself.
type WithProbes = { berthBench: PageProbes };

const timeSwitch = (page: Page, digit: number, name: string) =>
  page.evaluate(([digit, name]) => (globalThis as unknown as WithProbes).berthBench.timeSwitch(digit as number, name as string), [
    digit,
    name,
  ] as const);

async function createContainers(docker: Dockerode, image: string, count: number, prefix: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await docker.createContainer({
        Image: image,
        name: `${prefix}-${index}`,
        Cmd: ['true'],
        Labels: { [BENCH_LABEL]: '1' },
        HostConfig: { NetworkMode: 'none' },
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function removeBenchContainers(docker: Dockerode): Promise<void> {
  const filters = { label: [`${BENCH_LABEL}=1`] };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await docker.pruneContainers({ filters });
      break;
    } catch (error) {
      // The daemon runs one prune at a time (HTTP 409 while another is under way).
      if ((error as { statusCode?: number }).statusCode !== 409 || attempt >= 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  for (const c of await docker.listContainers({ all: true, filters })) await docker.getContainer(c.Id).remove({ force: true });
}

/**
 * The desktop UI in Chromium against the lab, through the browser shell: host switch, lab event
 * to visible row, and a host with 5,000 containers (first render, longest task while scrolling).
 */
export async function benchUi(options: { switches: number; events: number; bigHost: number }): Promise<UiBenchResult> {
  const manifest = lab();
  const tcp = manifest.daemons.tcp.transport;
  if (tcp.type !== 'tcp') throw new Error('the lab tcp daemon has no tcp transport');
  const docker = new Dockerode({ host: tcp.host, port: tcp.port, protocol: 'http' });
  const app = await startBerthApp();
  const chromium = await launchChromium();
  try {
    await addLabHost(app, 'vfs', 'bench vfs');
    await addLabHost(app, 'btrfs', 'bench btrfs');
    await addLabHost(app, 'tcp', 'bench tcp');
    const page = await (await chromium.newContext()).newPage();
    await page.addInitScript({ path: fileURLToPath(new URL('./page/probes.js', import.meta.url)) });
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'bench tcp', exact: true }).waitFor();
    for (const name of ['bench vfs', 'bench btrfs', 'bench tcp']) {
      await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name, exact: true }).click();
      await page.getByText('running ·').first().waitFor({ timeout: 30_000 });
    }

    // Host switch: alternate the first two hosts, each already holding its cached snapshot.
    const hostsInOrder = await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button').allInnerTexts();
    const first = hostsInOrder[0]!.split('\n')[0]!.trim();
    const second = hostsInOrder[1]!.split('\n')[0]!.trim();
    const switches: number[] = [];
    for (let i = 0; i < options.switches; i += 1) switches.push(await timeSwitch(page, i % 2 === 0 ? 2 : 1, i % 2 === 0 ? second : first));
    const frames: number[] = [];
    for (let i = 0; i < 20; i += 1) frames.push(await page.evaluate(() => (globalThis as unknown as WithProbes).berthBench.idleFrame()));

    // Lab event to row: create + start on the daemon, then wait for the row in the filtered table.
    await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'bench tcp', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search containers' }).fill('bench-event');
    const eventTimes: number[] = [];
    for (let i = 0; i < options.events; i += 1) {
      const name = `bench-event-${Date.now()}-${i}`;
      const container = await docker.createContainer({
        Image: manifest.image,
        name,
        Cmd: ['sleep', '1000000'],
        Labels: { [BENCH_LABEL]: '1' },
        HostConfig: { NetworkMode: 'none' },
      });
      const seen = page.evaluate((name) => (globalThis as unknown as WithProbes).berthBench.rowVisibleAt(name), name);
      await container.start();
      const started = Date.now();
      eventTimes.push((await seen) - started);
    }
    await removeBenchContainers(docker);
    await page.getByRole('searchbox', { name: 'Search containers' }).fill('');

    // A host with thousands of containers: created through the API, then rendered and scrolled.
    await createContainers(docker, manifest.image, options.bigHost, `bench-big-${Date.now()}`);
    await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'bench vfs', exact: true }).click();
    const bigTotal = options.bigHost + manifest.daemons.tcp.containers.total;
    // Wait until the pushed snapshot holds them all, then time the switch to that host.
    await waitForCount(app, 'bench-tcp', bigTotal);
    const firstRender = await timeSwitch(page, 3, 'bench tcp');
    await page.getByText(`${bigTotal.toLocaleString('en-US')} total`).waitFor({ timeout: 30_000 });
    const scroll = await page.evaluate(() => (globalThis as unknown as WithProbes).berthBench.scrollContainers());
    return {
      switchMedianMs: median(switches),
      frameMedianMs: median(frames),
      eventToRowMedianMs: median(eventTimes),
      bigHostContainers: bigTotal,
      bigHostFirstRenderMs: firstRender,
      scrollLongestTaskMs: scroll.longest,
      scrollLongTasks: scroll.count,
      scrollWorstFrameMs: scroll.worstFrame,
    };
  } finally {
    await removeBenchContainers(docker).catch(() => undefined);
    await chromium.close();
    await app.close();
  }
}

async function waitForCount(app: BerthApp, hostId: string, total: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const reply = await app.service.invoke('hosts:snapshot', { hostId });
    if (reply.ok && reply.value && 'counts' in reply.value && reply.value.counts.total >= total) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the host never showed ${total} containers`);
}

export function printUiResults(r: UiBenchResult): void {
  console.log('\nDesktop UI in Chromium (browser shell, lab) — medians');
  console.log(
    `host switch (keydown → painted dashboard, cached snapshot): ${ms(r.switchMedianMs)}   target ≤ 50 ms   (an idle frame here: ${ms(r.frameMedianMs)})`,
  );
  console.log(`lab event → row visible: ${ms(r.eventToRowMedianMs)}   target ≤ 250 ms`);
  console.log(
    `${r.bigHostContainers} containers: first render ${ms(r.bigHostFirstRenderMs)}; scrolling top to bottom: longest task ${r.scrollLongTasks ? ms(r.scrollLongestTaskMs) : 'none over 50 ms'} (${r.scrollLongTasks} long tasks), worst frame ${ms(r.scrollWorstFrameMs)}   target: no task over 50 ms`,
  );
}

export interface WizardBenchResult {
  generateMs: number;
  longestTaskMs: number;
  longTasks: number;
}

/**
 * The TLS wizard making an RSA 4096 set, driven through its UI in Chromium: how long generation
 * takes, and the page's longest main-thread task meanwhile (the keys are made in a worker thread
 * of the main process, so the UI should never stall).
 */
export async function benchWizardResponsiveness(): Promise<WizardBenchResult> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-tls-'));
  const app = await startBerthApp();
  const chromium = await launchChromium();
  try {
    const page = await (await chromium.newContext()).newPage();
    await page.addInitScript({ path: fileURLToPath(new URL('./page/probes.js', import.meta.url)) });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Set up TLS…' }).click();
    const wizard = page.getByRole('dialog', { name: 'TLS setup wizard' });
    await wizard.getByRole('radio', { name: 'A new address' }).check();
    await wizard.getByLabel(/^Address clients use/).fill('127.0.0.1');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('radio', { name: /RSA 4096/ }).check();
    await wizard.getByLabel(/^Save the files in/).fill(path.join(outDir, 'certs'));
    await page.evaluate(() => (globalThis as unknown as WithProbes).berthBench.watchLongTasks());
    const started = performance.now();
    await wizard.getByRole('button', { name: 'Generate' }).click();
    await wizard.getByRole('status', { name: 'Generated certificates' }).waitFor({ timeout: 60_000 });
    const generateMs = performance.now() - started;
    const tasks = await page.evaluate(() => (globalThis as unknown as WithProbes).berthBench.stopLongTasks());
    return { generateMs, longestTaskMs: tasks.longest, longTasks: tasks.count };
  } finally {
    await chromium.close();
    await app.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function printWizardResults(r: WizardBenchResult): void {
  console.log(
    `TLS wizard, RSA 4096 set through the UI: ${ms(r.generateMs)}; page main thread meanwhile: ${r.longTasks ? `longest task ${ms(r.longestTaskMs)} (${r.longTasks} over 50 ms)` : 'no task over 50 ms'}   target: no task over 50 ms`,
  );
}
