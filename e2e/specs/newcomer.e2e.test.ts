import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileDraft } from '../../shared/host-view.js';
import type { LabManifest } from '../lab/manifest.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { requireLab } from '../support/lab-hosts.js';

/**
 * What a new user meets first, in Chromium against the browser shell and the lab: adding a host,
 * the host-key dialog from Test connection, a certificate for another name, the TLS wizard's
 * install step with an SSH host at another address, and the Fleet table at 1400 px.
 */
let lab: LabManifest;
let app: BerthApp;
let chromium: TestBrowser;
let page: Page;
let misnamed: tls.Server | undefined;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'berth-newcomer-'));

beforeAll(async () => {
  lab = requireLab();
  app = await startBerthApp();
  chromium = await launchChromium();
  page = await (await chromium.newContext()).newPage();
  await page.goto(app.url);
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail')
    await page?.screenshot({ path: screenshotPath(`newcomer-failed-${context.task.name.slice(0, 40)}`) });
});

afterAll(async () => {
  await chromium?.close();
  await app?.close();
  await new Promise<void>((resolve) => (misnamed ? misnamed.close(() => resolve()) : resolve()));
  rmSync(scratch, { recursive: true, force: true });
});

async function shoot(name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: screenshotPath(`newcomer-${name}-${colorScheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const visible = (locator: Locator, timeout = 20_000) => locator.first().waitFor({ state: 'visible', timeout });
const sidebarHost = (name: string) => page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name, exact: true });

async function save(draft: ProfileDraft): Promise<void> {
  const reply = await app.service.invoke('hosts:save', { draft });
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
}

describe('a new user in Chromium against the lab', () => {
  it('adds a host from a pasted endpoint: the name is suggested and Test connection needs none typed', async () => {
    await page.getByRole('button', { name: 'Add host' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add host' });
    await dialog.getByLabel('Docker endpoint URL').fill(lab.daemons.tcp.endpoint);
    await dialog.getByRole('button', { name: 'Fill from URL' }).click();
    // Parsed in main: the button is enabled again once the form holds the result.
    await expect.poll(() => dialog.getByRole('button', { name: 'Fill from URL' }).isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await dialog.getByLabel(/^Name\b/).inputValue()).toBe('127.0.0.1');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(async () => (await dialog.getByRole('status', { name: 'Connection test result' }).textContent()) ?? '', { timeout: 20_000 })
      .toContain('Docker Engine');
    await shoot('add-host');
    await dialog.getByLabel(/^Name\b/).fill('lab tcp');
    await dialog.getByRole('button', { name: 'Add host' }).click();
    await visible(sidebarHost('lab tcp'));
  });

  it('shows the host-key dialog from Test connection of a new SSH host, and tests once the key is accepted', async () => {
    const ssh = lab.daemons.ssh.transport;
    await page.getByRole('button', { name: 'Add host' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add host' });
    await dialog.getByLabel('Docker endpoint URL').fill(`ssh://${ssh.user}@${ssh.host}:${ssh.port}${ssh.remoteSocket}`);
    await dialog.getByRole('button', { name: 'Fill from URL' }).click();
    // Parsed in main: the button is enabled again once the form holds the result.
    await expect.poll(() => dialog.getByRole('button', { name: 'Fill from URL' }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await dialog.getByRole('radio', { name: 'Key file' }).check();
    await dialog.getByLabel('Private key file').fill(lab.ssh.keyPath);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const prompt = page.getByRole('dialog', { name: 'Host key confirmation' });
    await expect.poll(async () => (await prompt.textContent()) ?? '', { timeout: 30_000 }).toContain(lab.ssh.hostKeyFingerprint);
    expect(await dialog.getByText('SSH_HOST_KEY_UNKNOWN').count()).toBe(0);
    await shoot('test-host-key');
    await prompt.getByRole('button', { name: 'Accept for this test' }).click();
    await expect
      .poll(async () => (await dialog.getByRole('status', { name: 'Connection test result' }).textContent()) ?? '', { timeout: 30_000 })
      .toContain(lab.daemons.ssh.driver);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('names what a certificate for another name covers, with the server-name fix one click away', async () => {
    misnamed = tls.createServer({
      cert: readFileSync(lab.tls.wrongSanServer.certPath),
      key: readFileSync(lab.tls.wrongSanServer.keyPath),
      ca: readFileSync(lab.tls.caPath),
      requestCert: true,
      rejectUnauthorized: true,
    });
    misnamed.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => misnamed!.listen(0, '127.0.0.1', resolve));
    const port = (misnamed.address() as AddressInfo).port;
    await save({ id: 'misnamed', name: 'misnamed tls', tags: [], transport: { ...lab.daemons.tls.transport, port } });
    await sidebarHost('misnamed tls').click();
    const board = page.getByRole('region', { name: 'Dashboard of misnamed tls' });
    await visible(board.getByText(/certificate at .* is for DNS:elsewhere\.invalid/));
    await visible(board.getByRole('button', { name: 'Use server name elsewhere.invalid' }));
    await shoot('certificate-name');
  });

  it('warns before installing over an SSH host at another address than the daemon', async () => {
    const ssh = lab.daemons.ssh.transport;
    await save({
      id: 'ssh-elsewhere',
      name: 'ssh via localhost',
      tags: [],
      transport: { ...ssh, host: 'localhost', auth: { method: 'key', keyPath: lab.ssh.keyPath } },
    });
    await sidebarHost('lab tcp').click();
    await page.getByRole('button', { name: 'Set up TLS…' }).click();
    const wizard = page.getByRole('dialog', { name: 'TLS setup wizard' });
    await wizard.getByRole('radio', { name: 'An existing host' }).check();
    const hostSelect = wizard.getByLabel('Host', { exact: true });
    await hostSelect.selectOption((await hostSelect.locator('option', { hasText: 'lab tcp' }).getAttribute('value')) ?? '');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel(/^Save the files in/).fill(path.join(scratch, 'certs'));
    await wizard.getByRole('button', { name: 'Generate' }).click();
    await wizard.getByRole('status', { name: 'Generated certificates' }).waitFor({ timeout: 60_000 });
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Next' }).click();
    const select = wizard.getByLabel('SSH connection');
    expect(await select.inputValue()).toBe('');
    await select.selectOption('ssh-elsewhere');
    const warning = wizard.getByRole('alert', { name: 'SSH host at another address' });
    await visible(warning);
    expect(await wizard.getByRole('button', { name: 'Install', exact: true }).isDisabled()).toBe(true);
    await warning.scrollIntoViewIfNeeded();
    await shoot('wizard-install-mismatch');
    await page.keyboard.press('Escape');
  });

  it('fits the Fleet table at 1400 px: every column on screen, the Host column pinned', async () => {
    for (const daemon of ['tls', 'btrfs', 'vfs'] as const) {
      await save({ id: `fleet-${daemon}`, name: `lab ${daemon}`, tags: ['lab'], transport: lab.daemons[daemon].transport });
    }
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Fleet' }).click();
    const table = page.getByRole('table', { name: 'Fleet' });
    await visible(table);
    await expect.poll(() => table.getByText('live').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const layout = await table.evaluate((element) => {
      const scroller = element.parentElement!.getBoundingClientRect();
      const headers = [...element.querySelectorAll('thead th')].map((th) => ({
        text: th.textContent,
        right: th.getBoundingClientRect().right,
      }));
      const view = element.ownerDocument.defaultView!;
      const host = view.getComputedStyle(element.querySelector('tbody th')!).position;
      return { viewport: view.innerWidth, scrollerRight: scroller.right, headers, host };
    });
    expect(layout.scrollerRight).toBeLessThanOrEqual(layout.viewport);
    for (const header of layout.headers) expect(header.right, `${header.text} is cut off`).toBeLessThanOrEqual(layout.scrollerRight + 1);
    expect(layout.host).toBe('sticky');
    await shoot('fleet-1400');
  });
});
