import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BerthService } from '../../main/core/app/berth-service.js';
import { createAppService } from '../../main/core/app/create-service.js';
import { sha256Fingerprint } from '../../main/core/ssh/fingerprint.js';
import { type ShellServer, startShellServer } from '../../main/shell/shell-server.js';
import { generateTestKey, startTestSshServer, type TestSshServer } from '../../test-support/ssh-server.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';

/**
 * A host known by its ed25519 key whose SSH server now offers only an RSA key, seen in Chromium
 * through the browser shell: the real app shows a possible attack with both key types and
 * fingerprints, never the first-contact dialog, and records nothing. The SSH server is a real
 * one (ssh2) on 127.0.0.1 whose only host key is RSA.
 */
const rendererDir = path.resolve('out', 'renderer');
const onRecord = generateTestKey('ed25519').publicKey.split(' ')[1] ?? '';

let dataDir: string;
let knownHostsFile: string;
let sshServer: TestSshServer;
let service: BerthService;
let shell: ShellServer;
let chromium: TestBrowser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` before the e2e tests.');
  }
  sshServer = await startTestSshServer({ hostKeyType: 'rsa', password: 'e2e-password' });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-keytype-'));
  knownHostsFile = path.join(dataDir, 'known_hosts');
  writeFileSync(knownHostsFile, `[127.0.0.1]:${sshServer.port} ssh-ed25519 ${onRecord}\n`, { mode: 0o600 });
  service = await createAppService({ dataDir, shell: 'browser', version: '0.0.0-e2e', useUserKnownHosts: false });
  shell = await startShellServer({ service, rendererDir });
  chromium = await launchChromium();
  page = await (await chromium.newContext()).newPage();
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await page?.screenshot({ path: screenshotPath('failed-host-key-type') });
});

afterAll(async () => {
  await chromium?.close();
  await shell?.close();
  await service?.dispose();
  await sshServer?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a host key of another type, in Chromium', () => {
  it('is shown as a possible attack with both types and fingerprints, and nothing is recorded', async () => {
    const before = readFileSync(knownHostsFile, 'utf8');
    const saved = await service.invoke('hosts:save', {
      draft: {
        id: 'build-01',
        name: 'build-01',
        transport: {
          type: 'ssh',
          host: '127.0.0.1',
          port: sshServer.port,
          user: 'deploy',
          auth: { method: 'password', password: 'e2e-password' },
          remoteSocket: '/var/run/docker.sock',
        },
      },
    });
    expect(saved).toMatchObject({ ok: true });
    // The only host opens on its own, and a changed key raises the alert dialog by itself.
    await page.goto(shell.url);
    const alert = page.getByRole('alertdialog', { name: 'Host key changed' });
    await alert.waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(async () => (await alert.textContent()) ?? '', { timeout: 15_000 }).toContain('possible attack');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('A key of another type is a changed key, not a new host');
    expect(text).toContain(sha256Fingerprint(Buffer.from(onRecord, 'base64')));
    expect(text).toContain(sha256Fingerprint(sshServer.hostKeyBlob));
    await expect(alert.getByLabel(/^Fingerprint on record \(ssh-ed25519\)/).count()).resolves.toBe(1);
    await expect(alert.getByLabel(/^Fingerprint presented now \(ssh-rsa\)/).count()).resolves.toBe(1);
    expect(text).not.toMatch(/never seen/i);
    // The fix names the server's key file of the type it presents now.
    expect(text).toContain('ssh-keygen -lf /etc/ssh/ssh_host_rsa_key.pub');
    await expect(page.getByRole('button', { name: /^Accept/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('dialog', { name: 'Host key confirmation' }).count()).resolves.toBe(0);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: screenshotPath(`host-key-other-type-${colorScheme}`) });
    }
    expect(readFileSync(knownHostsFile, 'utf8')).toBe(before);
  });
});
