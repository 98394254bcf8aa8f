/**
 * Cleanup in Chromium against the lab's cleanup daemon (the one destructive tests may empty),
 * through the browser shell over SSH: the dashboard's data root, the preview of every prune
 * kind, the production confirmation, the daemon's report next to the preview, and the fleet's
 * Reclaimable and Pool / disk columns. Screenshots in both themes go to test-results/screenshots.
 */
import { execFileSync } from 'node:child_process';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LAB_CLEANUP_OBJECTS, type LabCleanupDaemon, type LabManifest, labCleanupDaemon, prepareLabCleanup } from '../lab/manifest.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { requireLab } from '../support/lab-hosts.js';

let lab: LabManifest;
let cleanup: LabCleanupDaemon;
let app: BerthApp;
let chromium: TestBrowser;
let page: Page;
const HOST = 'lab cleanup';

const dockerNames = (...args: string[]) =>
  execFileSync('docker', ['-H', cleanup.endpoint, ...args], { encoding: 'utf8', timeout: 60_000 })
    .split('\n')
    .filter(Boolean)
    .sort();

beforeAll(async () => {
  lab = requireLab();
  cleanup = labCleanupDaemon(lab);
  prepareLabCleanup();
  app = await startBerthApp();
  const saved = await app.service.invoke('hosts:save', {
    draft: { id: 'lab-cleanup', name: HOST, tags: ['production'], transport: cleanup.sshTransport },
  });
  if (!saved.ok) throw new Error(`hosts:save: ${saved.error.code} ${saved.error.message}`);
  // A fresh data dir knows no host key: trust the lab sshd's for this session, as an operator would.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const list = await app.service.invoke('hosts:list', {});
    const state = list.ok ? list.value.find((host) => host.profile.id === 'lab-cleanup')?.status.state : undefined;
    if (state === 'needs-host-key-confirmation')
      await app.service.invoke('hosts:accept-host-key', { hostId: 'lab-cleanup', persist: false });
    if (state === 'ready') break;
    if (Date.now() > deadline) throw new Error(`the cleanup host is ${state}, not ready`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  chromium = await launchChromium();
  page = await (await chromium.newContext({ colorScheme: 'light' })).newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(app.url);
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail')
    await page?.screenshot({ path: screenshotPath(`failed-cleanup-${context.task.name.slice(0, 50)}`) });
});

afterAll(async () => {
  await chromium?.close();
  await app?.close();
});

const visible = (locator: Locator, timeout = 20_000) => locator.first().waitFor({ state: 'visible', timeout });

async function shoot(name: string, fullPage = false): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(150);
    await page.screenshot({ path: screenshotPath(`cleanup-${name}-${colorScheme}`), fullPage });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('cleanup against the lab cleanup daemon over SSH, in Chromium', () => {
  it('shows the data root measured with df over SSH beside the disk usage', async () => {
    await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: HOST, exact: true }).click();
    const root = page.getByRole('region', { name: 'Data root' });
    await visible(root.getByRole('meter'));
    expect(await root.textContent()).toMatch(/df -B1 -P over SSH/);
    await shoot('dashboard');
  });

  it('previews exactly the prepared objects per kind', async () => {
    await page.getByRole('button', { name: /Cleanup…/ }).click();
    const view = page.getByRole('region', { name: `Cleanup of ${HOST}` });
    const stopped = view.getByRole('region', { name: 'Stopped containers' });
    await visible(stopped.getByText('cleanup-exited-writer'));
    for (const name of LAB_CLEANUP_OBJECTS.stoppedContainers) await visible(stopped.getByText(name, { exact: true }));
    await expect.poll(() => stopped.getByText('cleanup-user').count()).toBe(0);
    await visible(view.getByRole('region', { name: 'All unused images' }).getByText(LAB_CLEANUP_OBJECTS.unusedTaggedImage));
    await visible(view.getByRole('region', { name: 'Unused volumes' }).getByText(LAB_CLEANUP_OBJECTS.unusedNamedVolume, { exact: true }));
    await expect
      .poll(() => view.getByRole('region', { name: 'Unused volumes' }).getByText(LAB_CLEANUP_OBJECTS.inUseVolume).count())
      .toBe(0);
    await visible(view.getByRole('region', { name: 'Unused networks' }).getByText(LAB_CLEANUP_OBJECTS.unusedNetwork));
    await shoot('preview', true);
  });

  it('prunes stopped containers after the host name is typed, and shows the daemon’s report beside the preview', async () => {
    const view = page.getByRole('region', { name: `Cleanup of ${HOST}` });
    await view
      .getByRole('region', { name: 'Stopped containers' })
      .getByRole('button', { name: /Prune…/ })
      .click();
    const dialog = page.getByRole('alertdialog', { name: `Prune stopped containers on ${HOST}` });
    await visible(dialog);
    expect(await dialog.getByRole('button', { name: 'Prune 3' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Confirmation').fill(HOST);
    await shoot('confirm');
    await dialog.getByRole('button', { name: 'Prune 3' }).click();
    const result = view.getByRole('region', { name: 'Stopped containers' }).getByRole('status', { name: 'Prune result' });
    await visible(result);
    expect(await result.textContent()).toMatch(/Daemon removed 3 · reclaimed 262.1 kB.*preview: 3 · 262.1 kB/);
    expect(dockerNames('ps', '-a', '--format', '{{.Names}}')).toEqual([...LAB_CLEANUP_OBJECTS.keptContainers].sort());
    await shoot('result', true);
  });

  it('the fleet shows each host’s reclaimable bytes and the data root’s fill', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Fleet' }).click();
    const fleet = page.getByRole('table', { name: 'Fleet' });
    await visible(fleet.getByRole('button', { name: 'Reclaimable' }));
    await visible(fleet.getByText(/^disk \d+ %$/));
    await shoot('fleet');
  });
});
