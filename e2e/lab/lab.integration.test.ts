/**
 * Checks that the running lab matches its manifest, with nothing but the docker CLI, the OpenSSH
 * client and node:crypto. Without a lab every test fails with the "not running" message.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { describeTransport, transportSchema } from '../../shared/profile.js';
import { LAB_DAEMON_NAMES, labDockerArgs, loadLabManifest, type LabManifest } from './manifest.js';

const COMMAND_TIMEOUT_MS = 20_000;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

let manifest: LabManifest | undefined;
/** Loaded on first use, so a missing lab fails every test with the same clear message. */
function lab(): LabManifest {
  manifest ??= loadLabManifest();
  return manifest;
}

const scratch = mkdtempSync(join(tmpdir(), 'berth-lab-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: COMMAND_TIMEOUT_MS,
    input: options.input ?? '',
    env: options.env ?? process.env,
  });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runOk(command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = run(command, args, options);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

interface DockerInfo {
  ID: string;
  Driver: string;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
}

function dockerInfo(hostArgs: string[]): DockerInfo {
  return JSON.parse(runOk('docker', [...hostArgs, 'info', '--format', '{{json .}}'])) as DockerInfo;
}

/** OpenSSH client options that use only the lab's known_hosts and the given identity. */
function sshArgs(m: LabManifest, extra: string[]): string[] {
  return [
    '-F',
    '/dev/null',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'IdentityAgent=none',
    '-o',
    `UserKnownHostsFile=${m.ssh.knownHostsPath}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'ConnectTimeout=10',
    '-p',
    String(m.ssh.port),
    ...extra,
    `${m.ssh.user}@${m.ssh.host}`,
  ];
}

/** Env that makes ssh read a password or passphrase from a script instead of a terminal. */
function askpassEnv(secret: string): NodeJS.ProcessEnv {
  const script = join(scratch, 'askpass.sh');
  writeFileSync(script, '#!/bin/sh\nprintf "%s\\n" "$BERTH_LAB_SECRET"\n', { mode: 0o700 });
  return { ...process.env, SSH_ASKPASS: script, SSH_ASKPASS_REQUIRE: 'force', BERTH_LAB_SECRET: secret };
}

describe('lab manifest', () => {
  it('describes every lab daemon with a transport Berth accepts', () => {
    const m = lab();
    expect(Object.keys(m.daemons).sort()).toEqual([...LAB_DAEMON_NAMES].sort());
    for (const name of LAB_DAEMON_NAMES) {
      const daemon = m.daemons[name];
      expect(daemon.name).toBe(name);
      const transport = transportSchema.parse(daemon.transport);
      const described = describeTransport(transport);
      expect(described).toBe(transport.type === 'tls' ? `${daemon.endpoint} (TLS)` : daemon.endpoint);
      expect(existsSync(daemon.logFile), daemon.logFile).toBe(true);
    }
    expect(m.daemons.tls.transport.ca).toEqual({ kind: 'path', path: m.tls.caPath });
    expect(readFileSync(join(m.tls.certDir, 'cert.pem'), 'utf8')).toBe(readFileSync(m.tls.certPath, 'utf8'));
  });
});

describe.each(LAB_DAEMON_NAMES)('lab daemon %s', (name) => {
  it('answers with its storage driver and the baseline containers', () => {
    const m = lab();
    const daemon = m.daemons[name];
    const hostArgs = labDockerArgs(m, name);
    expect(runOk('docker', [...hostArgs, 'info', '--format', '{{.Driver}}']).trim()).toBe(daemon.driver);
    const info = dockerInfo(hostArgs);
    expect({
      total: info.Containers,
      running: info.ContainersRunning,
      paused: info.ContainersPaused,
      stopped: info.ContainersStopped,
    }).toEqual(daemon.containers);
    const labelled = runOk('docker', [...hostArgs, 'ps', '-aq', '--filter', 'label=berth.lab=1']);
    expect(labelled.trim().split('\n')).toHaveLength(daemon.containers.total);
    runOk('docker', [...hostArgs, 'image', 'inspect', '--format', '{{.Id}}', m.image]);
    const pid = readFileSync(daemon.pidfile, 'utf8').trim();
    expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('dockerd');
  });
});

describe('lab daemons together', () => {
  it('each has its own daemon ID', () => {
    const m = lab();
    const ids = LAB_DAEMON_NAMES.map((name) => dockerInfo(labDockerArgs(m, name)).ID);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('lab TLS material', () => {
  const cert = (path: string) => new X509Certificate(readFileSync(path));

  it('has a client certificate the tls daemon accepts and a CA that signed the server', () => {
    const m = lab();
    const ca = cert(m.tls.caPath);
    const client = cert(m.tls.certPath);
    expect(ca.ca).toBe(true);
    expect(client.verify(ca.publicKey)).toBe(true);
    expect(client.keyUsage).toContain(CLIENT_AUTH);
    // The docker CLI with these files is what the daemon-answers test above already did.
    expect(readFileSync(join(m.tls.certDir, 'ca.pem'), 'utf8')).toBe(readFileSync(m.tls.caPath, 'utf8'));
  });

  it('has a rogue CA and client certificate the tls daemon refuses', () => {
    const m = lab();
    const rogueCa = cert(m.tls.rogue.caPath);
    expect(cert(m.tls.rogue.certPath).verify(rogueCa.publicKey)).toBe(true);
    expect(cert(m.tls.rogue.certPath).verify(cert(m.tls.caPath).publicKey)).toBe(false);
    const { transport } = m.daemons.tls;
    const refused = run('docker', [
      '-H',
      `tcp://${transport.host}:${transport.port}`,
      '--tlsverify',
      '--tlscacert',
      m.tls.caPath,
      '--tlscert',
      m.tls.rogue.certPath,
      '--tlskey',
      m.tls.rogue.keyPath,
      'version',
      '--format',
      '{{.Server.Version}}',
    ]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/certificate|tls/i);
  });

  it('has a lab-signed server certificate for the wrong name', () => {
    const m = lab();
    const wrong = cert(m.tls.wrongSanServer.certPath);
    expect(wrong.verify(cert(m.tls.caPath).publicKey)).toBe(true);
    expect(wrong.subjectAltName).toBe('DNS:elsewhere.invalid');
    expect(wrong.checkIP('127.0.0.1')).toBeUndefined();
    expect(wrong.checkHost('localhost')).toBeUndefined();
    expect(wrong.keyUsage).toContain(SERVER_AUTH);
    expect(readFileSync(m.tls.wrongSanServer.keyPath, 'utf8')).toContain('PRIVATE KEY');
  });

  it('has an expired client certificate signed by the lab CA', () => {
    const m = lab();
    expect(m.tls.expiredClient).toBeDefined();
    const expired = cert(m.tls.expiredClient?.certPath ?? '');
    expect(expired.verify(cert(m.tls.caPath).publicKey)).toBe(true);
    expect(expired.validToDate.getTime()).toBeLessThan(Date.now());
    expect(expired.keyUsage).toContain(CLIENT_AUTH);
  });
});

