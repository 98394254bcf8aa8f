import { execFileSync } from 'node:child_process';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { CDPSession, Page } from 'playwright-core';
import { type LabDaemonName, labDockerArgs, loadLabManifest } from '../e2e/lab/manifest.js';
import { type BerthApp, startBerthApp } from '../e2e/support/berth-app.js';
import { type TestBrowser, launchChromium } from '../e2e/support/browser.js';

export interface StatsSoakSample {
  /** Seconds since every stream was open. */
  atS: number;
  mainHeapMb: number;
  mainRssMb: number;
  rendererHeapMb: number;
  domNodes: number;
  /** Stats streams open in main. */
  streams: number;
}

export interface StatsSoakResult {
  containers: number;
  daemon: LabDaemonName;
  durationS: number;
  samples: StatsSoakSample[];
  /** Seconds a Stats tab needs to fill its chart history (it keeps a bounded number of samples). */
  historyFillS: number;
}

// One Node process holds the app's core (main) and this bench: a GC before each reading makes
// the figures what is alive, not what is waiting for collection.
v8.setFlagsFromString('--expose-gc');
const collectMainGarbage = vm.runInNewContext('gc') as () => void;

/** The chart history of a Stats tab: 180 samples at the daemon's one per second (stats-history.ts). */
const HISTORY_FILL_S = 180;

async function openStatsTab(page: Page, containerName: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'bench stats', exact: true }).click();
  await page.getByRole('table', { name: 'Containers' }).getByText(containerName, { exact: true }).click();
  await page.getByRole('tab', { name: /Stats/ }).click();
  await page.getByTestId('stat-pids').filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
}

async function rendererReading(cdp: CDPSession): Promise<{ heapMb: number; domNodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  return { heapMb: usedSize / 1024 / 1024, domNodes: nodes };
}

/**
 * `containers` lab containers, each with its Stats tab open in its own window of one Chromium
 * renderer (windows opened from the first page share its process and heap), for `durationS`
 * seconds. Main's heap and RSS and the renderer's JS heap and DOM nodes are read every
 * `everyS` seconds after a GC.
 */
export async function benchStatsSoak(options: {
  containers?: number;
  durationS: number;
  everyS: number;
  /** The lab daemon (default tcp; another keeps other tests' containers out of the hosts' lists). */
  daemon?: LabDaemonName;
}): Promise<StatsSoakResult> {
  const containers = options.containers ?? 20;
  const daemon = options.daemon ?? 'tcp';
  const lab = loadLabManifest();
  const prefix = `bench-stats-${Date.now().toString(36)}`;
  const names = Array.from({ length: containers }, (_, i) => `${prefix}-${i}`);
  const docker = (...args: string[]) => execFileSync('docker', [...labDockerArgs(lab, daemon), ...args], { encoding: 'utf8' }).trim();
  let app: BerthApp | undefined;
  let chromium: TestBrowser | undefined;
  try {
    // Restarted with their daemon, should someone restart it: their streams then resume.
    for (const name of names)
      docker(
        'run',
        '-d',
        '--network',
        'none',
        '--restart',
        'unless-stopped',
        '--label',
        'berth.bench=1',
        '--name',
        name,
        lab.image,
        'sh',
        '-c',
        'while :; do sleep 1; done',
      );
    app = await startBerthApp();
    const reply = await app.service.invoke('hosts:save', {
      draft: { id: 'bench-stats', name: 'bench stats', tags: [], transport: lab.daemons[daemon].transport, keepStoredSecrets: false },
    });
    if (!reply.ok) throw new Error(reply.error.message);
    chromium = await launchChromium();
    const context = await chromium.newContext();
    const first = await context.newPage();
    await first.goto(app.url);
    const pages = [first];
    for (let i = 1; i < containers; i += 1) {
      const opened = context.waitForEvent('page');
      await first.evaluate(
        (url) =>
          (globalThis as unknown as { open(url: string, target: string, features: string): unknown }).open(
            url,
            '_blank',
            'width=900,height=700',
          ),
        app.url,
      );
      const page = await opened;
      await page.waitForLoadState();
      pages.push(page);
    }
    for (const [i, page] of pages.entries()) await openStatsTab(page, names[i]!);
    const service = app.service;
    if (service.openContainerStreams('stats') !== containers)
      throw new Error(`${service.openContainerStreams('stats')} stats streams open, not ${containers}`);
    const cdp = await context.newCDPSession(first);
    await cdp.send('HeapProfiler.enable');
    const started = Date.now();
    const samples: StatsSoakSample[] = [];
    const sample = async () => {
      collectMainGarbage();
      const main = process.memoryUsage();
      const renderer = await rendererReading(cdp);
      samples.push({
        atS: Math.round((Date.now() - started) / 1000),
        mainHeapMb: main.heapUsed / 1024 / 1024,
        mainRssMb: main.rss / 1024 / 1024,
        rendererHeapMb: renderer.heapMb,
        domNodes: renderer.domNodes,
        streams: service.openContainerStreams('stats'),
      });
    };
    await sample();
    while (Date.now() - started < options.durationS * 1000) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(options.everyS * 1000, started + options.durationS * 1000 - Date.now())));
      await sample();
    }
    return { containers, daemon, durationS: options.durationS, samples, historyFillS: HISTORY_FILL_S };
  } finally {
    await chromium?.close();
    await app?.close();
    docker('rm', '-f', ...names);
  }
}

