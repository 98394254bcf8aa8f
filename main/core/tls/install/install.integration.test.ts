/**
 * The install over SSH end to end against the lab's install target (e2e/lab/lib-install.sh): a
 * fresh certificate set goes onto the "host" through the lab's OpenSSH server, the lab's restart
 * command restarts that dockerd, and it then answers over TLS on 127.0.0.1:<tlsPort>. Without a
 * running lab (or one without the install target) every test fails; nothing is skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type LabInstallTarget,
  type LabManifest,
  labInstallTarget,
  loadLabManifest,
  resetLabInstallTarget,
} from '../../../../e2e/lab/manifest.js';
import { KnownHosts } from '../../ssh/known-hosts.js';
import { openDockerConnection } from '../../transports/docker-connection.js';
import { inspectCertificate } from '../certificate-inspection.js';
import { type CertificateSet, generateCertificateSet } from '../generate-certificate-set.js';
import { parseSan } from '../san.js';
import { installTlsOverSsh } from './install-tls-over-ssh.js';
import type { TlsInstallOptions, TlsInstallStep } from './install-types.js';
import { verifyTlsHost } from './verify-tls-host.js';

let manifest: LabManifest | undefined;
/** Loaded on first use, so a missing lab fails every test with the same clear message. */
function lab(): { manifest: LabManifest; install: LabInstallTarget } {
  manifest ??= loadLabManifest();
  return { manifest, install: labInstallTarget(manifest) };
}

const scratch = mkdtempSync(join(tmpdir(), 'berth-install-it-'));
let set: CertificateSet;

beforeAll(async () => {
  set = await generateCertificateSet({ sans: [parseSan('IP:127.0.0.1')], includeLoopback: false, keyType: 'ec-p256', validityDays: 30 });
});
beforeEach(() => resetLabInstallTarget());
afterEach(() => resetLabInstallTarget());
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function installOptions(overrides: Partial<TlsInstallOptions> = {}): TlsInstallOptions {
  const { manifest: m, install } = lab();
  return {
    ssh: {
      transport: { host: m.ssh.host, port: m.ssh.port, user: m.ssh.user, auth: { method: 'key', keyPath: m.ssh.keyPath } },
      knownHosts: new KnownHosts({ file: join(scratch, 'known_hosts'), extraFiles: [m.ssh.knownHostsPath] }),
      timeoutMs: 10_000,
    },
    certificates: set,
    remoteDir: install.remoteDir,
    daemonJsonPath: install.daemonJsonPath,
    tcpHost: install.host,
    port: install.tlsPort,
    restartCommand: install.restartCommand,
    useSystemdDropIn: 'no',
    waitTimeoutMs: 30_000,
    ...overrides,
  };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The plain unix socket answers (the install keeps it in hosts). */
function unixSocketAnswers(): boolean {
  const result = spawnSync('docker', ['-H', `unix://${lab().install.socket}`, 'version', '--format', '{{.Server.Version}}'], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, DOCKER_CONFIG: join(scratch, 'docker-cli') },
  });
  return result.status === 0 && result.stdout.trim() !== '';
}

/** Every file under a dir with its content and mode, to prove nothing changed. */
function tree(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    const info = statSync(path);
    entries[name] = info.isDirectory()
      ? `dir ${info.mode.toString(8)}`
      : `${info.mode.toString(8)} ${info.mtimeMs} ${readFileSync(path, 'utf8')}`;
  }
  return entries;
}

const configDir = (): string => join(lab().install.daemonJsonPath, '..');
const dockerdPid = (): string => readFileSync(lab().install.pidfile, 'utf8').trim();
const finalStates = (steps: { id: string; state: string }[]) => steps.map((step) => `${step.id}:${step.state}`);

