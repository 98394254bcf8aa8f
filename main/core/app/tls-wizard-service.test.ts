import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invokeChannels } from '../../../shared/contract.js';
import type { ProfileDraft } from '../../../shared/host-view.js';
import { tlsInstallStepList, tlsRollbackStepList } from '../../../shared/tls-contract.js';
import { KnownHosts } from '../ssh/known-hosts.js';
import { ConfProfileStore } from '../store/conf-profile-store.js';
import { MemorySecretStore } from '../store/secret-store.js';
import { inspectCertificate } from '../tls/certificate-inspection.js';
import { verifyChain } from '../tls/chain-verification.js';
import { FakeRemoteHost } from '../../../test-support/fake-remote-host.js';
import { tlsInstallSteps, tlsRollbackSteps } from '../tls/install/index.js';
import type { TlsHostVerification } from '../tls/install/index.js';
import { BerthService } from './berth-service.js';
import type { AnyPushMessage } from './push-queue.js';
import { FakeDaemon, TempDirs, recordPushes } from '../../../test-support/service-fakes.js';
import type { TlsWizardTestHooks } from './tls-wizard-service.js';

const temp = new TempDirs();
const services: BerthService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  temp.cleanup();
});

const CA_PASSPHRASE = 'correct-horse-battery-staple';

function newService(tls: TlsWizardTestHooks = {}, daemon = new FakeDaemon()) {
  const dataDir = temp.make();
  const service = new BerthService({
    profiles: new ConfProfileStore({ cwd: dataDir }),
    secrets: new MemorySecretStore(),
    knownHosts: new KnownHosts({ file: path.join(dataDir, 'known_hosts') }),
    app: { version: '9.9.9', shell: 'browser' },
    env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    testHooks: {
      connections: { openConnection: daemon.open, heartbeatMs: 60_000, backoff: { initialMs: 5, maxMs: 20, random: () => 0.5 } },
      tls: { health: { recheckMs: 0, ...tls.health }, ...tls },
    },
    homeDir: dataDir,
  });
  services.push(service);
  return { service, daemon, dataDir };
}

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value;
}

/** Every private key body line and the passphrase: none may ever leave the service. */
function expectNoSecrets(outgoing: unknown, dir: string): void {
  const text = JSON.stringify(outgoing);
  expect(text).not.toContain(CA_PASSPHRASE);
  expect(text).not.toContain('PRIVATE KEY');
  for (const name of ['ca-key.pem', 'server-key.pem', 'key.pem']) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.length > 20 && !l.startsWith('-----'))) {
      expect(text).not.toContain(line);
    }
  }
}

const generateInput = (outDir: string, extra: Record<string, unknown> = {}) => ({
  sans: ['IP:203.0.113.5', 'docker.example.com'],
  keyType: 'ec-p256',
  validityDays: 90,
  outDir,
  ...extra,
});

