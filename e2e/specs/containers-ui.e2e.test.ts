/**
 * The container features in Chromium against the lab, through the browser shell: a lab
 * container's detail, its log, a shell in it, its stats, actions with the production guard,
 * and the audit view. Screenshots of each in both themes go to test-results/screenshots.
 */
import { execFileSync } from 'node:child_process';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LabDaemonName, type LabManifest, labDockerArgs } from '../lab/manifest.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { labProfile, requireLab } from '../support/lab-hosts.js';

let lab: LabManifest;
let app: BerthApp;
let chromium: TestBrowser;
let page: Page;
const stamp = Date.now().toString(36);
const created: Array<[LabDaemonName, string]> = [];
const LOGGER = `e2e-ui-logger-${stamp}`;
const VICTIM = `e2e-ui-victim-${stamp}`;

function docker(daemon: LabDaemonName, ...args: string[]): string {
  return execFileSync('docker', [...labDockerArgs(lab, daemon), ...args], { encoding: 'utf8', timeout: 60_000 }).trim();
}

/** A busybox container on a lab daemon running `script`; removed after the suite. */
function runContainer(daemon: LabDaemonName, name: string, script: string): void {
  docker(
    daemon,
    'run',
    '-d',
    '--network',
    'none',
    '--name',
    name,
    '--label',
    'com.docker.compose.project=e2e-ui',
    '--label',
    'com.docker.compose.service=logger',
    '-e',
    'API_TOKEN=not-a-real-token',
    lab.image,
    'sh',
    '-c',
    script,
  );
  created.push([daemon, name]);
}

async function saveHost(daemon: LabDaemonName, tags: string[]): Promise<void> {
  const profile = labProfile(lab, daemon);
  const reply = await app.service.invoke('hosts:save', { draft: { ...profile, tags } });
  if (!reply.ok) throw new Error(`hosts:save ${daemon}: ${reply.error.code} ${reply.error.message}`);
}

beforeAll(async () => {
  lab = requireLab();
  app = await startBerthApp();
  runContainer(
    'tcp',
    LOGGER,
    'i=0; while true; do i=$((i+1)); echo "line $i"; if [ $((i % 5)) -eq 0 ]; then echo "warn $i" >&2; fi; sleep 0.2; done',
  );
  runContainer('tls', VICTIM, 'trap "exit 0" TERM; while true; do sleep 1; done');
  await saveHost('tcp', []);
  await saveHost('tls', ['production']);
  chromium = await launchChromium();
  const context = await chromium.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  page = await context.newPage();
  await page.goto(app.url);
}, 120_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail')
    await page?.screenshot({ path: screenshotPath(`failed-containers-${context.task.name.slice(0, 50)}`) });
});

afterAll(async () => {
  await chromium?.close();
  await app?.close();
  for (const [daemon, name] of created) {
    try {
      docker(daemon, 'rm', '-f', name);
    } catch {
      // Already gone (the test removed it).
    }
  }
});

const visible = (locator: Locator, timeout = 20_000) => locator.first().waitFor({ state: 'visible', timeout });
const sidebarHost = (name: string) => page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name, exact: true });

