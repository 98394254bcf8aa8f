/**
 * Persisted snapshots in Chromium through the browser shell: the app is stopped and started
 * again over the same data directory while one lab host (reached through a fault proxy) is down.
 * The restarted app shows that host from its stored snapshot at once — in the fleet table, its
 * dashboard and the fleet Containers view — marked as last seen and not live, beside a host that
 * is live again. Screenshots in both themes go to test-results/screenshots.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../faults/fault-proxy.js';
import type { HostSnapshot } from '../../shared/snapshot.js';
import type { LabManifest } from '../lab/manifest.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { labProfile, requireLab } from '../support/lab-hosts.js';

let lab: LabManifest;
let app: BerthApp | undefined;
let proxy: FaultProxy;
let chromium: TestBrowser;
let page: Page;
let dataDir: string;
let stored: HostSnapshot;

const visible = (locator: Locator, timeout = 20_000) => locator.first().waitFor({ state: 'visible', timeout });

async function hostStates(berth: BerthApp): Promise<Record<string, string>> {
  const reply = await berth.service.invoke('hosts:list', {});
  if (!reply.ok) throw new Error(`hosts:list: ${reply.error.code}`);
  return Object.fromEntries(reply.value.map((view) => [view.profile.id, view.status.state]));
}

/** Waits (outside a test: no expect.poll) until both hosts of the first run are ready. */
async function bothReady(berth: BerthApp): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const states = await hostStates(berth);
    if (states['lab-tcp'] === 'ready' && states['lab-btrfs'] === 'ready') return;
    if (Date.now() > deadline) throw new Error(`the lab hosts did not become ready: ${JSON.stringify(states)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function shoot(name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(150);
    await page.screenshot({ path: screenshotPath(`snapshot-restore-${name}-${colorScheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

beforeAll(async () => {
  lab = requireLab();
  const { transport } = lab.daemons.tcp;
  if (transport.type !== 'tcp') throw new Error('the lab tcp daemon listens on tcp');
  proxy = await new FaultProxy(transport.host, transport.port).start();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-restart-'));

  // The first run: both hosts answer, their snapshots are stored when the app stops.
  const first = await startBerthApp({ dataDir });
  for (const draft of [
    { ...labProfile(lab, 'tcp'), name: 'lab tcp (proxied)', transport: { ...transport, port: proxy.port } },
    labProfile(lab, 'btrfs'),
  ]) {
    const reply = await first.service.invoke('hosts:save', { draft });
    if (!reply.ok) throw new Error(`hosts:save ${draft.id}: ${reply.error.code} ${reply.error.message}`);
  }
  await bothReady(first);
  await first.close();
  // Other tests change the shared lab daemon's containers: what is expected is what was stored.
  stored = (JSON.parse(readFileSync(path.join(dataDir, 'snapshots', 'lab-tcp.json'), 'utf8')) as { snapshot: HostSnapshot }).snapshot;

  // The proxied host is down for the second run.
  proxy.setMode('refuse');
  app = await startBerthApp({ dataDir });
  chromium = await launchChromium();
  page = await (await chromium.newContext()).newPage();
  await page.goto(app.url);
}, 120_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail')
    await page?.screenshot({ path: screenshotPath(`failed-snapshot-restore-${context.task.name.slice(0, 50)}`) });
});

afterAll(async () => {
  await chromium?.close();
  await app?.close();
  await proxy?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a restarted browser shell, one host down', () => {
  it('lists the down host in the fleet table from its snapshot, last seen, beside the live one', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Fleet' }).click();
    const fleet = page.getByRole('table', { name: 'Fleet' });
    const down = fleet.getByRole('row').filter({ hasText: 'lab tcp (proxied)' });
    const live = fleet.getByRole('row').filter({ hasText: 'lab btrfs' });
    const { total, running } = stored.counts;
    // Its version, driver and container counts come from the stored snapshot; it is not live.
    await visible(down.getByText(`${running} / ${total}`));
    await visible(down.getByText('overlay2'));
    await visible(down.getByText(/ago$/));
    await expect.poll(() => down.getByText('live', { exact: true }).count()).toBe(0);
    await visible(live.getByText('live', { exact: true }), 30_000);
    await shoot('fleet');
  });

  it('opens the down host’s dashboard at once from its snapshot, saying the data is not live and why', async () => {
    await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'lab tcp (proxied)', exact: true }).click();
    const dashboard = page.getByRole('region', { name: 'Dashboard of lab tcp (proxied)' });
    const banner = dashboard.getByRole('status', { name: 'Offline snapshot' });
    await visible(banner);
    await expect.poll(() => banner.textContent()).toMatch(/^(connecting|offline) — data from .+ ago/);
    await visible(dashboard.getByRole('table', { name: 'Containers' }));
    await shoot('dashboard');
  });

  it('shows the down host’s containers in the fleet Containers view, said to be as last seen', async () => {
    await page.getByRole('button', { name: 'Containers', exact: true }).click();
    await visible(page.getByText('lab tcp (proxied) is not connected: their containers are shown as last seen.'));
    const table = page.getByRole('table', { name: 'Containers' });
    await visible(table.locator('.ctable-host-name').filter({ hasText: 'lab tcp (proxied)' }));
    await shoot('fleet-containers');
  });

  it('finds the down host’s containers with Ctrl+K, on their host', async () => {
    const container = stored.containers[0];
    if (!container) throw new Error('the lab tcp daemon has containers');
    const name = (container.names[0] ?? container.id).replace(/^\//, '');
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Search the fleet' });
    await palette.getByRole('combobox', { name: 'Search hosts, containers, compose projects and images' }).fill(name);
    await visible(palette.getByRole('option', { name: `container ${name} on lab tcp (proxied)` }));
    await shoot('search');
    await page.keyboard.press('Escape');
  });
});