describe('tls:* input validation', () => {
  it('knows every TLS channel', () => {
    expect(invokeChannels).toEqual(expect.arrayContaining(['tls:generate', 'tls:install', 'tls:renew-client']));
  });

  it.each([
    [{ sans: [], outDir: '/tmp/x' }, /sans: give at least one address/],
    [{ sans: ['IP:1.2.3.4'], outDir: 'relative/dir' }, /outDir: give an absolute path/],
    [{ sans: ['IP:1.2.3.4'], outDir: '/tmp/x', validityDays: 0 }, /validityDays: at least 1 day/],
    [{ sans: ['IP:1.2.3.4'], outDir: '/tmp/x', keyType: 'dsa' }, /keyType/],
    [{ sans: ['IP:1.2.3.4'], outDir: '/tmp/x', caPassphrase: 'abc' }, /at least 4 characters/],
  ])('tls:generate refuses %j', async (input, message) => {
    const { service } = newService();
    const reply = await service.invoke('tls:generate', input);
    expect(reply).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) } });
  });

  it('explains an address that is neither an IP nor a DNS name', async () => {
    const { service, dataDir } = newService();
    const reply = await service.invoke('tls:generate', generateInput(path.join(dataDir, 'certs'), { sans: ['10.0.0.300'] }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('mistyped IP') } });
    expect(existsSync(path.join(dataDir, 'certs'))).toBe(false);
  });

  it('tls:install wants either a directory or a finished job, and an SSH host', async () => {
    const { service, dataDir } = newService();
    const both = await service.invoke('tls:install', { hostId: 'x', certDir: '/tmp/a', jobId: 'j1' });
    expect(both).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('either certDir or jobId') },
    });
    await ok(service.invoke('hosts:save', { draft: { id: 'tcp-1', name: 'tcp', tags: [], transport: { type: 'tcp', host: '10.0.0.5' } } }));
    const notSsh = await service.invoke('tls:install', { hostId: 'tcp-1', certDir: dataDir });
    expect(notSsh).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('not reached over SSH') },
    });
    const unknownJob = await service.invoke('tls:install', { hostId: 'tcp-1', jobId: 'nope' });
    expect(unknownJob).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('lists the installer’s own steps in the contract', () => {
    expect(tlsInstallStepList).toEqual(tlsInstallSteps);
    expect(tlsRollbackStepList).toEqual(tlsRollbackSteps);
  });
});

describe('tls:generate', () => {
  it('writes the six files 0400 in a 0700 directory, pushes progress, and returns certificates but no secrets', async () => {
    const { service, dataDir } = newService();
    const { messages } = recordPushes(service);
    const outDir = path.join(dataDir, 'prod-tls');
    const result = await ok(service.invoke('tls:generate', generateInput(outDir, { jobId: 'job-1', caPassphrase: CA_PASSPHRASE })));

    expect(result.jobId).toBe('job-1');
    expect(result.outDir).toBe(outDir);
    expect(readdirSync(outDir).sort()).toEqual(['ca-key.pem', 'ca.pem', 'cert.pem', 'key.pem', 'server-cert.pem', 'server-key.pem']);
    for (const file of result.files) {
      expect(statSync(file.path).mode & 0o777).toBe(0o400);
      expect(file.mode).toBe(0o400);
    }
    expect(statSync(outDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(path.join(outDir, 'ca-key.pem'), 'utf8')).toContain('ENCRYPTED PRIVATE KEY');
    expect(result.caKeyEncrypted).toBe(true);
    expect(result.sans).toEqual(['IP:203.0.113.5', 'DNS:docker.example.com', 'IP:127.0.0.1', 'DNS:localhost']);
    expect(result.certificates.server.extendedKeyUsages).toEqual(['serverAuth']);
    expect(result.certificates.client.extendedKeyUsages).toEqual(['clientAuth']);
    expect(result.certificates.ca.isCA).toBe(true);
    expect(result.certificates.server.daysLeft).toBe(90);
    const read = (name: string) => readFileSync(path.join(outDir, name), 'utf8');
    expect(verifyChain(read('server-cert.pem'), read('ca.pem'))).toEqual({ valid: true });

    const progress = messages.flatMap((m) => (m.channel === 'tls:progress' ? [m.payload] : []));
    expect(progress.filter((p) => !p.done).map((p) => p.step)).toEqual([
      'ca-key',
      'ca-certificate',
      'server-key',
      'server-certificate',
      'client-key',
      'client-certificate',
      'export',
    ]);
    expect(progress.at(-1)).toEqual({ jobId: 'job-1', step: 'export', done: true, completed: 7, total: 7 });
    expect(progress.map((p) => p.completed)).toEqual([...progress.map((p) => p.completed)].sort((a, b) => a - b));
    expectNoSecrets([result, messages], outDir);
  });

  it('never replaces an existing set unasked, and does when told to', async () => {
    const { service, dataDir } = newService();
    const outDir = path.join(dataDir, 'set');
    await ok(service.invoke('tls:generate', generateInput(outDir)));
    const before = readFileSync(path.join(outDir, 'ca.pem'), 'utf8');
    const again = await service.invoke('tls:generate', generateInput(outDir));
    expect(again).toMatchObject({ ok: false, error: { code: 'TLS_FILES_EXIST', message: expect.stringContaining('ca.pem') } });
    expect(readFileSync(path.join(outDir, 'ca.pem'), 'utf8')).toBe(before);
    await ok(service.invoke('tls:generate', generateInput(outDir, { overwrite: true })));
    expect(readFileSync(path.join(outDir, 'ca.pem'), 'utf8')).not.toBe(before);
  });

  it('expands ~ to the home directory', async () => {
    const { service, dataDir } = newService();
    const result = await ok(service.invoke('tls:generate', generateInput('~/certs/a')));
    expect(result.outDir).toBe(path.join(dataDir, 'certs', 'a'));
  });

  it('cancels a running RSA 4096 generation: the reply says so and nothing is written', async () => {
    const { service, dataDir } = newService();
    const messages: AnyPushMessage[] = [];
    let cancelReply: Promise<unknown> | undefined;
    const client = service.attachClient((message) => {
      messages.push(message);
      if (message.channel === 'tls:progress' && message.payload.step === 'ca-key' && !cancelReply) {
        cancelReply = service.invoke('tls:cancel', { jobId: 'rsa-job' });
      }
    });
    client.ready();
    const outDir = path.join(dataDir, 'rsa');
    const started = Date.now();
    const reply = await service.invoke('tls:generate', generateInput(outDir, { jobId: 'rsa-job', keyType: 'rsa-4096' }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'TLS_GENERATION_CANCELLED' } });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await cancelReply).toEqual({ ok: true, value: { cancelled: true } });
    expect(existsSync(path.join(outDir, 'ca.pem'))).toBe(false);
    expect(await service.invoke('tls:cancel', { jobId: 'rsa-job' })).toEqual({ ok: true, value: { cancelled: false } });
    // The cancelled job cannot feed an install.
    expect(await service.invoke('tls:install', { hostId: 'none', jobId: 'rsa-job' })).toMatchObject({ ok: false });
  });

  it('keeps the CA passphrase out of error messages', async () => {
    const { service, dataDir } = newService();
    const file = path.join(dataDir, 'blocker');
    writeFileSync(file, 'not a directory');
    const reply = await service.invoke('tls:generate', generateInput(path.join(file, CA_PASSPHRASE), { caPassphrase: CA_PASSPHRASE }));
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).not.toContain(CA_PASSPHRASE);
  });
});