describe('installTlsOverSsh against the lab install target', () => {
  it('turns the plain daemon into a TLS host that answers with the new certificates, and rolls back', async () => {
    const { install, manifest: m } = lab();
    const original = readFileSync(install.daemonJsonPath, 'utf8');
    expect(await portOpen(install.tlsPort)).toBe(false);
    const reported: TlsInstallStep[] = [];

    const result = await installTlsOverSsh(
      installOptions({ useSystemdDropIn: 'yes', systemdDropInPath: install.systemdDropInPath, daemonReloadCommand: 'true' }),
      (step) => reported.push(step),
    );

    expect(result.error).toBeUndefined();
    expect(result.outcome).toBe('installed');
    expect(finalStates(result.steps)).toEqual([
      'preflight:done',
      'upload:done',
      'daemon-json:done',
      'systemd:done',
      'restart:done',
      'wait:done',
    ]);
    expect(reported.filter((step) => step.state === 'running').map((step) => step.id)).toContain('restart');
    const restart = result.steps.find((step) => step.id === 'restart')!;
    expect(restart.output).toContain(`$ ${install.restartCommand}`);
    expect(restart.output).toContain('install: dockerd is up');
    expect(restart.output).toContain('(exit status 0)');
    expect(JSON.stringify(reported)).not.toContain('PRIVATE KEY');

    // On the host: the files with their modes, daemon.json merged, the old one kept.
    const modeOf = (name: string) => statSync(join(install.remoteDir, name)).mode & 0o777;
    expect([modeOf('ca.pem'), modeOf('server-cert.pem'), modeOf('server-key.pem')]).toEqual([0o444, 0o444, 0o400]);
    expect(readFileSync(join(install.remoteDir, 'server-key.pem'), 'utf8')).toBe(set.serverKey);
    expect(readdirSync(install.remoteDir).sort()).toEqual(['ca.pem', 'server-cert.pem', 'server-key.pem']);
    expect(JSON.parse(readFileSync(install.daemonJsonPath, 'utf8'))).toEqual({
      hosts: [`unix://${install.socket}`, `tcp://127.0.0.1:${install.tlsPort}`],
      tlsverify: true,
      tlscacert: join(install.remoteDir, 'ca.pem'),
      tlscert: join(install.remoteDir, 'server-cert.pem'),
      tlskey: join(install.remoteDir, 'server-key.pem'),
    });
    const backup = result.changes?.daemonJson?.backupPath;
    expect(backup).toMatch(/daemon\.json\.berth-backup-\d{8}T\d{6}Z$/);
    expect(readFileSync(backup!, 'utf8')).toBe(original);
    expect(readFileSync(install.systemdDropInPath, 'utf8')).toContain('ExecStart=\nExecStart=');

    // Verify: the daemon presents the new server certificate and trusts the new client one.
    const verified = await verifyTlsHost({
      host: '127.0.0.1',
      port: install.tlsPort,
      ca: set.caCert,
      cert: set.clientCert,
      key: set.clientKey,
    });
    expect(verified.serverVersion).toMatch(/^\d+\.\d+/);
    expect(verified.apiVersion).toMatch(/^1\.\d+$/);
    expect(verified.serverCertificate.sans).toEqual([{ type: 'ip', value: '127.0.0.1' }]);
    expect(verified.serverCertificate.fingerprintSha256).toBe(inspectCertificate(set.serverCert).fingerprintSha256);
    expect(Date.parse(verified.serverCertificate.notAfter)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(result.daemon?.serverCertificate.fingerprintSha256).toBe(verified.serverCertificate.fingerprintSha256);

    // Berth's own TLS transport reaches it too, and --tlsverify is in force.
    const connection = await openDockerConnection(
      {
        type: 'tls',
        host: '127.0.0.1',
        port: install.tlsPort,
        ca: { kind: 'pem', pem: set.caCert },
        cert: { kind: 'pem', pem: set.clientCert },
        key: { kind: 'pem', pem: set.clientKey },
      },
      { timeoutMs: 10_000, knownHosts: new KnownHosts({ file: join(scratch, 'unused') }) },
    );
    try {
      expect(((await connection.api.get('/info')) as { Driver: string }).Driver).toBe('vfs');
    } finally {
      await connection.close();
    }
    await expect(
      verifyTlsHost({
        host: '127.0.0.1',
        port: install.tlsPort,
        ca: set.caCert,
        cert: readFileSync(m.tls.rogue.certPath, 'utf8'),
        key: readFileSync(m.tls.rogue.keyPath, 'utf8'),
      }),
    ).rejects.toMatchObject({ code: 'TLS_CLIENT_CERT_REJECTED' });
    expect(unixSocketAnswers()).toBe(true);

    // Roll back: the previous daemon.json, no certificate dir, no drop-in, plain again.
    const rolledBack = await result.rollback();
    expect(rolledBack.error).toBeUndefined();
    expect(finalStates(rolledBack.steps)).toEqual([
      'restore-daemon-json:done',
      'restore-systemd:done',
      'restore-files:done',
      'restart:done',
    ]);
    expect(readFileSync(install.daemonJsonPath, 'utf8')).toBe(original);
    expect(existsSync(install.remoteDir)).toBe(false);
    expect(existsSync(install.systemdDropInPath)).toBe(false);
    expect(await portOpen(install.tlsPort)).toBe(false);
    expect(unixSocketAnswers()).toBe(true);
  });

  it('refuses an unparseable daemon.json with a specific error and changes nothing', async () => {
    const { install } = lab();
    writeFileSync(install.daemonJsonPath, '{"hosts": ["unix:///var/run/docker.sock"] "debug": true}\n');
    const before = tree(configDir());
    const pid = dockerdPid();

    const result = await installTlsOverSsh(installOptions());

    expect(result.outcome).toBe('failed');
    expect(result.error?.code).toBe('TLS_INSTALL_DAEMON_JSON_INVALID');
    expect(result.error?.message).toContain(install.daemonJsonPath);
    expect(result.error?.message).toMatch(/not valid JSON \(.*JSON.*\)/);
    expect(finalStates(result.steps)).toEqual(['preflight:failed']);
    expect(result.changes).toBeUndefined();
    expect(result.rollbackInstructions.commands).toEqual([]);
    expect(tree(configDir())).toEqual(before);
    expect(dockerdPid()).toBe(pid);
    expect(await portOpen(install.tlsPort)).toBe(false);
  });

  it('fails the step when the restart command fails, with its output, and rollback restores the backup', async () => {
    const { install } = lab();
    const original = readFileSync(install.daemonJsonPath, 'utf8');
    const pid = dockerdPid();
    const failing = `sh -c 'echo stopping docker; echo "Job for docker.service failed because the control process exited with error code." >&2; exit 1'`;

    const result = await installTlsOverSsh(installOptions({ restartCommand: failing }));

    expect(result.outcome).toBe('failed');
    expect(finalStates(result.steps)).toEqual(['preflight:done', 'upload:done', 'daemon-json:done', 'systemd:skipped', 'restart:failed']);
    expect(result.error?.code).toBe('TLS_INSTALL_COMMAND_FAILED');
    expect(result.error?.message).toContain('exit status 1');
    const restart = result.steps.at(-1)!;
    expect(restart.output).toContain('stopping docker');
    expect(restart.output).toContain('Job for docker.service failed');
    expect(restart.error?.code).toBe('TLS_INSTALL_COMMAND_FAILED');
    const backup = result.changes?.daemonJson?.backupPath;
    expect(readFileSync(backup!, 'utf8')).toBe(original);
    expect(JSON.parse(readFileSync(install.daemonJsonPath, 'utf8'))).toMatchObject({ tlsverify: true });
    expect(result.rollbackInstructions.commands).toContain(`cp -p '${backup}' '${install.daemonJsonPath}'`);
    expect(dockerdPid()).toBe(pid);

    // The rollback re-runs the same (failing) command: the files come back, the restart step fails.
    const first = await result.rollback();
    expect(first.outcome).toBe('failed');
    expect(finalStates(first.steps)).toEqual([
      'restore-daemon-json:done',
      'restore-systemd:skipped',
      'restore-files:done',
      'restart:failed',
    ]);
    expect(readFileSync(install.daemonJsonPath, 'utf8')).toBe(original);
    expect(existsSync(install.remoteDir)).toBe(false);

    // Again with a working restart command: idempotent, and the daemon restarts plain.
    const second = await result.rollback({ restartCommand: install.restartCommand });
    expect(second.error).toBeUndefined();
    expect(second.outcome).toBe('rolled-back');
    expect(readFileSync(install.daemonJsonPath, 'utf8')).toBe(original);
    expect(dockerdPid()).not.toBe(pid);
    expect(unixSocketAnswers()).toBe(true);
    expect(await portOpen(install.tlsPort)).toBe(false);
  });

  it('reports the daemon refusing to start (port taken) with its log, and rolls back to a running daemon', async () => {
    const { install, manifest: m } = lab();
    const busyPort = m.daemons.tls.transport.port; // the lab's TLS daemon listens there

    const result = await installTlsOverSsh(installOptions({ port: busyPort }));

    expect(result.outcome).toBe('failed');
    expect(result.steps.at(-1)).toMatchObject({ id: 'restart', state: 'failed' });
    expect(result.steps.at(-1)!.output).toMatch(/address already in use/);
    expect(unixSocketAnswers()).toBe(false);

    const rolledBack = await result.rollback();
    expect(rolledBack.error).toBeUndefined();
    expect(rolledBack.outcome).toBe('rolled-back');
    expect(unixSocketAnswers()).toBe(true);
    expect(JSON.parse(readFileSync(install.daemonJsonPath, 'utf8'))).toEqual({ hosts: [`unix://${install.socket}`] });
  });
});
