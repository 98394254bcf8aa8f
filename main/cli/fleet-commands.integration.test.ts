/**
 * `berth hosts` and `berth find` over a temporary data directory holding profiles of the lab's
 * tcp, TLS and SSH daemons (one SSH host with its password sealed in the vault), the btrfs
 * daemon, and a 127.0.0.1 port nothing listens on: real connections, real statuses.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProfile } from '../../shared/profile.js';
import { type LabManifest, labDockerArgs } from '../../e2e/lab/manifest.js';
import { emptyKnownHosts, requireLab } from '../../e2e/support/lab-hosts.js';
import { readSnapshot } from '../core/snapshot-reader.js';
import { SnapshotStore } from '../core/store/snapshot-store.js';
import { openDockerConnection } from '../core/transports/docker-connection.js';
import { closedPort } from '../../e2e/support/silent-servers.js';
import { secretKey, splitProfile } from '../core/app/profile-secrets.js';
import { ConfProfileStore } from '../core/store/conf-profile-store.js';
import { PassphraseSecretStore } from '../core/store/passphrase-secret-store.js';
import { runCli } from '../cli.js';

const run = promisify(execFile);
const PASSPHRASE = 'fleet-search test passphrase';
let lab: LabManifest;
let scratch: string;
let dataDir: string;
let deadPort: number;

async function berth(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { HOME: scratch, XDG_CONFIG_HOME: path.join(scratch, 'xdg'), ...env },
  });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

const docker = (args: string[]) => run('docker', [...labDockerArgs(lab, 'btrfs'), ...args], { timeout: 60_000 });

beforeAll(async () => {
  lab = requireLab();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'berth-fleet-cli-'));
  dataDir = path.join(scratch, 'xdg', 'berth');
  deadPort = await closedPort();
  const profiles = new ConfProfileStore({ cwd: dataDir });
  const hosts: HostProfile[] = [
    { id: 'fleet-tcp', name: 'fleet tcp', tags: [], transport: lab.daemons.tcp.transport },
    { id: 'fleet-tls', name: 'fleet tls', tags: ['production'], transport: lab.daemons.tls.transport },
    { id: 'fleet-ssh', name: 'fleet ssh', tags: [], transport: lab.daemons.ssh.transport },
    {
      id: 'fleet-ssh-pw',
      name: 'fleet ssh password',
      tags: [],
      transport: { ...lab.daemons.ssh.transport, auth: { method: 'password', password: lab.ssh.password } },
    },
    { id: 'fleet-btrfs', name: 'fleet btrfs', tags: [], transport: lab.daemons.btrfs.transport },
    { id: 'fleet-dead', name: 'fleet dead', tags: [], transport: { type: 'tcp', host: '127.0.0.1', port: deadPort } },
  ];
  const vault = new PassphraseSecretStore({ cwd: dataDir }, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  await vault.setPassphrase(PASSPHRASE);
  for (const host of hosts) {
    const { stored, secrets } = splitProfile(host);
    await profiles.save(stored);
    for (const [role, value] of Object.entries(secrets))
      if (value !== undefined) await vault.set(secretKey(host.id, role as 'ssh-password'), value);
  }
  // The app's known_hosts in the data directory knows the lab sshd, as after a first connection.
  copyFileSync(lab.ssh.knownHostsPath, path.join(dataDir, 'known_hosts'));
  // The app last saw the dead host three hours ago (a real reading of the tcp daemon, stored under its id).
  const connection = await openDockerConnection(lab.daemons.tcp.transport, { timeoutMs: 10_000, knownHosts: emptyKnownHosts() });
  try {
    const snapshots = new SnapshotStore({ dataDir, settleMs: 0 });
    snapshots.save({ ...(await readSnapshot(connection.api, 'fleet-dead')), updatedAt: Date.now() - 3 * 3_600_000 - 60_000 });
    await snapshots.dispose();
  } finally {
    await connection.close();
  }
});

describe('berth hosts', () => {
  it('lists every saved host with its live status, connecting to all at once', async () => {
    const result = await berth(['hosts', '--json', '--timeout', '5', '--secrets-passphrase-env', 'PASS'], { PASS: PASSPHRASE });
    const hosts = JSON.parse(result.stdout) as Array<{ id: string; status: string; serverVersion?: string; error?: { code: string } }>;
    const byId = new Map(hosts.map((host) => [host.id, host]));
    for (const id of ['fleet-tcp', 'fleet-tls', 'fleet-ssh', 'fleet-ssh-pw', 'fleet-btrfs']) {
      expect(byId.get(id), id).toMatchObject({ status: 'ready' });
      expect(byId.get(id)?.serverVersion, id).toMatch(/^\d+\./);
    }
    const { total, running } = lab.daemons.tcp.containers;
    expect(byId.get('fleet-dead')).toMatchObject({
      status: 'failed',
      error: { code: 'CONNECTION_REFUSED' },
      lastSeen: { at: expect.any(Number), serverVersion: expect.stringMatching(/^\d+\./), containers: { total, running } },
    });
    expect(byId.get('fleet-tcp')).not.toHaveProperty('lastSeen');
    // Like probe: an unreachable host makes the status 3.
    expect(result.status).toBe(3);
  });

  it('without the master passphrase, the host whose password is in the vault is SECRETS_LOCKED and the others still answer', async () => {
    const result = await berth(['hosts', '--timeout', '5']);
    expect(result.stdout).toMatch(/fleet ssh password\s+failed: SECRETS_LOCKED/);
    expect(result.stdout).toMatch(/fleet tcp\s+ready.*\slive\s/);
    const { total, running } = lab.daemons.tcp.containers;
    expect(result.stdout).toMatch(new RegExp(`fleet dead\\s+failed: CONNECTION_REFUSED\\s+3 h ago \\(${running}/${total} running\\)`));
    expect(result.stdout).toContain('--secrets-passphrase-env');
  });

  it('a wrong master passphrase stops with its own error', async () => {
    const result = await berth(['hosts', '--secrets-passphrase-env', 'PASS'], { PASS: 'not the passphrase' });
    expect(result.stderr).toMatch(/^berth: SECRETS_PASSPHRASE_WRONG: /);
    expect(result.status).toBe(5);
  });

  it('an empty data directory says how to add hosts', async () => {
    const result = await berth(['hosts', '--data-dir', path.join(scratch, 'empty')]);
    expect(result).toMatchObject({ status: 0, stdout: expect.stringContaining('No saved hosts') });
  });
});

describe('berth find', () => {
  const name = `berth-find-${process.pid}-${Date.now().toString(36)}`;
  afterAll(async () => {
    await docker(['rm', '-f', name]).catch(() => undefined);
  });

  it('finds a container started a moment ago on the btrfs daemon with its host, and not after removal', async () => {
    const { stdout } = await docker([
      'run',
      '-d',
      '--name',
      name,
      '--label',
      'com.docker.compose.project=fleetfind',
      lab.image,
      'sleep',
      '600',
    ]);
    const id = stdout.trim();
    const started = Date.now();
    const found = await berth(['find', name, '--json', '--timeout', '5']);
    expect(Date.now() - started).toBeLessThan(2_000);
    const { matches, failed } = JSON.parse(found.stdout) as {
      matches: Array<{ kind: string; hostId: string; hostName: string; id?: string; name?: string }>;
      failed: Array<{ hostId: string; error: { code: string } }>;
    };
    expect(matches).toEqual([expect.objectContaining({ kind: 'container', hostId: 'fleet-btrfs', hostName: 'fleet btrfs', id, name })]);
    expect(failed.map((host) => host.hostId).sort()).toEqual(['fleet-dead', 'fleet-ssh-pw']);
    // The first host that failed, in saved order, is the locked one: authentication, 5.
    expect(found.status).toBe(5);

    const byPrefix = await berth(['find', id.slice(0, 10)]);
    expect(byPrefix.stdout).toMatch(new RegExp(`container\\s+fleet btrfs\\s+${name}\\s+${id.slice(0, 12)}`));
    const project = await berth(['find', 'fleetfind', '--json']);
    expect((JSON.parse(project.stdout) as { matches: Array<{ kind: string }> }).matches.map((match) => match.kind)).toEqual([
      'container',
      'project',
    ]);

    await docker(['rm', '-f', name]);
    const removed = Date.now();
    const gone = await berth(['find', name]);
    expect(Date.now() - removed).toBeLessThan(2_000);
    expect(gone.stdout).toContain(`Nothing matches "${name}"`);
  });

  it('finds images by tag on every host that has them', async () => {
    const result = await berth(['find', lab.image, '--json', '--secrets-passphrase-env', 'PASS'], { PASS: PASSPHRASE });
    const { matches } = JSON.parse(result.stdout) as { matches: Array<{ kind: string; hostId: string; tags?: string[] }> };
    const hostsWithImage = matches.filter((match) => match.kind === 'image').map((match) => match.hostId);
    expect(new Set(hostsWithImage)).toEqual(new Set(['fleet-tcp', 'fleet-tls', 'fleet-ssh', 'fleet-ssh-pw', 'fleet-btrfs']));
  });

  it('refuses a blank pattern with a usage error', async () => {
    const result = await berth(['find', '  ']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^berth: INVALID_ARGUMENT: Give a PATTERN/);
  });
});