/** Growth from the first to the last sample at or after `fromS`, in MB and per minute. */
function growth(samples: StatsSoakSample[], fromS: number, pick: (sample: StatsSoakSample) => number): string {
  const from = samples.find((sample) => sample.atS >= fromS) ?? samples[0]!;
  const last = samples[samples.length - 1]!;
  const minutes = (last.atS - from.atS) / 60;
  const delta = pick(last) - pick(from);
  const perMinute = minutes > 0 ? delta / minutes : 0;
  return `${pick(from).toFixed(1)} → ${pick(last).toFixed(1)} MB (${delta >= 0 ? '+' : ''}${delta.toFixed(1)} MB, ${perMinute >= 0 ? '+' : ''}${perMinute.toFixed(2)} MB/min from ${from.atS} s to ${last.atS} s)`;
}

export function printStatsSoakResults(result: StatsSoakResult): void {
  const { samples } = result;
  console.log(
    `\nStats soak: ${result.containers} containers' stats streams on the lab's ${result.daemon} daemon, each in a Stats tab, for ${(result.durationS / 60).toFixed(0)} min (memory after GC)`,
  );
  console.log('   t (s)   main heap   main RSS   renderer heap   DOM nodes   streams');
  for (const s of samples)
    console.log(
      `${String(s.atS).padStart(8)} ${s.mainHeapMb.toFixed(1).padStart(8)} MB ${s.mainRssMb.toFixed(0).padStart(7)} MB ${s.rendererHeapMb.toFixed(1).padStart(11)} MB ${String(s.domNodes).padStart(11)} ${String(s.streams).padStart(9)}`,
    );
  const short = samples.find((s) => s.streams !== result.containers);
  if (short)
    console.log(
      `NOT VALID from ${short.atS} s: ${short.streams} of ${result.containers} streams open (the daemon was restarted or the containers stopped meanwhile)`,
    );
  console.log(`main heap          ${growth(samples, 0, (s) => s.mainHeapMb)}`);
  console.log(`renderer heap      ${growth(samples, 0, (s) => s.rendererHeapMb)}`);
  if (samples[samples.length - 1]!.atS > result.historyFillS + 60) {
    console.log(`once the charts' ${result.historyFillS}-second histories are full:`);
    console.log(`  main heap        ${growth(samples, result.historyFillS, (s) => s.mainHeapMb)}`);
    console.log(`  renderer heap    ${growth(samples, result.historyFillS, (s) => s.rendererHeapMb)}`);
  } else console.log(`(shorter than the charts' ${result.historyFillS}-second history: the renderer's growth includes filling it)`);
}
