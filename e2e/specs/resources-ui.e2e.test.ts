/**
 * The host's resource tabs in Chromium against the lab, through the browser shell: Images,
 * Volumes, Networks and Compose beside Containers, each live from the daemon's events; a compose
 * project stopped from its row; its merged log. Screenshots of each view in both themes go to
 * test-results/screenshots.
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
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const PROJECT = `demo-${stamp}`;
const IMAGE = `e2e-res-${stamp}`;
const VOLUME = `e2e-res-vol-${stamp}`;
const LATE_VOLUME = `e2e-res-late-${stamp}`;
const NETWORK = `e2e-res-net-${stamp}`;
const containers: string[] = [];
const images: string[] = [];

function docker(...args: string[]): string {
  return execFileSync('docker', [...labDockerArgs(lab, 'tcp'), ...args], { encoding: 'utf8', timeout: 60_000 }).trim();
}

function quietly(...args: string[]): void {
  try {
    docker(...args);
  } catch {
    // already gone
  }
}

beforeAll(async () => {
  lab = requireLab();
  // A compose project of three services, on its own network, one of them mounting a volume.
  docker('volume', 'create', VOLUME);
  docker('network', 'create', '--internal', NETWORK);
  for (const service of ['web', 'api', 'db']) {
    const name = `${PROJECT}-${service}-1`;
    containers.push(name);
    docker(
      'run',
      '-d',
      // A lab daemon another suite restarts brings it back (a stop by Berth is kept: unless-stopped).
      '--restart',
      'unless-stopped',
      '--network',
      NETWORK,
      '--name',
      name,
      ...(service === 'db' ? ['-v', `${VOLUME}:/data`] : []),
      '--label',
      `com.docker.compose.project=${PROJECT}`,
      '--label',
      `com.docker.compose.service=${service}`,
      '--label',
      'com.docker.compose.container-number=1',
      '--label',
      `com.docker.compose.project.working_dir=/srv/${PROJECT}`,
      '--label',
      `com.docker.compose.project.config_files=/srv/${PROJECT}/compose.yaml`,
      lab.image,
      'sh',
      '-c',
      `echo "${service} ready"; trap "echo ${service} bye; exit 0" TERM; while :; do sleep 1; done`,
    );
  }
  // An image with two tags, and a dangling one.
  const builder = `e2e-res-build-${stamp}`;
  docker('run', '--network', 'none', '--name', builder, lab.image, 'sh', '-c', `echo ${stamp} > /marker`);
  images.push(docker('commit', builder, `${IMAGE}:v1`));
  docker('tag', `${IMAGE}:v1`, `${IMAGE}:v2`);
  images.push(docker('commit', builder));
  docker('rm', builder);
  app = await startBerthApp();
  const reply = await app.service.invoke('hosts:save', { draft: { ...labProfile(lab, 'tcp'), tags: [] } });
  if (!reply.ok) throw new Error(`hosts:save: ${reply.error.code} ${reply.error.message}`);
  chromium = await launchChromium();
  page = await (await chromium.newContext()).newPage();
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(app.url);
}, 120_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail')
    await page?.screenshot({ path: screenshotPath(`failed-resources-${context.task.name.slice(0, 50)}`) });
});

afterAll(async () => {
  await chromium?.close();
  await app?.close();
  quietly('rm', '-f', ...containers);
  quietly('rmi', '-f', `${IMAGE}:v1`, `${IMAGE}:v2`, ...images);
  quietly('volume', 'rm', VOLUME);
  quietly('volume', 'rm', LATE_VOLUME);
  quietly('network', 'rm', NETWORK);
});

const visible = (locator: Locator, timeout = 20_000) => locator.first().waitFor({ state: 'visible', timeout });

async function shoot(name: string, show: Locator = page.getByRole('tabpanel')): Promise<void> {
  await show.first().scrollIntoViewIfNeeded();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(150);
    await page.screenshot({ path: screenshotPath(`resources-${name}-${colorScheme}`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function openTab(name: string): Promise<void> {
  await page
    .getByRole('tablist', { name: 'Host views' })
    .getByRole('tab', { name: new RegExp(`^${name}`) })
    .click();
}

describe('resource tabs against the lab, in Chromium', () => {
  it('Images: the two tags of one image together, the dangling image marked, its user counted', async () => {
    await page.getByRole('navigation', { name: 'Hosts' }).getByRole('button', { name: 'lab tcp', exact: true }).click();
    await openTab('Images');
    const table = page.getByRole('table', { name: 'Images' });
    await page.getByLabel('Search images').fill(IMAGE);
    await visible(table.getByText(`${IMAGE}:v1`));
    await visible(table.getByText(`${IMAGE}:v2`));
    await page.getByLabel('Search images').fill('');
    await visible(table.getByText('dangling'));
    await shoot('images');
  });

  it('Volumes: the project volume with its container; a volume created meanwhile appears from the event stream', async () => {
    await openTab('Volumes');
    const table = page.getByRole('table', { name: 'Volumes' });
    await visible(table.getByText(VOLUME));
    await visible(table.getByText(`${PROJECT}-db-1`));
    docker('volume', 'create', LATE_VOLUME);
    await visible(table.getByText(LATE_VOLUME), 15_000);
    await shoot('volumes');
  });

  it('Networks: the project network with its three containers and their addresses; host and none are built-in', async () => {
    await openTab('Networks');
    const table = page.getByRole('table', { name: 'Networks' });
    const row = table.getByRole('row').filter({ hasText: NETWORK });
    await visible(row);
    await expect.poll(async () => (await row.textContent()) ?? '').toMatch(new RegExp(`${PROJECT}-web-1 \\d+\\.\\d+\\.\\d+\\.\\d+/\\d+`));
    expect(await page.getByRole('button', { name: 'Remove network host' }).isDisabled()).toBe(true);
    await shoot('networks');
  });

  it('Compose: "3/3 running", Stop project asks with the order, leaves all three exited; the merged log shows each service', async () => {
    await openTab('Compose');
    const table = page.getByRole('table', { name: 'Compose projects' });
    const row = table.getByRole('row').filter({ hasText: PROJECT });
    await visible(row.getByText('3/3 running'));
    await shoot('compose');
    await page.getByRole('button', { name: `Stop project ${PROJECT}` }).click();
    const dialog = page.getByRole('alertdialog');
    await visible(dialog.getByText(`${PROJECT}-web-1`));
    await shoot('compose-stop-confirm', dialog);
    await dialog.getByRole('button', { name: 'Stop 3' }).click();
    await visible(page.getByText(new RegExp(`${PROJECT}-web-1 → ${PROJECT}-db-1 → ${PROJECT}-api-1 — done`)), 60_000);
    for (const name of containers) expect(docker('inspect', '--format', '{{.State.Status}}', name)).toBe('exited');
    await visible(row.getByText('0/3 running'), 15_000);
    await page.getByRole('button', { name: `Logs of project ${PROJECT}` }).click();
    const log = page.getByLabel('Log lines', { exact: true });
    await visible(log.getByText(/web-1 \| web ready/));
    await visible(log.getByText(/db-1 {2}\| db bye/));
    await shoot('compose-logs', page.getByRole('region', { name: `Logs of project ${PROJECT}` }));
  });
});
