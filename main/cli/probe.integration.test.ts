import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitStatusOf, type ErrorCode } from '../../shared/errors.js';
import { type LabManifest } from '../../e2e/lab/manifest.js';
import { requireLab } from '../../e2e/support/lab-hosts.js';
import { type TestServer, closedPort, silentServer, silentTlsServer } from '../../e2e/support/silent-servers.js';
import { runCli } from '../cli.js';

let lab: LabManifest;
let scratch: string;
let hung: TestServer;
let wrongSanTls: TestServer;

beforeAll(async () => {
  lab = requireLab();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'berth-cli-'));
  hung = await silentServer();
  wrongSanTls = await silentTlsServer(lab.tls.wrongSanServer.certPath, lab.tls.wrongSanServer.keyPath);
});

afterAll(async () => {
  await hung?.close();
  await wrongSanTls?.close();
});

async function berth(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, { stdout: (text) => out.push(text), stderr: (text) => err.push(text), env: { HOME: scratch, ...env } });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A copy of the lab's known_hosts per call, so accepting keys never leaks between tests. */
function knownHostsCopy(content?: string): string {
  const file = path.join(mkdtempSync(path.join(scratch, 'kh-')), 'known_hosts');
  writeFileSync(file, content ?? spawnSync('cat', [lab.ssh.knownHostsPath], { encoding: 'utf8' }).stdout);
  return file;
}

const tlsArgs = () => ['--tlscacert', lab.tls.caPath, '--tlscert', lab.tls.certPath, '--tlskey', lab.tls.keyPath];
const sshArgs = (key = lab.ssh.keyPath) => ['--ssh-key', key, '--remote-socket', lab.ssh.remoteSocket, '--known-hosts', knownHostsCopy()];
const sshUrl = () => `ssh://${lab.ssh.user}@${lab.ssh.host}:${lab.ssh.port}`;

