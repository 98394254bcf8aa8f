import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LabManifest } from '../lab/manifest.js';
import type { BerthService } from '../../main/core/app/berth-service.js';
import { createAppService } from '../../main/core/app/create-service.js';
import { type ShellServer, startShellServer } from '../../main/shell/shell-server.js';
import { requireLab } from '../support/lab-hosts.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';

/**
 * Adding a host from ~/.ssh/config in Chromium, through the browser shell and a real core whose
 * home holds an ssh config: the alias `lab-chain` goes through two jump hosts (the lab sshd's
 * jump ports) to the lab's SSH-only daemon. The form shows the chain; after saving, Berth asks
 * about each hop's unknown key in turn, naming the hop, and the host becomes ready.
 */
const rendererDir = path.resolve('out', 'renderer');

let lab: LabManifest;
let home: string;
let dataDir: string;
let service: BerthService;
let shell: ShellServer;
let chromium: TestBrowser;
let page: Page;

beforeAll(async () => {
  lab = requireLab();
  home = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-sshconfig-home-'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-sshconfig-data-'));
  mkdirSync(path.join(home, '.ssh'));
  const [first, second] = lab.ssh.jumpPorts;
  writeFileSync(
    path.join(home, '.ssh', 'config'),
    [
      'Host lab-chain',
      `  Port ${lab.ssh.port}`,
      '  ProxyJump hop1,hop2',
      'Host hop1',
      `  Port ${first}`,
      'Host hop2',
      `  Port ${second}`,
      'Host broken',
      '  ProxyJump broken',
      'Host *',
      `  HostName ${lab.ssh.host}`,
      `  User ${lab.ssh.user}`,
      `  IdentityFile ${lab.ssh.keyPath}`,
      '',
    ].join('\n'),
  );
  service = await createAppService({ dataDir, shell: 'browser', version: '0.0.0-e2e', useUserKnownHosts: false, homeDir: home, env: {} });
  shell = await startShellServer({ service, rendererDir });
  chromium = await launchChromium();
  page = await (await chromium.newContext()).newPage();
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await page?.screenshot({ path: screenshotPath('failed-ssh-config-import') });
});

afterAll(async () => {
  await chromium?.close();
  await shell?.close();
  await service?.dispose();
  for (const dir of [home, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function screenshots(name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: screenshotPath(`${name}-${colorScheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('importing a ProxyJump chain from ~/.ssh/config, in Chromium', () => {
  it('fills the form with both jump hosts, asks about each hop key in turn, and reaches the lab daemon', async () => {
    await page.goto(shell.url);
    await page.getByRole('button', { name: 'Add host' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add host' });
    await dialog.getByRole('button', { name: /Import from ~\/\.ssh\/config/ }).click();
    const list = dialog.getByRole('list', { name: 'Hosts in your ssh config' });
    await list.waitFor({ state: 'visible' });
    expect(await list.textContent()).toContain('ProxyJump loops: broken → broken');
    await screenshots('ssh-config-import-list');

    await list.getByRole('button', { name: 'Use lab-chain' }).click();
    const jumpHosts = dialog.getByRole('listitem', { name: /^Jump host \d$/ });
    await expect.poll(() => jumpHosts.count()).toBe(2);
    await dialog.getByRole('textbox', { name: /^Remote socket/ }).fill(lab.ssh.remoteSocket);
    await dialog.getByRole('group', { name: 'Jump hosts' }).scrollIntoViewIfNeeded();
    await screenshots('ssh-config-jump-hosts');
    await dialog.getByRole('button', { name: 'Add host' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Berth knows none of the keys: hop 1, hop 2, then the Docker host, each named in the dialog.
    for (const [port, hop] of [
      [lab.ssh.jumpPorts[0], 'jump host 1 of 2'],
      [lab.ssh.jumpPorts[1], 'jump host 2 of 2'],
      [lab.ssh.port, undefined],
    ] as const) {
      const review = page.getByRole('dialog', { name: 'Host key confirmation' });
      await expect
        .poll(async () => ((await review.count()) > 0 ? ((await review.textContent()) ?? '') : ''), { timeout: 30_000 })
        .toContain(`${lab.ssh.host}:${port}`);
      const text = (await review.textContent()) ?? '';
      if (hop) expect(text).toContain(`This key belongs to ${hop} on the way to lab-chain`);
      else expect(text).not.toContain('jump host');
      expect(text).toContain(lab.ssh.hostKeyFingerprint);
      if (hop === 'jump host 2 of 2') await screenshots('ssh-config-hop-host-key');
      await review.getByRole('button', { name: 'Accept always' }).click();
      await review.waitFor({ state: 'hidden' });
    }
    const hostId = await listedHostId();
    let version = '';
    await expect
      .poll(
        async () => {
          const snapshot = await service.invoke('hosts:snapshot', { hostId });
          version = snapshot.ok && snapshot.value ? snapshot.value.summary.serverVersion : '';
          return version;
        },
        { timeout: 30_000 },
      )
      .not.toBe('');
    await expect.poll(async () => (await page.getByRole('main').textContent()) ?? '', { timeout: 15_000 }).toContain(version);
    await screenshots('ssh-config-chain-ready');
  });
});

async function listedHostId(): Promise<string> {
  const hosts = await service.invoke('hosts:list', {});
  if (!hosts.ok || hosts.value[0] === undefined) throw new Error('no host was saved');
  return hosts.value[0].profile.id;
}