async function shoot(name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(150);
    await page.screenshot({ path: screenshotPath(`containers-${name}-${colorScheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function openDetail(host: string, container: string): Promise<Locator> {
  await sidebarHost(host).click();
  const table = page.getByRole('table', { name: 'Containers' });
  await visible(table.getByText(container, { exact: true }), 30_000);
  await table.getByText(container, { exact: true }).click();
  const detail = page.getByRole('region', { name: `Container ${container}` });
  await visible(detail);
  return detail;
}

describe('container detail, logs, terminal, stats and actions against the lab, in Chromium', () => {
  it('opens a lab container’s detail from its row: overview from inspect, environment masked', async () => {
    const detail = await openDetail('lab tcp', LOGGER);
    await visible(detail.getByText('e2e-ui', { exact: true }));
    await visible(detail.getByText(lab.image).first());
    await expect.poll(() => detail.getByText('not-a-real-token').count()).toBe(0);
    await detail.getByRole('button', { name: 'Reveal API_TOKEN' }).click();
    await visible(detail.getByText('not-a-real-token'));
    await detail.getByRole('button', { name: 'Hide API_TOKEN' }).click();
    await shoot('detail');
  });

  it('shows the log live with stderr told apart, filters it, and follows new lines', async () => {
    await page.keyboard.press('l');
    const view = page.getByLabel('Log lines', { exact: true });
    await visible(view.getByText(/^line \d+$/));
    await visible(view.locator('[data-stream="stderr"]'));
    const count = page.getByTestId('log-count');
    const lines = async () => Number(((await count.textContent()) ?? '').replace(/\D+/g, ''));
    const before = await lines();
    await expect.poll(lines, { timeout: 10_000 }).toBeGreaterThan(before);
    await page.getByLabel('Filter log lines').fill('warn');
    await expect.poll(async () => (await count.textContent()) ?? '').toMatch(/matches in/);
    await visible(view.locator('mark.log-match'));
    await shoot('logs-filtered');
    await page.getByLabel('Filter log lines').fill('');
    await page.getByLabel('Timestamps').check();
    await shoot('logs');
  });

  it('runs echo $((6*7)) in a shell through the terminal and prints 42', async () => {
    await page.getByLabel('Log lines', { exact: true }).click();
    await page.keyboard.press('t');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const terminal = page.getByTestId('terminal');
    await visible(page.getByText(/^Connected: sh/));
    await terminal.click();
    await page.keyboard.type('echo $((6*7))\n');
    await expect.poll(() => terminal.locator('.xterm-rows').innerText(), { timeout: 15_000 }).toMatch(/^42$/m);
    await shoot('terminal');
  });

  it('shows live stats numbers on the stats tab', async () => {
    await page.getByRole('tab', { name: /Stats/ }).click();
    await expect.poll(() => page.getByTestId('stat-cpu').textContent(), { timeout: 20_000 }).toMatch(/^\d+\.\d %$/);
    await expect.poll(() => page.getByTestId('stat-pids').textContent(), { timeout: 20_000 }).toMatch(/^\d+$/);
    await page.waitForTimeout(3000);
    await shoot('stats');
  });

  it('asks before stopping on a normal host, without typing', async () => {
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await visible(dialog);
    await expect.poll(() => dialog.getByLabel('Confirmation').count()).toBe(0);
    await shoot('confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('needs the typed name on a production host; a wrong name keeps the button off; the action runs once typed', async () => {
    await page.keyboard.press('Escape');
    const detail = await openDetail('lab tls', VICTIM);
    const startedBefore = docker('tls', 'inspect', '-f', '{{.State.StartedAt}}', VICTIM);
    await detail.getByRole('button', { name: 'Restart', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await visible(dialog.getByText('PRODUCTION'));
    const confirm = dialog.getByRole('button', { name: 'Restart', exact: true });
    await dialog.getByLabel('Confirmation').fill(`${VICTIM}-wrong`);
    await expect.poll(() => confirm.isDisabled()).toBe(true);
    await shoot('confirm-production');
    await dialog.getByLabel('Confirmation').fill(VICTIM);
    await confirm.click();
    await visible(page.getByText(/Restart: 1 container done/), 30_000);
    expect(docker('tls', 'inspect', '-f', '{{.State.StartedAt}}', VICTIM)).not.toBe(startedBefore);
  });

  it('lists the action in the audit view, filtered by host', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Audit' }).click();
    await page.getByLabel('Filter by host').selectOption({ label: 'lab tls' });
    const table = page.getByRole('table', { name: 'Audit entries' });
    await visible(table.getByText(VICTIM));
    await visible(table.getByText('restart', { exact: true }));
    await shoot('audit');
  });
});
