/**
 * The renderer's side of the large-fleet policy in Chromium. Against the real browser shell and
 * lab daemons: pinning a host names it to main with `fleet:focus` (checked as main received and
 * answered it), a reload names the pinned host again, Settings → Fleet and a host's alert rule
 * overrides are saved in main and read back. The standby display needs a main that puts hosts on
 * standby (the connection policy, another branch); until then it is shown over the demo bridge,
 * whose imitation of the policy puts hosts out of view on standby once Settings → Fleet holds
 * fewer hosts live than are saved. Screenshots go to test-results/screenshots.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeChannel, InvokeReply } from '../../shared/contract.js';
import { defaultSettings } from '../../shared/settings.js';
import type { LabManifest } from '../lab/manifest.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { labProfile, requireLab } from '../support/lab-hosts.js';

let lab: LabManifest;
let app: BerthApp;
let chromium: TestBrowser;
let page: Page;
/** Every fleet:focus main received from the page, with its answer. */
const focusCalls: Array<{ hostIds: string[]; reply: InvokeReply<InvokeChannel> }> = [];

beforeAll(async () => {
  lab = requireLab();
  app = await startBerthApp();
  for (const daemon of ['tcp', 'btrfs', 'vfs'] as const) {
    const reply = await app.service.invoke('hosts:save', { draft: labProfile(lab, daemon) });
    if (!reply.ok) throw new Error(`could not add the lab's ${daemon} daemon: ${reply.error.code}: ${reply.error.message}`);
  }
  // Record what the shell hands main (the WebSocket session invokes through this method).
  const invoke = app.service.invoke.bind(app.service);
  app.service.invoke = async (...args: Parameters<typeof invoke>) => {
    const reply = await invoke(...args);
    const [channel, input] = args;
    if (channel === 'fleet:focus') focusCalls.push({ hostIds: (input as { hostIds: string[] }).hostIds, reply });
    return reply;
  };
  chromium = await launchChromium();
  page = await (await chromium.newContext()).newPage();
  await page.goto(app.url);
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail')
    await page?.screenshot({ path: screenshotPath(`failed-fleet-ui-${context.task.name.slice(0, 50)}`) });
});

afterAll(async () => {
  await chromium?.close();
  await app?.close();
});

const visible = (locator: Locator, timeout = 15_000) => locator.first().waitFor({ state: 'visible', timeout });
const lastFocus = () => focusCalls.at(-1);

async function shootBothSchemes(target: Page, name: string, clip?: Locator): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await target.emulateMedia({ colorScheme });
    if (clip) await clip.screenshot({ path: screenshotPath(`${name}-${colorScheme}`) });
    else await target.screenshot({ path: screenshotPath(`${name}-${colorScheme}`) });
  }
  await target.emulateMedia({ colorScheme: 'light' });
}

