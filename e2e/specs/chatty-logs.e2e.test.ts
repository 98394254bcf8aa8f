/**
 * The log view in Chromium against a container printing 10,000 lines a second: every line
 * arrives, in order, the newest in view, while only the rows on screen exist in the page.
 * (How fast is measured in `npm run bench -- --only logs`, not here.)
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabManifest } from '../lab/manifest.js';
import { labDockerArgs } from '../lab/manifest.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { labProfile, requireLab } from '../support/lab-hosts.js';

let lab: LabManifest;
let app: BerthApp;
let chromium: TestBrowser;
let page: Page;
const CHATTY = `e2e-chatty-${Date.now().toString(36)}`;
/** 1,000 lines every 0.1 s for 4 s: 40,000 lines (below the view's 50,000-line cap). */
const TOTAL = 40_000;

const docker = (...args: string[]) =>
  execFileSync('docker', [...labDockerArgs(lab, 'tcp'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  }).trim();

beforeAll(async () => {
  lab = requireLab();
  app = await startBerthApp();
  const reply = await app.service.invoke('hosts:save', { draft: { ...labProfile(lab, 'tcp'), tags: [] } });
  if (!reply.ok) throw new Error(reply.error.message);
  // Sleeps first, so the Logs tab is following before the burst starts.
  docker(
    'run',
    '-d',
    '--network',
    'none',
    '--name',
    CHATTY,
    lab.image,
    'sh',
    '-c',
    `sleep 8; i=0; while [ $i -lt ${TOTAL / 1000} ]; do seq $((i*1000+1)) $((i*1000+1000)) | sed 's/^/chatty /'; i=$((i+1)); sleep 0.1; done; sleep 600`,
  );
  chromium = await launchChromium();
  page = await (await chromium.newContext()).newPage();
  await page.goto(app.url);
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await app?.close();
  docker('rm', '-f', CHATTY);
});

describe('a container printing 10,000 lines a second', () => {
  it('shows every line in order with the newest in view, drawing only the rows on screen', async () => {
    await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'lab tcp', exact: true }).click();
    await page.getByRole('table', { name: 'Containers' }).getByText(CHATTY, { exact: true }).click();
    await page.getByRole('tab', { name: /Logs/ }).click();
    const count = page.getByTestId('log-count');
    await expect
      .poll(async () => (await count.textContent()) ?? '', { timeout: 60_000, interval: 250 })
      .toBe(`${TOTAL.toLocaleString('en-US')} lines`);
    const view = page.getByLabel('Log lines', { exact: true });
    await expect
      .poll(async () => (await view.getByRole('listitem').last().textContent()) ?? '', { timeout: 10_000 })
      .toBe(`chatty ${TOTAL}`);
    const rows = await view.getByRole('listitem').allTextContents();
    expect(rows.length).toBeLessThan(200);
    // The drawn rows are consecutive lines ending with the last.
    expect(rows).toEqual(Array.from({ length: rows.length }, (_, i) => `chatty ${TOTAL - rows.length + 1 + i}`));
    // The daemon really printed at about 10,000 lines a second (its own timestamps).
    const stamps = docker('logs', '-t', CHATTY)
      .split('\n')
      .map((line) => Date.parse(line.split(' ')[0]!));
    const seconds = (stamps[stamps.length - 1]! - stamps[0]!) / 1000;
    expect(TOTAL / seconds).toBeGreaterThan(5_000);
    // The download has every line, in order.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download .txt' }).click();
    const text = await (await (await download).createReadStream()).toArray();
    const lines = Buffer.concat(text as Buffer[])
      .toString('utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(TOTAL);
    expect(lines.every((line, i) => line === `chatty ${i + 1}`)).toBe(true);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.waitForTimeout(150);
      await page.screenshot({ path: screenshotPath(`chatty-logs-${colorScheme}`) });
    }
  });
});
