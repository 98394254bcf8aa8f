import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LabManifest, labCtl, removeLabContainers, runLabContainer } from '../lab/manifest.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { requireLab } from '../support/lab-hosts.js';

let lab: LabManifest;
let app: BerthApp;
let chromium: TestBrowser;
let page: Page;

beforeAll(async () => {
  lab = requireLab();
  app = await startBerthApp();
  chromium = await launchChromium();
  const context = await chromium.newContext();
  page = await context.newPage();
  await page.goto(app.url);
});

afterEach(async (context) => {
  // A failed step leaves a picture of the page behind, next to the other artifacts.
  if (context.task.result?.state === 'fail') await page?.screenshot({ path: screenshotPath(`failed-${context.task.name.slice(0, 60)}`) });
});

afterAll(async () => {
  await chromium?.close();
  await app?.close();
});

const visible = (locator: Locator, timeout = 15_000) => locator.first().waitFor({ state: 'visible', timeout });
const hasText = (locator: Locator, text: string, timeout = 15_000) =>
  expect.poll(async () => (await locator.first().textContent()) ?? '', { timeout }).toContain(text);

/** Screenshots of a view in both themes, kept as test artifacts. */
async function shoot(name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: screenshotPath(`${name}-${colorScheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const sidebarHost = (name: string) => page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name, exact: true });
const dashboard = (name: string) => page.getByRole('region', { name: `Dashboard of ${name}` });

async function openAddHost(endpoint: string, name: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Add host' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add host' });
  await dialog.getByLabel('Docker endpoint URL').fill(endpoint);
  const fill = dialog.getByRole('button', { name: 'Fill from URL' });
  await fill.click();
  // The URL is parsed in main: the button is disabled until the form holds the result, and a
  // click on Add host before then would save a form without the endpoint (seen on a loaded CI run).
  await expect.poll(() => fill.isEnabled(), { timeout: 15_000 }).toBe(true);
  await dialog.getByLabel(/^Name\b/).fill(name);
  return dialog;
}

async function expectLabHost(name: string, daemon: keyof LabManifest['daemons']): Promise<void> {
  await sidebarHost(name).click();
  const board = dashboard(name);
  await visible(board.getByText(lab.daemons[daemon].driver, { exact: true }).first(), 30_000);
  const { running, paused, stopped, total } = lab.daemons[daemon].containers;
  await visible(board.getByText(`${running} running · ${paused} paused · ${stopped} stopped · ${total} total`));
}

describe('the desktop UI against the lab, in Chromium', () => {
  it('adds a plain tcp host, warns that it is unencrypted, and shows its driver and containers', async () => {
    const dialog = await openAddHost(lab.daemons.tcp.endpoint, 'lab tcp');
    await visible(dialog.getByRole('note', { name: 'Unencrypted connection warning' }));
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await hasText(dialog.getByRole('status', { name: 'Connection test result' }), '20.10');
    await shoot('add-host');
    await dialog.getByRole('button', { name: 'Add host' }).click();
    await expectLabHost('lab tcp', 'tcp');
  });

  it('adds a TLS host by certificate files, tagged production, which stands out', async () => {
    const dialog = await openAddHost(lab.daemons.tls.endpoint, 'lab tls');
    await dialog.getByRole('tab', { name: 'TLS' }).click();
    await dialog.getByLabel('CA certificate file').fill(lab.tls.caPath);
    await dialog.getByLabel('Client certificate file').fill(lab.tls.certPath);
    await dialog.getByLabel('Client key file').fill(lab.tls.keyPath);
    await dialog.getByRole('checkbox', { name: /Production host/ }).check();
    await dialog.getByRole('button', { name: 'Add host' }).click();
    await expectLabHost('lab tls', 'tls');
    await hasText(sidebarHost('lab tls'), 'PRODUCTION');
    await visible(dashboard('lab tls').getByText('PRODUCTION').first());
  });

  it('adds an SSH host and accepts its host key through the dialog, by the fingerprint ssh-keygen prints', async () => {
    const dialog = await openAddHost(lab.daemons.ssh.endpoint, 'lab ssh');
    await dialog.getByRole('radio', { name: 'Key file' }).check();
    await dialog.getByLabel('Private key file').fill(lab.ssh.keyPath);
    await dialog.getByLabel('Remote socket').fill(lab.ssh.remoteSocket);
    await dialog.getByRole('button', { name: 'Add host' }).click();
    const prompt = page.getByRole('dialog', { name: 'Host key confirmation' });
    await hasText(prompt, lab.ssh.hostKeyFingerprint, 30_000);
    await shoot('host-key');
    await prompt.getByRole('button', { name: 'Accept always' }).click();
    await expectLabHost('lab ssh', 'ssh');
  });

  it('adds the btrfs daemon and the local vfs socket', async () => {
    await (await openAddHost(lab.daemons.btrfs.endpoint, 'lab btrfs')).getByRole('button', { name: 'Add host' }).click();
    await expectLabHost('lab btrfs', 'btrfs');
    await (await openAddHost(lab.daemons.vfs.endpoint, 'lab vfs')).getByRole('button', { name: 'Add host' }).click();
    await expectLabHost('lab vfs', 'vfs');
    await shoot('dashboard');
  });

  it("switches hosts with the quick switcher and with Alt+number (Ctrl+number is the browser's)", async () => {
    await page.keyboard.press('Control+k');
    const switcher = page.getByRole('dialog', { name: 'Search the fleet' });
    await switcher.getByRole('combobox', { name: 'Search hosts, containers, compose projects and images' }).fill('btrf');
    await shoot('quick-switcher');
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { level: 1, name: 'lab btrfs' }));
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).not.toBe('lab btrfs');
  });

  it('shows a container the lab starts without a reload', async () => {
    await sidebarHost('lab tcp').click();
    const name = `e2e-live-${Date.now()}`;
    const id = runLabContainer('tcp', name);
    try {
      const table = dashboard('lab tcp').getByRole('table', { name: 'Containers' });
      await visible(table.getByText(name), 10_000);
    } finally {
      removeLabContainers('tcp', id);
    }
    await expect
      .poll(() => dashboard('lab tcp').getByRole('table', { name: 'Containers' }).getByText(name).count(), { timeout: 10_000 })
      .toBe(0);
  });

  it('shows a stopped daemon as reconnecting with its last snapshot, and ready again when it returns', async () => {
    await sidebarHost('lab btrfs').click();
    labCtl('stop', 'btrfs');
    try {
      await hasText(sidebarHost('lab btrfs'), 'Reconnecting', 30_000);
      await visible(page.getByRole('status', { name: 'Offline snapshot' }));
      await shoot('offline');
    } finally {
      labCtl('start', 'btrfs');
    }
    await hasText(sidebarHost('lab btrfs'), 'Ready', 60_000);
    await expectLabHost('lab btrfs', 'btrfs');
  });

  it('lists every host in the fleet table, and a row click switches to it', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Fleet' }).click();
    const fleet = page.getByRole('table', { name: 'Fleet' });
    for (const name of ['lab tcp', 'lab tls', 'lab ssh', 'lab btrfs', 'lab vfs'])
      await visible(fleet.getByRole('button', { name, exact: true }));
    for (const driver of ['overlay2', 'btrfs', 'vfs']) await hasText(fleet, driver);
    await shoot('fleet');
    await fleet.getByRole('button', { name: 'lab vfs', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'lab vfs' }));
  });

  it('renders the devicemapper view, with both pool gauges and the loop-lvm warning, from the fixture', async () => {
    const demo = await (await chromium.newContext()).newPage();
    // The demo needs no token: it runs on an in-memory bridge.
    await demo.goto(new URL('/?demo=1', app.url).href);
    await demo.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'legacy-build', exact: true }).click();
    await visible(demo.getByRole('meter', { name: 'Data space', exact: true }));
    await visible(demo.getByRole('meter', { name: 'Metadata space', exact: true }));
    await visible(demo.getByText('loop-lvm').first());
    for (const colorScheme of ['light', 'dark'] as const) {
      await demo.emulateMedia({ colorScheme });
      await demo.screenshot({ path: screenshotPath(`devicemapper-${colorScheme}`) });
    }
    await demo.close();
  });
});
