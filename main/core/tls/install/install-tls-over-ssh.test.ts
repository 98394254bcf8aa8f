import { beforeAll, describe, expect, it } from 'vitest';
import { BerthError } from '../../errors.js';
import type { KnownHosts } from '../../ssh/known-hosts.js';
import { type CertificateSet, generateCertificateSet } from '../generate-certificate-set.js';
import { parseSan } from '../san.js';
import { FakeRemoteHost, type FakeHostOptions } from '../../../../test-support/fake-remote-host.js';
import { toInstallReport } from './install-report.js';
import { type TlsInstallDependencies, installTlsOverSsh } from './install-tls-over-ssh.js';
import type { TlsInstallOptions, TlsInstallStep, TlsRollbackStep } from './install-types.js';
import type { TlsHostVerification } from './verify-tls-host.js';

const restartCommand = 'systemctl restart docker';
let set: CertificateSet;
let otherSet: CertificateSet;

beforeAll(async () => {
  [set, otherSet] = await Promise.all([
    generateCertificateSet({ sans: [parseSan('IP:203.0.113.5')], keyType: 'ec-p256', validityDays: 30 }),
    generateCertificateSet({ sans: [parseSan('DNS:elsewhere.example')], includeLoopback: false, keyType: 'ec-p256', validityDays: 30 }),
  ]);
});

const verified: TlsHostVerification = {
  serverVersion: '20.10.24',
  apiVersion: '1.41',
  os: 'linux',
  arch: 'amd64',
  protocol: 'TLSv1.3',
  serverCertificate: {
    subject: 'CN=203.0.113.5',
    issuer: 'CN=Berth CA for 203.0.113.5',
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2025-02-01T00:00:00.000Z',
    sans: [{ type: 'ip', value: '203.0.113.5' }],
    fingerprintSha256: 'AA',
  },
};

interface Run {
  host: FakeRemoteHost;
  steps: TlsInstallStep[];
  verifyCalls: number;
  dependencies: Partial<TlsInstallDependencies>;
}

function setup(hostOptions: FakeHostOptions = {}, verify?: () => Promise<TlsHostVerification>): Run {
  const host = new FakeRemoteHost(hostOptions);
  const run: Run = {
    host,
    steps: [],
    verifyCalls: 0,
    dependencies: {
      openRemoteHost: async () => host,
      verifyTlsHost: async () => {
        run.verifyCalls++;
        return verify ? verify() : verified;
      },
      now: () => new Date('2025-01-02T03:04:05.678Z'),
      sleep: async () => undefined,
    },
  };
  return run;
}

function options(overrides: Partial<TlsInstallOptions> = {}): TlsInstallOptions {
  return {
    ssh: { transport: { host: '203.0.113.5', port: 22, user: 'admin', auth: { method: 'agent' } }, knownHosts: {} as KnownHosts },
    certificates: set,
    restartCommand,
    ...overrides,
  };
}

async function install(run: Run, overrides: Partial<TlsInstallOptions> = {}) {
  return installTlsOverSsh(options(overrides), (step) => run.steps.push(step), run.dependencies);
}

const finalStates = (steps: { id: string; state: string }[]) => steps.map((step) => `${step.id}:${step.state}`);

