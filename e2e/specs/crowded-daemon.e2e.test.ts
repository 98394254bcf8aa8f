import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrowdedDaemon, startCrowdedDaemon } from '../support/crowded-daemon.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';

let app: BerthApp;
let chromium: TestBrowser;
let daemon: CrowdedDaemon;

beforeAll(async () => {
  daemon = await startCrowdedDaemon(12_500);
  app = await startBerthApp();
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await app?.close();
  await daemon?.close();
});

describe('a daemon listing more containers than Berth keeps, in Chromium', () => {
  it('shows the newest 10,000 with a note saying how many the daemon listed, and counts all of them', async () => {
    const saved = await app.service.invoke('hosts:save', {
      draft: { id: 'crowded', name: 'crowded', tags: [], transport: { type: 'tcp', host: '127.0.0.1', port: daemon.port } },
    });
    expect(saved).toMatchObject({ ok: true });
    const page = await (await chromium.newContext()).newPage();
    await page.goto(app.url);
    const board = page.getByRole('region', { name: 'Dashboard of crowded' });
    const note = board.getByRole('note', { name: 'Data left out' });
    await note.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await note.textContent()).toContain('Showing 10,000 of 12,500 containers — the daemon listed more than Berth keeps');
    await board.getByText('8,333 running · 0 paused · 4,167 stopped · 12,500 total').waitFor({ state: 'visible' });
    await board.getByRole('table', { name: 'Containers' }).getByText('crowd-service-0-0', { exact: true }).waitFor({ state: 'visible' });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: screenshotPath(`crowded-daemon-${colorScheme}`) });
    }
  });
});
