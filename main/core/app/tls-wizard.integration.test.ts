/**
 * The TLS wizard's main side end to end through BerthService, against the lab: generate a set,
 * install it over SSH on the lab's install target with the lab restart command, verify, save it as
 * a TLS host that becomes ready with healthy certificates, renew its client certificate. The
 * install target is put back to a plain daemon after each test. Without a lab every test fails.
 */
import { readFileSync, statSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LabInstallTarget, LabManifest } from '../../../e2e/lab/manifest.js';
import { labInstallTarget, resetLabInstallTarget } from '../../../e2e/lab/manifest.js';
import { requireLab } from '../../../e2e/support/lab-hosts.js';
import type { HostStatus } from '../../../shared/snapshot.js';
import type { BerthService } from './berth-service.js';
import { createAppService } from './create-service.js';
import { TempDirs, recordPushes } from '../../../test-support/service-fakes.js';

let lab: LabManifest;
let install: LabInstallTarget;
const temp = new TempDirs();
const services: BerthService[] = [];

beforeAll(() => {
  lab = requireLab();
  install = labInstallTarget(lab);
});
beforeEach(() => resetLabInstallTarget());
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  resetLabInstallTarget();
  temp.cleanup();
});
afterAll(() => temp.cleanup());

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value;
}

async function newService() {
  const dataDir = temp.make('berth-tls-wizard-');
  const service = await createAppService({
    dataDir,
    shell: 'browser',
    version: '0.0.0-test',
    useUserKnownHosts: false,
    homeDir: dataDir,
    testHooks: {
      connections: { backoff: { initialMs: 200, maxMs: 2_000, random: Math.random } },
    },
  });
  services.push(service);
  return { service, dataDir };
}

async function stateOf(service: BerthService, hostId: string): Promise<HostStatus['state'] | undefined> {
  return (await ok(service.invoke('hosts:list', {}))).find((host) => host.profile.id === hostId)?.status.state;
}

/** The lab's SSH host, its key accepted for good, ready. */
async function addSshHost(service: BerthService, auth: { method: 'key'; keyPath: string } | { method: 'password'; password: string }) {
  const transport = lab.daemons.ssh.transport;
  await ok(service.invoke('hosts:save', { draft: { id: 'lab-ssh', name: 'lab ssh', tags: [], transport: { ...transport, auth } } }));
  await expect.poll(() => stateOf(service, 'lab-ssh'), { timeout: 20_000 }).toBe('needs-host-key-confirmation');
  await ok(service.invoke('hosts:accept-host-key', { hostId: 'lab-ssh', persist: true }));
  await expect.poll(() => stateOf(service, 'lab-ssh'), { timeout: 20_000 }).toBe('ready');
}

