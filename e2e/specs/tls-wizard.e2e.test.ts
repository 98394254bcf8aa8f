/**
 * The TLS setup wizard end to end in Debian's Chromium, against the lab: the built renderer is
 * served by the browser shell (in this process, on 127.0.0.1, a temp data dir); the operator adds
 * the lab's SSH host (accepting its host key), runs the wizard on it and installs the certificates
 * on the lab's install target with the lab restart command, verifies, saves, and sees the new TLS
 * host ready with healthy certificates. Each step is shot in light and dark under
 * test-results/screenshots/. Needs `npx electron-vite build` first and a running lab.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BerthService } from '../../main/core/app/berth-service.js';
import { createAppService } from '../../main/core/app/create-service.js';
import { TempDirs } from '../../test-support/service-fakes.js';
import { type ShellServer, startShellServer } from '../../main/shell/shell-server.js';
import { type LabInstallTarget, type LabManifest, labInstallTarget, resetLabInstallTarget } from '../lab/manifest.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { requireLab } from '../support/lab-hosts.js';

const rendererDir = path.resolve('out/renderer');
const temp = new TempDirs();
let lab: LabManifest;
let install: LabInstallTarget;
let service: BerthService;
let server: ShellServer;
let browser: TestBrowser;
let context: BrowserContext;
let page: Page;
let homeDir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  lab = requireLab();
  install = labInstallTarget(lab);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('the renderer is not built: run `npx electron-vite build` (or `npm run build`) before the e2e tests');
  }
  resetLabInstallTarget();
  homeDir = temp.make('berth-e2e-home-');
  service = await createAppService({
    dataDir: temp.make('berth-e2e-data-'),
    shell: 'browser',
    version: '0.0.0-e2e',
    useUserKnownHosts: false,
    homeDir,
    env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    testHooks: {
      detectTimeoutMs: 300,
    },
  });
  server = await startShellServer({ service, rendererDir, port: 0 });
  browser = await launchChromium();
  context = await browser.newContext({ colorScheme: 'light' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
});

afterEach(async (test) => {
  // A failed step leaves a picture of the page behind, next to the other artifacts.
  if (test.task.result?.state === 'fail') await page?.screenshot({ path: screenshotPath('tls-wizard-failed') });
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  await service?.dispose().catch(() => undefined);
  resetLabInstallTarget();
  temp.cleanup();
});

/** One screenshot per color scheme of the current state. */
async function shoot(name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: screenshotPath(`tls-wizard-${name}-${colorScheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const wizard = (): Locator => page.getByRole('dialog', { name: 'TLS setup wizard' });
const currentStep = (): Locator => wizard().getByRole('list', { name: 'Wizard steps' }).locator('[aria-current="step"]');

describe('the TLS setup wizard in Chromium against the lab', () => {
  it('adds the lab SSH host, installs TLS on the install target, verifies, saves, and the TLS host becomes ready', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Add host' }).first().click();

    // The lab's SSH host, with its key file; its host key is accepted for good.
    const form = page.getByRole('dialog', { name: 'Add host' });
    const ssh = lab.daemons.ssh.transport;
    await form.getByRole('textbox', { name: 'Docker endpoint URL' }).fill(`ssh://${ssh.user}@${ssh.host}:${ssh.port}${ssh.remoteSocket}`);
    await form.getByRole('button', { name: 'Fill from URL' }).click();
    // Parsed in main: the button is enabled again once the form holds the result.
    await expect.poll(() => form.getByRole('button', { name: 'Fill from URL' }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await form.getByRole('textbox', { name: /^Name/ }).fill('lab ssh');
    await form.getByRole('radio', { name: 'Key file' }).check();
    await form.getByRole('combobox', { name: /^Private key file/ }).fill(lab.ssh.keyPath);
    await form.getByRole('button', { name: 'Add host' }).click();
    const hostKey = page.getByRole('dialog', { name: 'Host key confirmation' });
    await expect.poll(() => hostKey.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await hostKey.textContent()).toContain(lab.ssh.hostKeyFingerprint);
    await hostKey.getByRole('button', { name: 'Accept always' }).click();
    const hosts = page.getByRole('navigation', { name: 'Hosts' });
    await expect
      .poll(() => hosts.getByRole('button', { name: 'lab ssh', exact: true }).textContent(), { timeout: 20_000 })
      .toMatch(/Ready/);

    // 1 Daemon: the SSH host, its address filled in; the install target's TLS port.
    await page.getByRole('button', { name: 'Set up TLS…' }).click();
    await expect.poll(() => currentStep().textContent()).toBe('1Daemon');
    await wizard().getByRole('radio', { name: 'An existing host' }).check();
    await wizard()
      .getByLabel('Host', { exact: true })
      .selectOption({ label: `lab ssh — ssh://${ssh.user}@${ssh.host}:${ssh.port}` });
    expect(
      await wizard()
        .getByLabel(/^Address clients use/)
        .inputValue(),
    ).toBe(install.host);
    await wizard().getByLabel('TLS port').fill(String(install.tlsPort));
    await wizard().getByLabel('Other names and addresses').fill('not..valid');
    await wizard().getByRole('button', { name: 'Next' }).click();
    await wizard()
      .getByText(/neither an IP address nor a valid DNS name/)
      .waitFor();
    await shoot('1-daemon-invalid');
    await wizard().getByLabel('Other names and addresses').fill('localhost');
    await shoot('1-daemon');
    await wizard().getByRole('button', { name: 'Next' }).click();

    // 2 Keys: EC P-256, a CA passphrase, the default directory under the (temp) home.
    await expect.poll(() => currentStep().textContent()).toBe('2Keys');
    expect(
      await wizard()
        .getByRole('radio', { name: /EC P-256/ })
        .isChecked(),
    ).toBe(true);
    await wizard().getByLabel('Validity (days)').fill('90');
    await wizard().getByLabel('CA key passphrase').fill('e2e-ca-passphrase');
    await wizard().getByLabel('Repeat the passphrase').fill('e2e-ca-passphrase');
    const outDir = await wizard()
      .getByLabel(/^Save the files in/)
      .inputValue();
    expect(outDir).toBe('~/.docker/berth/lab-ssh');
    await shoot('2-keys');
    await wizard().getByRole('button', { name: 'Generate' }).click();

    // 3 Generate: progress to 100 %, then what was made.
    await expect.poll(() => currentStep().textContent()).toBe('3Generate');
    const generated = wizard().getByRole('status', { name: 'Generated certificates' });
    await generated.waitFor({ timeout: 30_000 });
    expect(await wizard().getByRole('progressbar', { name: 'Generating certificates' }).getAttribute('aria-valuenow')).toBe('100');
    const certDir = path.join(homeDir, '.docker', 'berth', 'lab-ssh');
    for (const name of ['ca.pem', 'ca-key.pem', 'server-cert.pem', 'server-key.pem', 'cert.pem', 'key.pem']) {
      expect(statSync(path.join(certDir, name)).mode & 0o777).toBe(0o400);
    }
    expect(await generated.textContent()).toContain('IP:127.0.0.1');
    await shoot('3-generate');
    await wizard().getByRole('button', { name: 'Next' }).click();

    // 4 Configuration, with the openssl commands shown.
    await expect.poll(() => currentStep().textContent()).toBe('4Configuration');
    await wizard().getByRole('button', { name: 'Copy daemon.json' }).waitFor();
    expect(await wizard().getByText(`export DOCKER_HOST=tcp://${install.host}:${install.tlsPort}`, { exact: false }).count()).toBe(1);
    await shoot('4-configuration');
    await wizard().getByRole('switch', { name: 'Show openssl commands' }).check();
    await wizard().getByRole('button', { name: 'Copy openssl commands' }).waitFor();
    await wizard().getByRole('button', { name: 'Copy openssl commands' }).scrollIntoViewIfNeeded();
    await shoot('4-configuration-openssl');
    await wizard().getByRole('button', { name: 'Next' }).click();

    // 5 Install over SSH on the install target, with the lab restart command.
    await expect.poll(() => currentStep().textContent()).toBe('5Install over SSH');
    expect(await wizard().getByLabel('SSH connection').locator('option:checked').textContent()).toBe('lab ssh');
    await wizard().getByLabel('Certificate directory on the host').fill(install.remoteDir);
    await wizard().getByLabel('daemon.json path').fill(install.daemonJsonPath);
    await wizard().getByLabel('Restart command').fill(install.restartCommand);
    await wizard().getByLabel('Listen address').fill(install.host);
    await wizard().getByLabel('systemd drop-in').selectOption('no');
    await shoot('5-install-form');
    await wizard().getByRole('button', { name: 'Install', exact: true }).click();
    await wizard().getByRole('list', { name: 'Install steps' }).waitFor();
    await shoot('5-install-running');
    const installed = wizard().getByRole('status', { name: 'Install result' });
    await installed.waitFor({ timeout: 90_000 });
    const steps = await wizard()
      .getByRole('list', { name: 'Install steps' })
      .getByRole('listitem')
      .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')));
    expect(steps).toEqual([
      'Check the host: Done',
      'Upload the CA and server certificate and key: Done',
      'Update daemon.json: Done',
      'Install the systemd drop-in: Skipped',
      'Restart Docker: Done',
      'Wait for the daemon over TLS: Done',
    ]);
    await shoot('5-install-done');
    await wizard().getByRole('button', { name: 'Next' }).click();

    // 6 Verify and save.
    await expect.poll(() => currentStep().textContent()).toBe('6Verify and save');
    await wizard().getByRole('button', { name: 'Verify connection' }).click();
    const verified = wizard().getByRole('status', { name: 'Verification result' });
    await verified.waitFor({ timeout: 20_000 });
    expect(await verified.textContent()).toMatch(/Docker \d+\.\d+.* answers over TLSv1\.[23]/);
    expect(
      await wizard()
        .getByLabel(/^Host name/)
        .inputValue(),
    ).toBe('lab ssh (TLS)');
    await shoot('6-verified');
    await wizard().getByRole('button', { name: 'Save as TLS host' }).click();
    const saved = wizard().getByRole('status', { name: 'Saved host' });
    await saved.waitFor();
    await expect.poll(() => saved.textContent(), { timeout: 30_000 }).toMatch(/Ready/);
    await shoot('6-saved');

    // The new TLS host: ready, its certificates checked and healthy.
    await wizard().getByRole('button', { name: 'Open dashboard' }).click();
    await page.getByRole('heading', { name: 'lab ssh (TLS)' }).waitFor();
    const certificates = page.getByRole('table', { name: 'Certificates' });
    await certificates.waitFor({ timeout: 20_000 });
    const rows = await certificates.getByRole('row').evaluateAll((items) => items.slice(1).map((row) => row.textContent ?? ''));
    expect(rows).toEqual([
      expect.stringMatching(/^CA certificate.*90OK$/),
      expect.stringMatching(/^Client certificateCN=client.*90OK$/),
      expect.stringMatching(/^Server certificateCN=127\.0\.0\.1.*90OK$/),
    ]);
    expect(await page.getByText(`tcp://${install.host}:${install.tlsPort} (TLS)`).count()).toBeGreaterThan(0);
    await shoot('7-tls-host');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Fleet' }).click();
    await page.getByRole('table', { name: 'Fleet' }).waitFor();
    await shoot('8-fleet');

    const views = await service.invoke('hosts:list', {});
    expect(views.ok && views.value.find((host) => host.profile.name === 'lab ssh (TLS)')?.status.state).toBe('ready');
    expect(pageErrors).toEqual([]);
  });
});
