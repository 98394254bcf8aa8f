/**
 * Settings and icons in Chromium against the lab: the dashboard of a real daemon with its icons,
 * the Settings view in both themes, a manual theme that beats the system's and survives a
 * reload, and connection settings saved in main. Screenshots go to test-results/screenshots.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/settings.js';
import type { LabManifest } from '../lab/manifest.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { labProfile, requireLab } from '../support/lab-hosts.js';

let lab: LabManifest;
let app: BerthApp;
let chromium: TestBrowser;
let page: Page;

beforeAll(async () => {
  lab = requireLab();
  app = await startBerthApp();
  const reply = await app.service.invoke('hosts:save', { draft: labProfile(lab, 'tcp') });
  if (!reply.ok) throw new Error(`could not add the lab's tcp daemon: ${reply.error.code}: ${reply.error.message}`);
  chromium = await launchChromium();
  page = await (await chromium.newContext()).newPage();
  await page.goto(app.url);
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail')
    await page?.screenshot({ path: screenshotPath(`failed-settings-${context.task.name.slice(0, 50)}`) });
});

afterAll(async () => {
  await chromium?.close();
  await app?.close();
});

const visible = (locator: Locator, timeout = 15_000) => locator.first().waitFor({ state: 'visible', timeout });
const rootTheme = async () => (await page.locator('html').getAttribute('data-theme')) ?? 'system';
// A string, evaluated in the page: this file compiles without the DOM library.
const pageBackground = () => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
const LIGHT_BG = 'rgb(246, 247, 249)';
const DARK_BG = 'rgb(14, 16, 20)';

async function shootBothSchemes(name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: screenshotPath(`${name}-${colorScheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('settings and icons in Chromium', () => {
  it('shows a lab dashboard whose actions and states carry icons beside their labels', async () => {
    await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'lab tcp', exact: true }).click();
    const board = page.getByRole('region', { name: 'Dashboard of lab tcp' });
    await visible(board.getByText(lab.daemons.tcp.driver, { exact: true }), 30_000);
    // Icons are decorative (aria-hidden) and the buttons keep their names.
    for (const name of ['Refresh', 'Copy connection', 'Edit host']) {
      const button = board.getByRole('button', { name, exact: true });
      await visible(button);
      expect(await button.locator('svg[aria-hidden="true"]').count()).toBe(1);
    }
    expect(await board.locator('.status-badge--ok svg.status-icon').count()).toBeGreaterThan(0);
    expect(await board.locator('.state-pill--running svg').count()).toBeGreaterThan(0);
    await shootBothSchemes('dashboard-icons');
    await board.getByRole('table', { name: 'Containers' }).scrollIntoViewIfNeeded();
    await shootBothSchemes('dashboard-containers-icons');
  });

  it('opens Settings with Alt+, (a browser tab) and from the gear, in both system themes', async () => {
    await page.keyboard.press('Alt+Comma');
    await visible(page.getByRole('heading', { name: 'Settings', level: 1 }));
    expect(await page.getByRole('button', { name: 'Settings', exact: true }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('button', { name: /Dashboard/ }).click();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Settings', level: 1 }));
    expect(await rootTheme()).toBe('system');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await pageBackground()).toBe(DARK_BG);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await pageBackground()).toBe(LIGHT_BG);
    await shootBothSchemes('settings');
  });

  it('applies a manual theme at once over the system one, keeps it across a reload, and saves it in main', async () => {
    const themes = page.getByRole('radiogroup', { name: 'Theme' });
    await page.emulateMedia({ colorScheme: 'light' });
    await themes.getByRole('radio', { name: 'Dark' }).check();
    expect(await rootTheme()).toBe('dark');
    expect(await pageBackground()).toBe(DARK_BG);
    await expect.poll(async () => (await app.service.invoke('settings:get', {})).ok && (await settingsTheme())).toBe('dark');
    await page.screenshot({ path: screenshotPath('settings-chosen-dark-on-light-system') });

    await page.reload();
    await visible(page.getByRole('navigation', { name: 'Hosts' }));
    expect(await rootTheme()).toBe('dark');
    expect(await pageBackground()).toBe(DARK_BG);

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Light' }).check();
    expect(await pageBackground()).toBe(LIGHT_BG);
    await page.screenshot({ path: screenshotPath('settings-chosen-light-on-dark-system') });
    await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'System' }).check();
    expect(await pageBackground()).toBe(DARK_BG);
    await expect.poll(settingsTheme).toBe('system');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('saves connection settings in main, and refuses a value out of bounds by its field', async () => {
    const timeout = page.getByRole('textbox', { name: 'Connect and request timeout (seconds)' });
    await timeout.fill('0.2');
    await page.getByRole('button', { name: 'Save connection settings' }).click();
    await visible(page.getByText('Choose 1 s to 120 s.'));
    await timeout.fill('4');
    await page.getByRole('textbox', { name: 'Longest reconnect wait (seconds)' }).fill('90');
    await page.getByRole('button', { name: 'Save connection settings' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Saved.' }));
    const saved = await app.service.invoke('settings:get', {});
    expect(saved).toEqual({
      ok: true,
      value: { ...defaultSettings, connection: { ...defaultSettings.connection, requestTimeoutMs: 4_000, backoffMaxMs: 90_000 } },
    });
    await page.screenshot({ path: screenshotPath('settings-connections-saved') });
  });
});

async function settingsTheme(): Promise<string | undefined> {
  const reply = await app.service.invoke('settings:get', {});
  return reply.ok ? reply.value.theme : undefined;
}