describe('the TLS wizard through BerthService against the lab install target', () => {
  it('generates, installs over SSH, verifies, saves a TLS host that becomes ready, checks and renews its certificates', async () => {
    const { service, dataDir } = await newService();
    const pushes = recordPushes(service);
    await addSshHost(service, { method: 'key', keyPath: lab.ssh.keyPath });

    const certDir = `${dataDir}/lab-install-tls`;
    const generated = await ok(
      service.invoke('tls:generate', {
        jobId: 'lab-gen',
        sans: [install.host],
        includeLoopback: true,
        keyType: 'ec-p256',
        validityDays: 60,
        caPassphrase: 'lab-ca-passphrase',
        outDir: certDir,
      }),
    );
    expect(generated.sans).toEqual(['IP:127.0.0.1', 'DNS:localhost']);
    expect(statSync(`${certDir}/key.pem`).mode & 0o777).toBe(0o400);
    expect(pushes.messages.some((m) => m.channel === 'tls:progress' && m.payload.step === 'export' && m.payload.done)).toBe(true);

    const report = await ok(
      service.invoke('tls:install', {
        installId: 'lab-install',
        hostId: 'lab-ssh',
        jobId: 'lab-gen',
        remoteDir: install.remoteDir,
        daemonJsonPath: install.daemonJsonPath,
        tcpHost: install.host,
        port: install.tlsPort,
        restartCommand: install.restartCommand,
        useSystemdDropIn: 'no',
        clientHost: install.host,
      }),
    );
    expect(report.error).toBeUndefined();
    expect(report.steps.map((step) => `${step.id}:${step.state}`)).toEqual([
      'preflight:done',
      'upload:done',
      'daemon-json:done',
      'systemd:skipped',
      'restart:done',
      'wait:done',
    ]);
    const stepPushes = pushes.messages.filter((m) => m.channel === 'tls:install-step');
    expect(stepPushes.length).toBeGreaterThan(6);
    expect(readFileSync(`${install.remoteDir}/server-cert.pem`, 'utf8')).toBe(readFileSync(`${certDir}/server-cert.pem`, 'utf8'));

    const verified = await ok(service.invoke('tls:verify', { host: install.host, port: install.tlsPort, certDir }));
    expect(verified.serverVersion).toMatch(/^\d+\.\d+/);
    expect(verified.serverCertificate.fingerprintSha256).toBe(generated.certificates.server.fingerprintSha256);

    const view = await ok(
      service.invoke('tls:save-host', { name: 'lab install (TLS)', host: install.host, port: install.tlsPort, certDir }),
    );
    expect(view.profile.transport).toMatchObject({ type: 'tls', cert: { kind: 'path', path: `${certDir}/cert.pem` } });
    const id = view.profile.id;
    await expect.poll(() => stateOf(service, id), { timeout: 30_000 }).toBe('ready');
    await expect
      .poll(async () => (await ok(service.invoke('hosts:list', {}))).find((host) => host.profile.id === id)?.certificates?.entries.length, {
        timeout: 10_000,
      })
      .toBe(3);
    const health = await ok(service.invoke('tls:health', { hostId: id }));
    expect(health.worst).toBe('ok');
    expect(health.entries.map((entry) => [entry.role, entry.level, entry.daysLeft])).toEqual([
      ['ca', 'ok', 60],
      ['client', 'ok', 60],
      ['server', 'ok', 60],
    ]);
    expect(health.entries.find((entry) => entry.role === 'server')?.subject).toBe('CN=127.0.0.1');

    // Renew the client certificate: a new cert.pem from the same CA, the host comes back ready with it.
    const oldCert = readFileSync(`${certDir}/cert.pem`, 'utf8');
    const renewed = await ok(
      service.invoke('tls:renew-client', {
        hostId: id,
        caCertPath: `${certDir}/ca.pem`,
        caKeyPath: `${certDir}/ca-key.pem`,
        caPassphrase: 'lab-ca-passphrase',
        validityDays: 20,
      }),
    );
    expect(readFileSync(renewed.backups[0]!, 'utf8')).toBe(oldCert);
    await expect.poll(() => stateOf(service, id), { timeout: 30_000 }).toBe('ready');
    await expect
      .poll(
        async () =>
          (await ok(service.invoke('hosts:list', {})))
            .find((host) => host.profile.id === id)
            ?.certificates?.entries.find((entry) => entry.role === 'client')?.level,
        { timeout: 10_000 },
      )
      .toBe('warning');

    const outgoing = JSON.stringify(pushes.messages) + JSON.stringify([generated, report, verified, view, health, renewed]);
    expect(outgoing).not.toContain('lab-ca-passphrase');
    expect(outgoing).not.toContain('PRIVATE KEY');
  });

  it('hosts:test fills in a stored SSH password when the draft leaves it empty', async () => {
    const { service } = await newService();
    await addSshHost(service, { method: 'password', password: lab.ssh.password });
    const transport = lab.daemons.ssh.transport;
    const draft = {
      id: 'lab-ssh',
      name: 'lab ssh',
      tags: [],
      transport: { ...transport, auth: { method: 'password' as const, password: '' } },
    };
    const tested = await ok(service.invoke('hosts:test', { draft }));
    expect(tested).toMatchObject({ serverVersion: expect.stringMatching(/^\d+\.\d+/) });
    const withoutStored = await service.invoke('hosts:test', { draft: { ...draft, keepStoredSecrets: false } });
    expect(withoutStored).toMatchObject({ ok: false, error: { code: 'SSH_AUTH_FAILED' } });
  });
});