describe('installTlsOverSsh', () => {
  it('uploads the files, merges daemon.json, restarts and waits for TLS', async () => {
    const run = setup({ commands: [[restartCommand, { stdout: '' }]] });
    run.host.put('/etc/docker/daemon.json', '{"log-driver": "journald", "hosts": ["fd://"]}\n', 0o600);

    const result = await install(run);

    expect(result.error).toBeUndefined();
    expect(result.outcome).toBe('installed');
    expect(finalStates(result.steps)).toEqual([
      'preflight:done',
      'upload:done',
      'daemon-json:done',
      'systemd:skipped',
      'restart:done',
      'wait:done',
    ]);
    expect(result.daemon).toEqual(verified);
    const files = run.host.files;
    expect(files.get('/etc/docker/tls/ca.pem')).toEqual({ content: set.caCert, mode: 0o444 });
    expect(files.get('/etc/docker/tls/server-cert.pem')).toEqual({ content: set.serverCert, mode: 0o444 });
    expect(files.get('/etc/docker/tls/server-key.pem')).toEqual({ content: set.serverKey, mode: 0o400 });
    expect([...files.keys()].some((name) => /ca-key|client/.test(name))).toBe(false);
    expect(JSON.parse(files.get('/etc/docker/daemon.json')!.content)).toEqual({
      'log-driver': 'journald',
      hosts: ['fd://', 'tcp://0.0.0.0:2376'],
      tlsverify: true,
      tlscacert: '/etc/docker/tls/ca.pem',
      tlscert: '/etc/docker/tls/server-cert.pem',
      tlskey: '/etc/docker/tls/server-key.pem',
    });
    expect(files.get('/etc/docker/daemon.json')!.mode).toBe(0o600);
    expect(files.get('/etc/docker/daemon.json.berth-backup-20250102T030405Z')).toEqual({
      content: '{"log-driver": "journald", "hosts": ["fd://"]}\n',
      mode: 0o600,
    });
    expect(run.host.commands.at(-1)).toBe(restartCommand);
    expect(run.host.disposed).toBeGreaterThan(0);
    expect(result.changes).toMatchObject({
      daemonJson: { path: '/etc/docker/daemon.json', backupPath: '/etc/docker/daemon.json.berth-backup-20250102T030405Z' },
      createdDirectories: ['/etc/docker/tls'],
      restarted: true,
    });
    expect(result.rollbackInstructions.commands).toEqual([
      "cp -p '/etc/docker/daemon.json.berth-backup-20250102T030405Z' '/etc/docker/daemon.json'",
      "rm -f '/etc/docker/tls/ca.pem'",
      "rm -f '/etc/docker/tls/server-cert.pem'",
      "rm -f '/etc/docker/tls/server-key.pem'",
      "rmdir '/etc/docker/tls'",
      restartCommand,
    ]);
  });

  it('reports every step as it runs, with output, and never key material', async () => {
    const run = setup({ commands: [[restartCommand, { stdout: 'restarting\n', stderr: 'done\n' }]] });
    await install(run);
    expect(run.steps[0]).toMatchObject({ id: 'preflight', state: 'running', title: 'Check the host' });
    const restart = run.steps.filter((step) => step.id === 'restart').at(-1)!;
    expect(restart.output).toContain(`$ ${restartCommand}\nrestarting\ndone\n(exit status 0)`);
    const everything = JSON.stringify(run.steps);
    expect(everything).not.toContain('PRIVATE KEY');
    for (const key of [set.serverKey, set.clientKey, set.caKey]) {
      const body = key.split('\n')[1]!;
      expect(everything).not.toContain(body);
    }
    const upload = run.steps.filter((step) => step.id === 'upload').at(-1)!;
    expect(upload.output).toContain('server-key.pem → /etc/docker/tls/server-key.pem (mode 0400)');
  });

  it('refuses an unparseable daemon.json with a specific error and changes nothing', async () => {
    const run = setup();
    run.host.put('/etc/docker/daemon.json', '{"hosts": ["fd://",}\n');
    const before = run.host.snapshot();

    const result = await install(run);

    expect(result.outcome).toBe('failed');
    expect(result.error?.code).toBe('TLS_INSTALL_DAEMON_JSON_INVALID');
    expect(result.error?.message).toContain('/etc/docker/daemon.json on admin@203.0.113.5:22');
    expect(result.error?.message).toMatch(/not valid JSON \(.+\)/);
    expect(finalStates(result.steps)).toEqual(['preflight:failed']);
    expect(result.steps[0]!.error?.code).toBe('TLS_INSTALL_DAEMON_JSON_INVALID');
    expect(run.host.snapshot()).toEqual(before);
    expect(run.host.commands.some((command) => command === restartCommand)).toBe(false);
    expect(result.changes).toBeUndefined();
    expect(result.rollbackInstructions).toEqual({ summary: expect.stringContaining('Nothing was changed'), commands: [] });
    expect(await result.rollback()).toEqual({ outcome: 'rolled-back', steps: [], error: undefined });
    // What crosses IPC: plain data that survives JSON.
    const report = toInstallReport(result);
    expect(JSON.parse(JSON.stringify(report))).toEqual({
      outcome: 'failed',
      steps: result.steps,
      error: { code: 'TLS_INSTALL_DAEMON_JSON_INVALID', message: result.error!.message },
      rollbackInstructions: result.rollbackInstructions,
    });
  });

  it('stops in the preflight when the user may not write the Docker configuration', async () => {
    const run = setup({ user: 'deploy', uid: 1000, readOnly: ['/etc/docker', '/etc'] });
    run.host.put('/etc/docker/daemon.json', '{}');
    const before = run.host.snapshot();
    const result = await install(run);
    expect(result.error?.code).toBe('TLS_INSTALL_PERMISSION_DENIED');
    expect(result.error?.message).toContain('deploy may not write to /etc/docker');
    expect(run.host.snapshot()).toEqual(before);
  });

  it('checks the certificate set before connecting', async () => {
    const run = setup();
    let connected = false;
    run.dependencies.openRemoteHost = async () => {
      connected = true;
      return run.host;
    };
    const mixed = await install(run, { certificates: { ...set, serverCert: otherSet.serverCert } });
    expect(mixed.error?.code).toBe('INVALID_ARGUMENT');
    expect(mixed.error?.message).toContain('The server certificate does not fit this CA');
    const wrongName = await install(run, { certificates: otherSet });
    expect(wrongName.error?.message).toContain('does not name 203.0.113.5');
    expect(connected).toBe(false);
  });

  it('installs a systemd drop-in without -H fd:// and reloads systemd before the restart', async () => {
    const unit = '[Service]\nExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n';
    const systemdRun = setup({
      systemd: true,
      dockerUnit: unit,
      commands: [
        ['systemctl daemon-reload', {}],
        [restartCommand, {}],
      ],
    });
    systemdRun.host.addDirectory('/etc');
    const installed = await install(systemdRun);
    expect(installed.outcome).toBe('installed');
    expect(finalStates(installed.steps)).toContain('systemd:done');
    const dropIn = systemdRun.host.files.get('/etc/systemd/system/docker.service.d/berth-tls.conf');
    expect(dropIn?.content).toContain('ExecStart=\nExecStart=/usr/bin/dockerd --containerd=/run/containerd/containerd.sock\n');
    const commands = systemdRun.host.commands;
    expect(commands.indexOf('systemctl daemon-reload')).toBeLessThan(commands.indexOf(restartCommand));
    expect(installed.changes?.systemdDropIn).toEqual({
      path: '/etc/systemd/system/docker.service.d/berth-tls.conf',
      backupPath: undefined,
    });

    // Rollback removes the drop-in before the directories made for it, and reloads systemd.
    const rolledBack = await installed.rollback();
    expect(rolledBack.error).toBeUndefined();
    expect(systemdRun.host.snapshot()).toEqual({ files: {}, directories: ['/', '/etc'] });
    expect(systemdRun.host.commands.filter((command) => command === 'systemctl daemon-reload')).toHaveLength(2);
    expect(installed.rollbackInstructions.commands).toEqual([
      "rm -f '/etc/docker/daemon.json'",
      "rm -f '/etc/systemd/system/docker.service.d/berth-tls.conf'",
      "rm -f '/etc/docker/tls/ca.pem'",
      "rm -f '/etc/docker/tls/server-cert.pem'",
      "rm -f '/etc/docker/tls/server-key.pem'",
      "rmdir '/etc/systemd/system/docker.service.d'",
      "rmdir '/etc/systemd/system'",
      "rmdir '/etc/systemd'",
      "rmdir '/etc/docker/tls'",
      "rmdir '/etc/docker'",
      'systemctl daemon-reload',
      restartCommand,
    ]);
  });

  it('skips the drop-in on systemd hosts without docker.service, and when turned off', async () => {
    const noUnit = setup({ systemd: true, commands: [[restartCommand, {}]] });
    const auto = await install(noUnit);
    expect(finalStates(auto.steps)).toContain('systemd:skipped');
    const off = setup({ systemd: true, dockerUnit: '[Service]\nExecStart=/usr/bin/dockerd -H fd://\n', commands: [[restartCommand, {}]] });
    const result = await install(off, { useSystemdDropIn: 'no' });
    expect(finalStates(result.steps)).toContain('systemd:skipped');
    expect(off.host.files.has('/etc/systemd/system/docker.service.d/berth-tls.conf')).toBe(false);
  });

  it('fails the restart step with its output, and rollback restores the previous configuration', async () => {
    const failing = "sh -c 'echo Job for docker.service failed >&2; exit 1'";
    const run = setup({
      commands: [
        [failing, { exitCode: 1, stderr: 'Job for docker.service failed\n' }],
        [restartCommand, {}],
      ],
    });
    const original = '{"hosts": ["unix:///var/run/docker.sock"]}\n';
    run.host.put('/etc/docker/daemon.json', original);
    run.host.put('/etc/docker/tls/ca.pem', 'old ca', 0o444);
    run.host.put('/etc/docker/tls/server-cert.pem', 'old cert', 0o444);
    run.host.put('/etc/docker/tls/server-key.pem', 'old key', 0o400);

    const result = await install(run, { restartCommand: failing });

    expect(result.outcome).toBe('failed');
    expect(finalStates(result.steps)).toEqual(['preflight:done', 'upload:done', 'daemon-json:done', 'systemd:skipped', 'restart:failed']);
    expect(result.error?.code).toBe('TLS_INSTALL_COMMAND_FAILED');
    expect(result.error?.message).toContain('exit status 1');
    const restart = result.steps.at(-1)!;
    expect(restart.output).toContain('Job for docker.service failed');
    expect(restart.error?.code).toBe('TLS_INSTALL_COMMAND_FAILED');
    expect(run.verifyCalls).toBe(0);
    expect(result.rollbackInstructions.commands.at(-1)).toBe(failing);

    const rollbackSteps: TlsRollbackStep[] = [];
    const rolledBack = await result.rollback({ restartCommand }, (step) => rollbackSteps.push(step));
    expect(rolledBack.error).toBeUndefined();
    expect(rolledBack.outcome).toBe('rolled-back');
    expect(finalStates(rolledBack.steps)).toEqual([
      'restore-daemon-json:done',
      'restore-systemd:skipped',
      'restore-files:done',
      'restart:done',
    ]);
    expect(run.host.files.get('/etc/docker/daemon.json')!.content).toBe(original);
    expect(run.host.files.get('/etc/docker/tls/server-key.pem')).toEqual({ content: 'old key', mode: 0o400 });
    expect(run.host.files.get('/etc/docker/tls/ca.pem')).toEqual({ content: 'old ca', mode: 0o444 });
    expect(run.host.commands.at(-1)).toBe(restartCommand);
    expect(rollbackSteps.some((step) => step.state === 'running')).toBe(true);
  });

  it('rolls back what a fresh install created', async () => {
    const run = setup({ commands: [[restartCommand, {}]] });
    const before = run.host.snapshot();
    const result = await install(run);
    expect(result.outcome).toBe('installed');
    const rolledBack = await result.rollback();
    expect(rolledBack.outcome).toBe('rolled-back');
    expect(run.host.snapshot()).toEqual(before);
  });

  it('says the daemon did not come back when TLS never answers', async () => {
    let clock = 0;
    const run = setup({ commands: [[restartCommand, {}]] }, async () => {
      throw new BerthError('CONNECTION_REFUSED', 'Nothing is listening at tcp://203.0.113.5:2376.');
    });
    run.dependencies.now = () => new Date(clock);
    run.dependencies.sleep = async (ms) => {
      clock += ms;
    };
    const result = await install(run, { waitTimeoutMs: 5_000 });
    expect(result.outcome).toBe('failed');
    expect(result.error?.code).toBe('TLS_INSTALL_DAEMON_NOT_READY');
    expect(result.error?.message).toContain('CONNECTION_REFUSED');
    expect(run.verifyCalls).toBe(10);
    const wait = result.steps.at(-1)!;
    expect(wait.output.match(/attempt \d+: CONNECTION_REFUSED/g)).toHaveLength(1);
    expect(result.changes?.restarted).toBe(true);
  });

  it('gives up early on a TLS failure that waiting cannot fix', async () => {
    const run = setup({ commands: [[restartCommand, {}]] }, async () => {
      throw new BerthError('TLS_HOSTNAME_MISMATCH', 'The daemon certificate is not valid for 203.0.113.5.');
    });
    const result = await install(run);
    expect(result.error?.code).toBe('TLS_INSTALL_DAEMON_NOT_READY');
    expect(result.error?.message).toContain('TLS_HOSTNAME_MISMATCH');
    expect(run.verifyCalls).toBe(3);
  });

  it('can be cancelled while the restart runs, and says what changed', async () => {
    const controller = new AbortController();
    const run = setup({ commands: [[restartCommand, { hang: true }]] });
    const pending = installTlsOverSsh(
      options({ signal: controller.signal }),
      (step) => {
        if (step.id === 'restart' && step.state === 'running') setTimeout(() => controller.abort(), 5);
      },
      run.dependencies,
    );
    const result = await pending;
    expect(result.outcome).toBe('cancelled');
    expect(result.error?.code).toBe('TLS_INSTALL_CANCELLED');
    expect(result.steps.at(-1)).toMatchObject({ id: 'restart', state: 'failed' });
    expect(result.changes?.daemonJson).toBeDefined();
    expect(result.rollbackInstructions.commands.length).toBeGreaterThan(0);
  });

  it('does not start when already cancelled', async () => {
    const run = setup();
    const controller = new AbortController();
    controller.abort();
    const result = await install(run, { signal: controller.signal });
    expect(result.outcome).toBe('cancelled');
    expect(finalStates(result.steps)).toEqual(['preflight:failed']);
    expect(run.host.commands).toEqual([]);
  });

  it('times out a restart command that never returns', async () => {
    const run = setup({ commands: [[restartCommand, { hang: true }]] });
    const result = await install(run, { commandTimeoutMs: 20 });
    expect(result.error?.code).toBe('TLS_INSTALL_COMMAND_FAILED');
    expect(result.error?.message).toContain('did not finish within');
  });

  it.each<[string, Partial<TlsInstallOptions>]>([
    ['a relative certificate directory', { remoteDir: 'tls' }],
    ['port 0', { port: 0 }],
    ['an empty restart command', { restartCommand: '  ' }],
    ['a wildcard verification address', { clientHost: '0.0.0.0' }],
    ['a host with a space', { tcpHost: 'a b' }],
    ['a missing client key', { certificates: { ...({} as CertificateSet), caCert: 'x' } }],
  ])('throws INVALID_ARGUMENT for %s', async (_name, overrides) => {
    await expect(installTlsOverSsh(options(overrides), undefined, setup().dependencies)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