describe('berth probe against the lab', () => {
  it('prints every transport as JSON with the lab driver and counts', async () => {
    const cases = [
      ['tcp', ['-H', lab.daemons.tcp.endpoint]],
      ['tls', ['-H', lab.daemons.tls.endpoint, '--tlsverify', ...tlsArgs()]],
      ['ssh', ['-H', sshUrl(), ...sshArgs()]],
      ['btrfs', ['-H', lab.daemons.btrfs.endpoint]],
      ['vfs', ['-H', lab.daemons.vfs.endpoint]],
    ] as const;
    for (const [daemon, args] of cases) {
      const result = await berth(['probe', ...args, '--json']);
      expect(result.stderr, daemon).toBe('');
      expect(result.status).toBe(0);
      const json = JSON.parse(result.stdout);
      expect(json.storage.driver, daemon).toBe(lab.daemons[daemon].driver);
      expect(json.containers).toEqual(lab.daemons[daemon].containers);
      expect(json).toMatchObject({
        serverVersion: expect.any(String),
        apiVersion: expect.any(String),
        os: expect.any(String),
        kernelVersion: expect.any(String),
      });
      expect(Array.isArray(json.storage.status)).toBe(true);
      expect(json.diskUsage.images.count).toBeGreaterThanOrEqual(1);
    }
  });

  it('honours DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH like the docker client', async () => {
    const result = await berth(['probe'], {
      DOCKER_HOST: lab.daemons.tls.endpoint,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: lab.tls.certDir,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Storage driver: overlay2');
    expect(result.stdout).toMatch(/Containers: +4 total, 2 running, 0 paused, 2 stopped/);
  });

  it('unlocks an encrypted SSH key with the passphrase from the named variable', async () => {
    const result = await berth(
      ['probe', '-H', sshUrl(), ...sshArgs(lab.ssh.encryptedKeyPath), '--ssh-passphrase-env', 'LAB_PASS', '--json'],
      { LAB_PASS: lab.ssh.keyPassphrase },
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).containers.total).toBe(lab.daemons.ssh.containers.total);
  });

  it('records an unknown host key with --accept-new-host-key, then knows it', async () => {
    const file = knownHostsCopy('');
    const args = ['probe', '-H', sshUrl(), '--ssh-key', lab.ssh.keyPath, '--remote-socket', lab.ssh.remoteSocket, '--known-hosts', file];
    expect((await berth([...args, '--accept-new-host-key'])).status).toBe(0);
    expect((await berth(args)).status).toBe(0);
  });
});

/** Each bad input: the exact code on one stderr line, the kind's exit status, nothing on stdout. */
async function expectFailure(args: string[], code: ErrorCode, env: NodeJS.ProcessEnv = {}) {
  const result = await berth(args, env);
  expect(result.stderr.split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(new RegExp(`^berth: ${code}: .{20,}`));
  expect(result.status).toBe(exitStatusOf(code));
  expect(result.stdout).toBe('');
  return result.stderr;
}

describe('berth probe refuses bad input with a specific code', () => {
  it('malformed URL', () => expectFailure(['probe', '-H', 'tcp://host:notaport'], 'INVALID_ENDPOINT'));
  it('unknown scheme', () => expectFailure(['probe', '-H', 'gopher://127.0.0.1:70'], 'UNSUPPORTED_SCHEME'));
  it('unknown option', () => expectFailure(['probe', '--tlsverfy'], 'INVALID_ARGUMENT'));
  it('nothing listening', async () => expectFailure(['probe', '-H', `tcp://127.0.0.1:${await closedPort()}`], 'CONNECTION_REFUSED'));
  it('missing local socket', () => expectFailure(['probe', '-H', `unix://${path.join(scratch, 'nope.sock')}`], 'SOCKET_NOT_FOUND'));
  it('plain HTTP to a TLS port', () => expectFailure(['probe', '-H', lab.daemons.tls.endpoint], 'TLS_REQUIRED'));
  it('TLS to a plain port', () => expectFailure(['probe', '-H', lab.daemons.tcp.endpoint, ...tlsArgs()], 'TLS_NOT_OFFERED'));
  it('wrong CA', () =>
    expectFailure(
      [
        'probe',
        '-H',
        lab.daemons.tls.endpoint,
        '--tlscacert',
        lab.tls.rogue.caPath,
        '--tlscert',
        lab.tls.certPath,
        '--tlskey',
        lab.tls.keyPath,
      ],
      'TLS_UNTRUSTED_CERTIFICATE',
    ));
  it('server certificate not valid for the address', async () => {
    const message = await expectFailure(['probe', '-H', `tcp://127.0.0.1:${wrongSanTls.port}`, ...tlsArgs()], 'TLS_HOSTNAME_MISMATCH');
    expect(message).toContain('subjectAltName');
  });
  it('server name that the daemon certificate does not list', () =>
    expectFailure(
      ['probe', '-H', lab.daemons.tls.endpoint, ...tlsArgs(), '--tls-server-name', 'elsewhere.invalid'],
      'TLS_HOSTNAME_MISMATCH',
    ));
  it('missing certificate file', async () => {
    const message = await expectFailure(
      [
        'probe',
        '-H',
        lab.daemons.tls.endpoint,
        '--tlscacert',
        path.join(scratch, 'missing-ca.pem'),
        '--tlscert',
        lab.tls.certPath,
        '--tlskey',
        lab.tls.keyPath,
      ],
      'FILE_UNREADABLE',
    );
    expect(message).toContain('missing-ca.pem');
  });
  it('unreadable key file (a directory)', () =>
    expectFailure(
      ['probe', '-H', lab.daemons.tls.endpoint, '--tlscacert', lab.tls.caPath, '--tlscert', lab.tls.certPath, '--tlskey', scratch],
      'FILE_UNREADABLE',
    ));
  it('a key file that holds no key', () =>
    expectFailure(
      ['probe', '-H', lab.daemons.tls.endpoint, '--tlscacert', lab.tls.caPath, '--tlscert', lab.tls.certPath, '--tlskey', lab.tls.certPath],
      'TLS_INVALID_PEM',
    ));
  it('client certificate refused', () =>
    expectFailure(
      [
        'probe',
        '-H',
        lab.daemons.tls.endpoint,
        '--tlscacert',
        lab.tls.caPath,
        '--tlscert',
        lab.tls.rogue.certPath,
        '--tlskey',
        lab.tls.rogue.keyPath,
      ],
      'TLS_CLIENT_CERT_REJECTED',
    ));
  it('SSH wrong key', () => expectFailure(['probe', '-H', sshUrl(), ...sshArgs(lab.ssh.wrongKeyPath)], 'SSH_AUTH_FAILED'));
  it('encrypted key without a passphrase', () =>
    expectFailure(['probe', '-H', sshUrl(), ...sshArgs(lab.ssh.encryptedKeyPath)], 'SSH_KEY_PASSPHRASE_REQUIRED'));
  it('encrypted key with a wrong passphrase', async () => {
    const message = await expectFailure(
      ['probe', '-H', sshUrl(), ...sshArgs(lab.ssh.encryptedKeyPath), '--ssh-passphrase-env', 'P'],
      'SSH_KEY_PASSPHRASE_WRONG',
      { P: 'not-the-passphrase' },
    );
    expect(message).not.toContain('not-the-passphrase');
  });
  it('unknown host key, with the fingerprint ssh-keygen prints', async () => {
    const message = await expectFailure(
      ['probe', '-H', sshUrl(), '--ssh-key', lab.ssh.keyPath, '--remote-socket', lab.ssh.remoteSocket, '--known-hosts', knownHostsCopy('')],
      'SSH_HOST_KEY_UNKNOWN',
    );
    expect(message).toContain(lab.ssh.hostKeyFingerprint);
  });
  it('changed host key', async () => {
    const impostor = spawnSync(
      'ssh-keygen',
      ['-t', 'ed25519', '-N', '', '-q', '-f', path.join(mkdtempSync(path.join(scratch, 'k-')), 'key')],
      { encoding: 'utf8' },
    );
    expect(impostor.status).toBe(0);
    const other = spawnSync('bash', ['-c', `cat ${scratch}/k-*/key.pub | head -1`], { encoding: 'utf8' })
      .stdout.trim()
      .split(' ');
    const file = knownHostsCopy(`[${lab.ssh.host}]:${lab.ssh.port} ${other[0]} ${other[1]}\n`);
    await expectFailure(
      [
        'probe',
        '-H',
        sshUrl(),
        '--ssh-key',
        lab.ssh.keyPath,
        '--remote-socket',
        lab.ssh.remoteSocket,
        '--known-hosts',
        file,
        '--accept-new-host-key',
      ],
      'SSH_HOST_KEY_CHANGED',
    );
  });
  it('remote socket missing', () =>
    expectFailure(
      ['probe', '-H', sshUrl(), '--ssh-key', lab.ssh.keyPath, '--remote-socket', lab.ssh.missingSocket, '--known-hosts', knownHostsCopy()],
      'REMOTE_SOCKET_NOT_FOUND',
    ));
  it('remote socket permission denied', () =>
    expectFailure(
      [
        'probe',
        '-H',
        sshUrl(),
        '--ssh-key',
        lab.ssh.keyPath,
        '--remote-socket',
        lab.ssh.forbiddenSocket,
        '--known-hosts',
        knownHostsCopy(),
      ],
      'REMOTE_SOCKET_PERMISSION_DENIED',
    ));

  describe('a port that accepts and never answers ends at the timeout', () => {
    it.each([
      ['tcp', () => ['-H', `tcp://127.0.0.1:${hung.port}`]],
      ['tls', () => ['-H', `tcp://127.0.0.1:${hung.port}`, ...tlsArgs()]],
      [
        'ssh',
        () => ['-H', `ssh://${lab.ssh.user}@127.0.0.1:${hung.port}`, '--ssh-key', lab.ssh.keyPath, '--known-hosts', knownHostsCopy()],
      ],
    ] as const)('%s', async (_name, args) => {
      const started = Date.now();
      await expectFailure(['probe', ...args(), '--timeout', '1'], 'TIMEOUT');
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(5_000);
    });
  });
});