describe('tls:configuration', () => {
  it('gives daemon.json, the drop-in, DOCKER_OPTS, dockerd, the client lines and, on request, openssl', async () => {
    const { service, dataDir } = newService();
    const config = await ok(
      service.invoke('tls:configuration', {
        certDir: '~/prod',
        host: '203.0.113.5',
        port: 2376,
        openssl: { sans: ['IP:203.0.113.5'], keyType: 'rsa-2048', validityDays: 30, encryptCaKey: true },
      }),
    );
    expect(JSON.parse(config.daemon.daemonJsonText)).toMatchObject({ tlsverify: true, tlscacert: '/etc/docker/tls/ca.pem' });
    expect(config.daemon.systemdDropIn).toContain('ExecStart=\n');
    expect(config.daemon.dockerOptsLine).toMatch(/^DOCKER_OPTS="--tlsverify/);
    expect(config.daemon.dockerdCommand).toContain('-H=0.0.0.0:2376');
    expect(config.client.environment).toBe(
      `export DOCKER_HOST=tcp://203.0.113.5:2376 DOCKER_CERT_PATH=${path.join(dataDir, 'prod')} DOCKER_TLS_VERIFY=1`,
    );
    expect(config.client.curlCommand).toContain('https://203.0.113.5:2376/version');
    expect(config.openssl?.script).toContain('rsa_keygen_bits:2048');
    expect(config.openssl?.script).toContain('-passin env:CA_PASSPHRASE');
    const plain = await ok(service.invoke('tls:configuration', { certDir: '/c', host: 'docker.example.com' }));
    expect(plain.openssl).toBeUndefined();
  });
});

const verified: TlsHostVerification = {
  serverVersion: '20.10.24',
  apiVersion: '1.41',
  os: 'linux',
  arch: 'amd64',
  protocol: 'TLSv1.3',
  serverCertificate: {
    subject: 'CN=203.0.113.5',
    issuer: 'CN=Berth CA',
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2026-01-01T00:00:00.000Z',
    sans: [{ type: 'ip', value: '203.0.113.5' }],
    fingerprintSha256: 'AA',
  },
};

const sshDraft: ProfileDraft = {
  id: 'edge',
  name: 'edge',
  tags: [],
  transport: { type: 'ssh', host: '203.0.113.5', user: 'admin', auth: { method: 'password', password: 'ssh-password-123' } },
};

describe('tls:install and tls:rollback', () => {
  it('installs a generated set over the host’s SSH profile, pushing every step, and rolls back', async () => {
    const remote = new FakeRemoteHost({ commands: [['systemctl restart docker', { stdout: 'restarted\n' }]] });
    remote.put('/etc/docker/daemon.json', '{"hosts": ["fd://"]}\n', 0o600);
    const opened: unknown[] = [];
    const { service, dataDir } = newService({
      install: {
        openRemoteHost: async (ssh) => {
          opened.push(ssh.transport);
          return remote;
        },
        verifyTlsHost: async () => verified,
        sleep: async () => undefined,
      },
    });
    await ok(service.invoke('hosts:save', { draft: sshDraft }));
    const { messages } = recordPushes(service);
    const outDir = path.join(dataDir, 'edge-tls');
    await ok(service.invoke('tls:generate', generateInput(outDir, { jobId: 'gen', caPassphrase: CA_PASSPHRASE })));

    const report = await ok(
      service.invoke('tls:install', { installId: 'inst-1', hostId: 'edge', jobId: 'gen', clientHost: '203.0.113.5' }),
    );
    expect(report.outcome).toBe('installed');
    expect(report.steps.map((step) => `${step.id}:${step.state}`)).toEqual([
      'preflight:done',
      'upload:done',
      'daemon-json:done',
      'systemd:skipped',
      'restart:done',
      'wait:done',
    ]);
    expect(report.canRollback).toBe(true);
    expect(report.daemon?.serverVersion).toBe('20.10.24');
    // The stored SSH password reached the connection, never the renderer.
    expect(opened).toEqual([expect.objectContaining({ auth: { method: 'password', password: 'ssh-password-123' } })]);
    expect(remote.files.get('/etc/docker/tls/server-key.pem')?.content).toBe(readFileSync(path.join(outDir, 'server-key.pem'), 'utf8'));
    expect([...remote.files.keys()].some((name) => name.includes('ca-key'))).toBe(false);
    const steps = messages.flatMap((m) => (m.channel === 'tls:install-step' ? [m.payload] : []));
    expect(steps[0]).toMatchObject({ installId: 'inst-1', phase: 'install', step: { id: 'preflight', state: 'running' } });
    expect(steps.some((s) => s.step.id === 'restart' && s.step.output.includes('restarted'))).toBe(true);

    const rolledBack = await ok(service.invoke('tls:rollback', { installId: 'inst-1' }));
    expect(rolledBack.outcome).toBe('rolled-back');
    expect(remote.files.get('/etc/docker/daemon.json')?.content).toBe('{"hosts": ["fd://"]}\n');
    expect(remote.files.has('/etc/docker/tls/ca.pem')).toBe(false);
    expect(messages.some((m) => m.channel === 'tls:install-step' && m.payload.phase === 'rollback')).toBe(true);
    expectNoSecrets([report, rolledBack, messages], outDir);
    expect(JSON.stringify([report, messages])).not.toContain('ssh-password-123');
    expect(await service.invoke('tls:rollback', { installId: 'unknown' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });

  it('reports a failed restart with what to do, and keeps the rollback', async () => {
    const remote = new FakeRemoteHost({
      commands: [['systemctl restart docker', { exitCode: 1, stderr: 'Job for docker.service failed\n' }]],
    });
    const { service, dataDir } = newService({ install: { openRemoteHost: async () => remote, sleep: async () => undefined } });
    await ok(service.invoke('hosts:save', { draft: sshDraft }));
    const outDir = path.join(dataDir, 'edge-tls');
    await ok(service.invoke('tls:generate', generateInput(outDir)));
    const report = await ok(service.invoke('tls:install', { installId: 'inst-2', hostId: 'edge', certDir: outDir }));
    expect(report.outcome).toBe('failed');
    expect(report.error).toMatchObject({ code: 'TLS_INSTALL_COMMAND_FAILED' });
    expect(report.steps.at(-1)).toMatchObject({
      id: 'restart',
      state: 'failed',
      output: expect.stringContaining('Job for docker.service failed'),
    });
    expect(report.canRollback).toBe(true);
    expect(report.rollbackInstructions.commands.length).toBeGreaterThan(0);
  });
});

describe('tls:verify and tls:save-host', () => {
  it('verifies with the directory’s client files and saves a TLS host by path', async () => {
    const calls: Record<string, unknown>[] = [];
    const { service, daemon, dataDir } = newService({
      verify: async (options) => {
        calls.push({ ...options });
        return verified;
      },
      health: { readServerCertificate: async () => readFileSync(path.join(dataDir, 'tls', 'server-cert.pem'), 'utf8') },
    });
    const outDir = path.join(dataDir, 'tls');
    await ok(service.invoke('tls:generate', generateInput(outDir)));
    const result = await ok(service.invoke('tls:verify', { host: '203.0.113.5', port: 2376, certDir: outDir }));
    expect(result.serverVersion).toBe('20.10.24');
    expect(calls[0]).toMatchObject({ host: '203.0.113.5', port: 2376, ca: readFileSync(path.join(outDir, 'ca.pem'), 'utf8') });
    expectNoSecrets(result, outDir);

    const { messages } = recordPushes(service);
    const view = await ok(service.invoke('tls:save-host', { name: 'Edge (TLS)', host: '203.0.113.5', port: 2376, certDir: outDir }));
    expect(view.profile).toMatchObject({
      id: 'edge-tls',
      name: 'Edge (TLS)',
      transport: {
        type: 'tls',
        host: '203.0.113.5',
        port: 2376,
        ca: { kind: 'path', path: path.join(outDir, 'ca.pem') },
        cert: { kind: 'path', path: path.join(outDir, 'cert.pem') },
        key: { kind: 'path', path: path.join(outDir, 'key.pem') },
      },
    });
    await expect.poll(() => daemon.opened.some((profile) => profile.id === 'edge-tls')).toBe(true);
    // Ready → certificate health, pushed with the host list.
    await expect
      .poll(() => messages.findLast((m) => m.channel === 'hosts:changed' && m.payload.hosts[0]?.certificates !== undefined))
      .toBeDefined();
    const [listed] = await ok(service.invoke('hosts:list', {}));
    expect(listed?.certificates).toMatchObject({
      worst: 'ok',
      entries: [
        { role: 'ca', level: 'ok', problems: [] },
        { role: 'client', daysLeft: 90, level: 'ok', problems: [] },
        { role: 'server', level: 'ok', problems: [] },
      ],
    });
    expect(listed?.certificates?.notes).toBeUndefined();

    const second = await ok(service.invoke('tls:save-host', { name: 'Edge (TLS)', host: '203.0.113.5', certDir: outDir }));
    expect(second.profile.id).toBe('edge-tls-2');
    const missing = await service.invoke('tls:save-host', { name: 'x', host: '203.0.113.5', certDir: path.join(dataDir, 'none') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE' } });
  });

  it('switches an existing plain-tcp host to TLS, keeping its name, tags and colour', async () => {
    const { service, dataDir } = newService();
    await ok(
      service.invoke('hosts:save', {
        draft: { id: 'build', name: 'build', color: '#112233', tags: ['ci'], transport: { type: 'tcp', host: '10.0.0.5' } },
      }),
    );
    const outDir = path.join(dataDir, 'tls');
    await ok(service.invoke('tls:generate', generateInput(outDir, { sans: ['10.0.0.5'] })));
    const view = await ok(service.invoke('tls:save-host', { hostId: 'build', name: 'build', host: '10.0.0.5', certDir: outDir }));
    expect(view.profile).toMatchObject({ id: 'build', color: '#112233', tags: ['ci'], transport: { type: 'tls', port: 2376 } });
    expect(await ok(service.invoke('hosts:list', {}))).toHaveLength(1);
  });
});

describe('tls:renew-client', () => {
  it('issues a new client certificate from the CA, keeps backups, reconnects, and never returns a key', async () => {
    const { service, daemon, dataDir } = newService();
    const outDir = path.join(dataDir, 'tls');
    await ok(service.invoke('tls:generate', generateInput(outDir, { caPassphrase: CA_PASSPHRASE })));
    await ok(service.invoke('tls:save-host', { name: 'edge', host: '203.0.113.5', certDir: outDir }));
    await expect.poll(() => daemon.opened.length).toBe(1);
    const oldCert = readFileSync(path.join(outDir, 'cert.pem'), 'utf8');
    const oldKey = readFileSync(path.join(outDir, 'key.pem'), 'utf8');
    const input = {
      hostId: 'edge',
      caCertPath: path.join(outDir, 'ca.pem'),
      caKeyPath: path.join(outDir, 'ca-key.pem'),
      validityDays: 30,
    };

    const wrong = await service.invoke('tls:renew-client', { ...input, caPassphrase: 'not-the-passphrase' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'TLS_CA_PASSPHRASE_WRONG' } });
    expect(JSON.stringify(wrong)).not.toContain('not-the-passphrase');
    expect(await service.invoke('tls:renew-client', input)).toMatchObject({ ok: false, error: { code: 'TLS_CA_PASSPHRASE_REQUIRED' } });

    const renewed = await ok(service.invoke('tls:renew-client', { ...input, caPassphrase: CA_PASSPHRASE }));
    expect(renewed.certPath).toBe(path.join(outDir, 'cert.pem'));
    expect(renewed.certificate.daysLeft).toBe(30);
    expect(renewed.backups).toHaveLength(2);
    expect(readFileSync(renewed.backups[0]!, 'utf8')).toBe(oldCert);
    expect(readFileSync(renewed.backups[1]!, 'utf8')).toBe(oldKey);
    const newCert = readFileSync(path.join(outDir, 'cert.pem'), 'utf8');
    expect(newCert).not.toBe(oldCert);
    expect(verifyChain(newCert, readFileSync(path.join(outDir, 'ca.pem'), 'utf8'))).toEqual({ valid: true });
    expect(inspectCertificate(newCert).extendedKeyUsages).toEqual(['clientAuth']);
    for (const file of [path.join(outDir, 'cert.pem'), path.join(outDir, 'key.pem'), ...renewed.backups]) {
      expect(statSync(file).mode & 0o777).toBe(0o400);
    }
    await expect.poll(() => daemon.opened.length).toBe(2);
    expectNoSecrets(renewed, outDir);
  });

  it('refuses a CA that did not issue the host’s client certificate', async () => {
    const { service, dataDir } = newService();
    await ok(service.invoke('tls:generate', generateInput(path.join(dataDir, 'a'))));
    await ok(service.invoke('tls:generate', generateInput(path.join(dataDir, 'b'))));
    await ok(service.invoke('tls:save-host', { name: 'edge', host: '203.0.113.5', certDir: path.join(dataDir, 'a') }));
    const reply = await service.invoke('tls:renew-client', {
      hostId: 'edge',
      caCertPath: path.join(dataDir, 'b', 'ca.pem'),
      caKeyPath: path.join(dataDir, 'b', 'ca-key.pem'),
      validityDays: 30,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('did not issue') } });
  });
});