describe('fleet policy UI against the real browser shell', () => {
  it('names the selected and pinned hosts to main with fleet:focus, and again after a reload', async () => {
    const hosts = page.getByRole('navigation', { name: 'Hosts' });
    await visible(hosts.getByRole('button', { name: 'lab vfs', exact: true }));
    await expect.poll(() => lastFocus()?.hostIds, { timeout: 10_000 }).toEqual(['lab-tcp']);
    expect(lastFocus()?.reply).toEqual({ ok: true, value: null });

    await hosts.getByRole('button', { name: 'lab vfs', exact: true }).hover();
    await hosts.getByRole('button', { name: 'Pin lab vfs' }).click();
    await visible(hosts.getByRole('group', { name: 'Pinned' }).getByRole('button', { name: 'lab vfs', exact: true }));
    await expect.poll(() => lastFocus()?.hostIds).toEqual(['lab-tcp', 'lab-vfs']);
    await hosts.getByRole('button', { name: 'lab btrfs', exact: true }).click();
    await expect.poll(() => lastFocus()?.hostIds).toEqual(['lab-btrfs', 'lab-vfs']);
    expect(focusCalls.every((call) => call.reply.ok)).toBe(true);
    await visible(page.getByRole('region', { name: 'Dashboard of lab btrfs' }).getByText('btrfs', { exact: true }), 30_000);
    await shootBothSchemes(page, 'fleet-ui-sidebar-pinned-lab', hosts);

    const before = focusCalls.length;
    await page.reload();
    await visible(page.getByRole('navigation', { name: 'Hosts' }).getByRole('group', { name: 'Pinned' }));
    await expect.poll(() => focusCalls.length).toBeGreaterThan(before);
    expect(lastFocus()?.hostIds).toEqual(['lab-btrfs', 'lab-vfs']);
  });

  it('shows a pin column in the fleet table', async () => {
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^Fleet/ })
      .click();
    const table = page.getByRole('table', { name: 'Fleet' });
    await visible(table.getByRole('button', { name: 'Unpin lab vfs' }));
    expect(await table.getByRole('button', { name: 'Unpin lab vfs' }).getAttribute('aria-pressed')).toBe('true');
    await shootBothSchemes(page, 'fleet-ui-fleet-table');
  });

  it('saves Settings → Fleet in main and refuses a value out of bounds by its field', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const form = page.getByRole('form', { name: 'Fleet settings' });
    await visible(form);
    await form.scrollIntoViewIfNeeded();
    await form.getByRole('textbox', { name: 'Standby checks at once' }).fill('300');
    await form.getByRole('button', { name: 'Save fleet settings' }).click();
    await visible(form.getByText('Choose 1 to 256.'));
    await shootBothSchemes(page, 'fleet-ui-settings-fleet-error', form);
    await form.getByRole('textbox', { name: 'Standby checks at once' }).fill('4');
    await form.getByRole('textbox', { name: 'Hosts held live' }).fill('25');
    await form.getByRole('button', { name: 'Save fleet settings' }).click();
    await visible(form.getByRole('status').filter({ hasText: 'Saved.' }));
    expect(await app.service.invoke('settings:get', {})).toEqual({
      ok: true,
      value: { ...defaultSettings, fleet: { ...defaultSettings.fleet, liveSessionLimit: 25, healthConnections: 4 } },
    });
    await visible(form.getByText(/^Hosts held live: up to 25\./));
    await shootBothSchemes(page, 'fleet-ui-settings-fleet', form);
  });

  it("edits one host's alert rule overrides, saved in main", async () => {
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^Alerts/ })
      .click();
    await page.getByLabel('Host to override').selectOption('lab-btrfs');
    const editor = page.getByRole('group', { name: 'Rule overrides for lab btrfs' });
    await editor.getByRole('radiogroup', { name: 'Restart loop on lab btrfs' }).getByText('Off', { exact: true }).click();
    await editor.getByLabel('Host unreachable: for more than on lab btrfs').fill('120');
    await editor.getByLabel('Thin pool / data-root usage: warn at on lab btrfs').fill('70');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Saved' }));
    const saved = await app.service.invoke('alerts:settings', {});
    expect(saved.ok && saved.value.hosts['lab-btrfs']).toEqual({
      rules: { restartLoop: { enabled: false }, hostDown: { graceSeconds: 120 }, storageUsage: { warningPercent: 70 } },
    });
    // The rules column is taller than the window: a tall window shows the whole editor at once.
    await page.setViewportSize({ width: 1440, height: 1700 });
    await shootBothSchemes(page, 'fleet-ui-alert-overrides');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});

describe('standby display over the demo bridge (its imitation of the policy)', () => {
  it('puts hosts out of view on standby after Hosts held live is lowered, keeps pinned ones live, and brings an opened one live', async () => {
    const demo = await (await chromium.newContext()).newPage();
    // The demo needs no token: it runs on an in-memory bridge.
    await demo.goto(new URL('/?demo=1', app.url).href);
    const hosts = demo.getByRole('navigation', { name: 'Hosts' });
    await visible(hosts.getByRole('button', { name: 'ci-runners', exact: true }));
    await hosts.getByRole('button', { name: 'ci-runners', exact: true }).hover();
    await hosts.getByRole('button', { name: 'Pin ci-runners' }).click();

    await demo.getByRole('button', { name: 'Settings', exact: true }).click();
    const form = demo.getByRole('form', { name: 'Fleet settings' });
    await form.getByRole('textbox', { name: 'Hosts held live' }).fill('3');
    await form.getByRole('button', { name: 'Save fleet settings' }).click();
    await visible(form.getByRole('status').filter({ hasText: 'Saved.' }));

    await visible(hosts.getByText(/^Standby · /));
    const item = (name: string) =>
      hosts
        .getByRole('listitem')
        .filter({ has: demo.getByRole('button', { name, exact: true }) })
        .first();
    expect(await item('prod-api-02').locator('.status-badge--standby').count()).toBe(1);
    expect(await item('ci-runners').locator('.status-badge--ok').count()).toBe(1);
    await shootBothSchemes(demo, 'fleet-ui-sidebar-pinned-standby', hosts);

    await hosts.getByRole('button', { name: 'prod-api-02', exact: true }).click();
    const banner = demo.getByRole('status', { name: 'Standby host' });
    await visible(banner);
    await banner.scrollIntoViewIfNeeded();
    await shootBothSchemes(demo, 'fleet-ui-dashboard-standby');
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await item('prod-api-02').locator('.status-badge--ok').count()).toBe(1);

    await demo
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^Fleet/ })
      .click();
    await visible(demo.getByText(/ on standby/));
    await shootBothSchemes(demo, 'fleet-ui-fleet-table-standby');

    // The timeline says that standby hosts' events arrive with each health check.
    await demo
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^Timeline/ })
      .click();
    const lag = demo.getByRole('note').filter({ hasText: /on standby: their events arrive with each health check/ });
    await visible(lag);
    await demo.getByRole('combobox', { name: 'Host' }).selectOption({ label: 'legacy-build' });
    await visible(
      demo.getByRole('note').filter({ hasText: /^legacy-build is on standby: its events arrive with each health check \(last / }),
    );
    await shootBothSchemes(demo, 'fleet-ui-timeline-standby');
    await demo.close();
  });
});
