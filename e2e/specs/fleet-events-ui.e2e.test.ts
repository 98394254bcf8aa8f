/**
 * Alerts and the event timeline in Chromium against the lab, through the browser shell: a lab
 * container killed with `docker kill` shows as one "died (137)" alert (and a desktop notification
 * through the page's Notification API), is acknowledged, and its events are on the timeline,
 * filtered by container. Screenshots of both views in both themes go to test-results/screenshots.
 */
import { execFileSync } from 'node:child_process';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LabManifest, labDockerArgs } from '../lab/manifest.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { labProfile, requireLab } from '../support/lab-hosts.js';

let lab: LabManifest;
let app: BerthApp;
let chromium: TestBrowser;
let page: Page;
const VICTIM = `e2e-alerts-victim-${Date.now().toString(36)}`;

function docker(...args: string[]): string {
  return execFileSync('docker', [...labDockerArgs(lab, 'tcp'), ...args], { encoding: 'utf8', timeout: 60_000 }).trim();
}

beforeAll(async () => {
  lab = requireLab();
  app = await startBerthApp();
  docker('run', '-d', '--network', 'none', '--name', VICTIM, lab.image, 'sleep', '300');
  const reply = await app.service.invoke('hosts:save', { draft: { ...labProfile(lab, 'tcp'), name: 'lab tcp' } });
  if (!reply.ok) throw new Error(`hosts:save: ${reply.error.code} ${reply.error.message}`);
  chromium = await launchChromium();
  const context = await chromium.newContext();
  await context.grantPermissions(['notifications'], { origin: new URL(app.url).origin });
  page = await context.newPage();
  // Records what the page shows as desktop notifications (headless Chromium displays none).
  // A string: this file compiles without the DOM library.
  await page.addInitScript(`
    window.shownNotifications = [];
    const Original = window.Notification;
    class Recording extends Original {
      constructor(title, options) {
        super(title, options);
        window.shownNotifications.push({ title, body: (options && options.body) || '' });
      }
    }
    Object.defineProperty(Recording, 'permission', { get: () => Original.permission });
    window.Notification = Recording;
  `);
  await page.goto(app.url);
}, 120_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail')
    await page?.screenshot({ path: screenshotPath(`failed-fleet-events-${context.task.name.slice(0, 50)}`) });
});

afterAll(async () => {
  await chromium?.close();
  await app?.close();
  try {
    docker('rm', '-f', VICTIM);
  } catch {
    // Already gone.
  }
});

const visible = (locator: Locator, timeout = 20_000) => locator.first().waitFor({ state: 'visible', timeout });

async function shoot(name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(150);
    await page.screenshot({ path: screenshotPath(`fleet-events-${name}-${colorScheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('alerts and the timeline in the browser', () => {
  it('a killed container shows as one "died (137)" alert, notified, and is acknowledged', async () => {
    await visible(page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'lab tcp', exact: true }), 30_000);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Alerts' }).click();
    await visible(page.getByRole('region', { name: 'Alerts' }));
    docker('kill', VICTIM);
    const title = `lab tcp: ${VICTIM} died (137)`;
    const list = page.getByRole('list', { name: 'Alerts' });
    await visible(list.getByText(title, { exact: true }), 10_000);
    await expect.poll(() => page.getByRole('navigation', { name: 'Views' }).getByLabel('1 unacknowledged').count()).toBe(1);
    await expect.poll(() => page.evaluate<string[]>('window.shownNotifications.map((shown) => shown.title)')).toEqual([title]);
    await page.waitForTimeout(1_000);
    expect(await list.getByText(title, { exact: true }).count()).toBe(1);
    await shoot('alerts');
    await list.getByRole('listitem').filter({ hasText: title }).getByRole('button', { name: 'Acknowledge' }).click();
    await visible(list.getByRole('listitem').filter({ hasText: title }).getByText('Acknowledged'));
    await expect.poll(() => page.getByRole('navigation', { name: 'Views' }).getByLabel('1 unacknowledged').count()).toBe(0);
  });

  it("the timeline lists the container's events, newest first, and filters by container", async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Timeline' }).click();
    const table = page.getByRole('table', { name: 'Docker events' });
    await visible(table);
    await page.getByLabel('Container').fill(VICTIM);
    await expect
      .poll(async () => (await table.getByRole('row').allInnerTexts()).slice(1).map((row) => row.split('\n').filter(Boolean)[3] ?? row))
      .toEqual(expect.arrayContaining(['die', 'kill', 'start']));
    const actions = (await table.getByRole('row').allInnerTexts()).slice(1).map(
      (row) =>
        row
          .split(/\t|\n/)
          .map((cell) => cell.trim())
          .filter(Boolean)[3],
    );
    expect(actions.indexOf('die')).toBeLessThan(actions.indexOf('start'));
    await page.getByLabel('Event type').selectOption('container');
    await shoot('timeline');
    await page.getByLabel('Container').fill('');
    await visible(table.getByText(VICTIM).first());
  });
});