describe('lab sshd', () => {
  it('answers on its port with the recorded host key', () => {
    const m = lab();
    const scanned = runOk('ssh-keyscan', ['-T', '5', '-t', 'ed25519', '-p', String(m.ssh.port), m.ssh.host]);
    const fingerprint = runOk('ssh-keygen', ['-lf', '-'], { input: scanned });
    expect(fingerprint.split(/\s+/)[1]).toBe(m.ssh.hostKeyFingerprint);
    const known = readFileSync(m.ssh.knownHostsPath, 'utf8').trim();
    expect(known).toMatch(new RegExp(`^\\[${m.ssh.host.replaceAll('.', '\\.')}\\]:${m.ssh.port} ${m.ssh.hostKeyType} AAAA`));
    expect(scanned.trim().split(/\s+/).slice(1)).toEqual(known.split(/\s+/).slice(1));
  });

  it('lets the lab user in with the plain key and the password, and not with the wrong key', () => {
    const m = lab();
    const batch = ['-o', 'BatchMode=yes'];
    runOk('ssh', [...sshArgs(m, [...batch, '-i', m.ssh.keyPath]), 'true']);
    const wrong = run('ssh', [...sshArgs(m, [...batch, '-i', m.ssh.wrongKeyPath]), 'true']);
    expect(wrong.status).toBe(255);
    expect(wrong.stderr).toContain('Permission denied');
    const password = ['-o', 'PreferredAuthentications=password', '-o', 'PubkeyAuthentication=no'];
    runOk('ssh', [...sshArgs(m, [...password, '-o', 'NumberOfPasswordPrompts=1']), 'true'], {
      env: askpassEnv(m.ssh.password),
    });
  });

  it('accepts the encrypted key only with its passphrase', () => {
    const m = lab();
    const key = ['-i', m.ssh.encryptedKeyPath, '-o', 'PreferredAuthentications=publickey'];
    const withoutPassphrase = run('ssh', [...sshArgs(m, [...key, '-o', 'BatchMode=yes']), 'true']);
    expect(withoutPassphrase.status).toBe(255);
    runOk('ssh', [...sshArgs(m, [...key, '-o', 'NumberOfPasswordPrompts=1']), 'true'], {
      env: askpassEnv(m.ssh.keyPassphrase),
    });
    expect(run('ssh-keygen', ['-y', '-P', '', '-f', m.ssh.encryptedKeyPath]).status).not.toBe(0);
  });

  it('has the sockets the remote-socket tests need', () => {
    const m = lab();
    const remote = statSync(m.ssh.remoteSocket);
    expect(remote.isSocket()).toBe(true);
    expect(remote.mode & 0o777).toBe(0o660);
    expect(remote.gid).toBe(Number(runOk('id', ['-g', m.ssh.user]).trim()));
    const forbidden = lstatSync(m.ssh.forbiddenSocket);
    expect(forbidden.isSocket()).toBe(true);
    expect([forbidden.uid, forbidden.gid, forbidden.mode & 0o777]).toEqual([0, 0, 0o600]);
    expect(existsSync(m.ssh.missingSocket)).toBe(false);
  });

  it('forwards the remote docker socket to the ssh daemon', async () => {
    const m = lab();
    const local = join(scratch, 'forward.sock');
    const ssh = spawn(
      'ssh',
      [
        ...sshArgs(m, ['-o', 'BatchMode=yes', '-o', 'ExitOnForwardFailure=yes', '-i', m.ssh.keyPath]),
        '-N',
        '-L',
        `${local}:${m.ssh.remoteSocket}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    ssh.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    try {
      for (let waited = 0; !existsSync(local); waited += 50) {
        if (ssh.exitCode !== null || waited > 10_000) throw new Error(`ssh -L did not come up: ${stderr}`);
        await sleep(50);
      }
      expect(dockerInfo(['-H', `unix://${local}`]).Driver).toBe(m.daemons.ssh.driver);
    } finally {
      ssh.kill();
    }
  });
});
