/**
 * The add-host flow's helpers in Chromium against the browser shell and the lab: docker contexts
 * (made with the real `docker context create`) on first start and in Add host, the certificate
 * folder with path completion from main, and Edit host showing the endpoint. Screenshots in light
 * and dark.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LabManifest } from '../lab/manifest.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { requireLab } from '../support/lab-hosts.js';
import { createLabContexts, dockerCli } from '../support/lab-contexts.js';

let lab: LabManifest;
let app: BerthApp;
let chromium: TestBrowser;
let page: Page;
const home = mkdtempSync(path.join(os.tmpdir(), 'berth-host-setup-'));
const dockerConfig = path.join(home, '.docker');

beforeAll(async () => {
  lab = requireLab();
  const tls = lab.tls;
  // A home folder with one complete certificate folder and one without its key.
  for (const [folder, files] of [
    ['lab-client', ['ca', 'cert', 'key']],
    ['half-done', ['ca', 'cert']],
  ] as const) {
    mkdirSync(path.join(home, 'certs', folder), { recursive: true });
    for (const file of files)
      copyFileSync({ ca: tls.caPath, cert: tls.certPath, key: tls.keyPath }[file], path.join(home, 'certs', folder, `${file}.pem`));
  }
  createLabContexts(dockerConfig, lab, 'lab-tls');
  app = await startBerthApp({ homeDir: home, dockerConfigDir: dockerConfig });
  chromium = await launchChromium();
  page = await (await chromium.newContext()).newPage();
  await page.goto(app.url);
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail')
    await page?.screenshot({ path: screenshotPath(`host-setup-failed-${context.task.name.slice(0, 40)}`) });
});

afterAll(async () => {
  await chromium?.close();
  await app?.close();
  rmSync(home, { recursive: true, force: true });
});

async function shoot(name: string, target?: Locator): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const file = screenshotPath(`host-setup-${name}-${colorScheme}`);
    if (target) await target.screenshot({ path: file });
    else await page.screenshot({ path: file });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const visible = (locator: Locator, timeout = 20_000) => locator.first().waitFor({ state: 'visible', timeout });
const sidebarHost = (name: string) => page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name, exact: true });

describe('adding hosts with the host-setup helpers, in Chromium against the lab', () => {
  it('first start offers the docker contexts, current marked and SkipTLSVerify refused; Add connects to the lab', async () => {
    const rows = page.getByRole('list', { name: 'Docker contexts' });
    await visible(rows);
    const current = rows.getByRole('listitem', { name: 'Docker context lab-tls' });
    await visible(current.getByText('current'));
    await visible(rows.getByRole('listitem', { name: 'Docker context lab-skip' }).getByText(/Refused:.*SkipTLSVerify/));
    expect(await rows.getByRole('listitem', { name: 'Docker context lab-skip' }).getByRole('button').count()).toBe(0);
    await shoot('first-start-contexts');
    await current.getByRole('button', { name: 'Add' }).click();
    await visible(sidebarHost('lab-tls'));
    const board = page.getByRole('region', { name: 'Dashboard of lab-tls' });
    await visible(board.getByText(lab.daemons.tls.driver), 30_000);
  });

  it('Add host lists the contexts too, and Use fills the form from one', async () => {
    await page.getByRole('button', { name: 'Add host' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add host' });
    await dialog.getByText('From a docker context').click();
    await visible(dialog.getByRole('listitem', { name: 'Docker context lab-tcp' }));
    await shoot('add-host-contexts', dialog);
    await dialog.getByRole('listitem', { name: 'Docker context lab-tcp' }).getByRole('button', { name: 'Use' }).click();
    expect(await dialog.getByLabel(/^Name\b/).inputValue()).toBe('lab-tcp');
    expect(await dialog.getByRole('textbox', { name: /^Host/ }).inputValue()).toBe('127.0.0.1');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('takes a certificate folder with path completion, says what a folder lacks, and tests the TLS daemon', async () => {
    await page.getByRole('button', { name: 'Add host' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add host' });
    await dialog.getByLabel('Docker endpoint URL').fill(lab.daemons.tls.endpoint);
    await dialog.getByRole('button', { name: 'Fill from URL' }).click();
    // Parsed in main: the button is enabled again once the form holds the result.
    await expect.poll(() => dialog.getByRole('button', { name: 'Fill from URL' }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await dialog.getByRole('tab', { name: 'TLS' }).click();
    const folder = dialog.getByRole('combobox', { name: 'Certificate folder' });
    await folder.fill('~/ce');
    const list = page.getByRole('listbox', { name: /Certificate folder: matching entries/ });
    await visible(list.getByRole('option', { name: /certs/ }));
    await folder.press('Enter');
    await visible(list.getByRole('option', { name: /half-done/ }));
    await shoot('path-completion', dialog);
    await list.getByRole('option', { name: /half-done/ }).click();
    await dialog.getByRole('button', { name: 'Use folder' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'CERT_FOLDER_INCOMPLETE' });
    await visible(refusal);
    expect(await refusal.textContent()).toContain('has no key.pem');
    await shoot('cert-folder-incomplete', dialog);

    await folder.fill(`${path.join(home, 'certs', 'lab-client')}`);
    await dialog.getByRole('button', { name: 'Use folder' }).click();
    await expect
      .poll(() => dialog.getByRole('combobox', { name: 'Client key file' }).inputValue())
      .toBe(path.join(home, 'certs', 'lab-client', 'key.pem'));
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(async () => (await dialog.getByRole('status', { name: 'Connection test result' }).textContent()) ?? '', { timeout: 20_000 })
      .toContain('Docker Engine');
    await dialog.getByRole('combobox', { name: 'Client key file' }).scrollIntoViewIfNeeded();
    await shoot('cert-folder', dialog);
    await dialog.getByLabel(/^Name\b/).fill('lab tls by folder');
    await dialog.getByRole('button', { name: 'Add host' }).click();
    await visible(sidebarHost('lab tls by folder'));
  });

  it('completes an SSH key path in a field as wide as the row', async () => {
    await page.getByRole('button', { name: 'Add host' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add host' });
    await dialog.getByRole('tab', { name: 'SSH' }).click();
    await dialog.getByRole('radio', { name: 'Key file' }).check();
    const keyField = dialog.getByRole('combobox', { name: 'Private key file' });
    await keyField.fill('~/certs/lab-client/k');
    const option = page.getByRole('listbox', { name: /Private key file: matching entries/ }).getByRole('option', { name: /key\.pem/ });
    await visible(option);
    await keyField.scrollIntoViewIfNeeded();
    await shoot('ssh-key-completion', dialog);
    await keyField.press('Tab');
    expect(await keyField.inputValue()).toBe(path.join(home, 'certs', 'lab-client', 'key.pem'));
    expect((await keyField.boundingBox())!.width).toBeGreaterThan(400);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('a .dockercontext file opened with the app becomes a host; a bad one is a notice that says why', async () => {
    const good = path.join(home, 'lab-exported.dockercontext');
    expect(dockerCli(dockerConfig, ['context', 'export', 'lab-tcp', good]).status).toBe(0);
    await app.service.importContextFile(good);
    await visible(sidebarHost('lab-exported'));
    await visible(page.getByRole('status').filter({ hasText: 'Added host "lab-exported"' }));
    const bad = path.join(home, 'broken.dockercontext');
    writeFileSync(bad, 'not a tar archive '.repeat(64));
    await app.service.importContextFile(bad);
    const notice = page.getByRole('alert').filter({ hasText: 'The docker context file could not be added' });
    await visible(notice);
    expect(await notice.textContent()).toContain('CONTEXT_INVALID');
    await shoot('context-file-notices');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('status').filter({ hasText: 'Added host "lab-exported"' }).getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.getByText('The docker context file could not be added').count()).toBe(0);
  });

  it('Edit host shows the endpoint URL and the certificate folder the files came from', async () => {
    await sidebarHost('lab tls by folder').click();
    await page.getByRole('region', { name: 'Dashboard of lab tls by folder' }).getByRole('button', { name: /Edit/ }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Edit host' });
    await visible(dialog.getByLabel('Endpoint', { exact: true }));
    expect(await dialog.getByLabel('Endpoint', { exact: true }).textContent()).toContain(lab.daemons.tls.endpoint);
    expect(await dialog.getByRole('combobox', { name: 'Certificate folder' }).inputValue()).toBe(path.join(home, 'certs', 'lab-client'));
    await shoot('edit-host', dialog);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});
