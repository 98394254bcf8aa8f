/**
 * Docker contexts both ways, with the real docker CLI against the lab: contexts made by
 * `docker context create` import into Berth and reach the same daemon; Berth hosts exported as
 * contexts (and archives) work for `docker --context`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabManifest } from '../../e2e/lab/manifest.js';
import { requireLab } from '../../e2e/support/lab-hosts.js';
import { createLabContexts, dockerCli } from '../../e2e/support/lab-contexts.js';
import { writeTar } from '../core/contexts/ustar.js';
import { restoreProfile } from '../core/app/profile-secrets.js';
import { probeDaemon } from '../core/probe.js';
import { KnownHosts } from '../core/ssh/known-hosts.js';
import { ConfProfileStore } from '../core/store/conf-profile-store.js';
import { runCli } from '../cli.js';

let lab: LabManifest;
let scratch: string;
let dockerConfig: string;
let dataDir: string;

const docker = (args: string[]) => dockerCli(dockerConfig, args);

async function berth(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { HOME: scratch, DOCKER_CONFIG: dockerConfig, XDG_CONFIG_HOME: path.join(scratch, 'xdg'), ...env },
  });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

function serverVersion(context: string): string {
  const result = docker(['--context', context, 'version', '--format', '{{.Server.Version}}']);
  expect(result.stderr).toBe('');
  return result.stdout;
}

async function importedHost(name: string) {
  const stored = (await new ConfProfileStore({ cwd: dataDir }).list()).find((profile) => profile.name === name);
  expect(stored, `host ${name} saved`).toBeDefined();
  return restoreProfile(stored!, {}).profile;
}

beforeAll(() => {
  lab = requireLab();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'berth-contexts-'));
  dockerConfig = path.join(scratch, 'docker-config');
  dataDir = path.join(scratch, 'xdg', 'berth');
  createLabContexts(dockerConfig, lab, 'lab-tcp');
});

describe('docker contexts into Berth', () => {
  it('lists the docker CLI contexts with the current one and what Berth refuses', async () => {
    const result = await berth(['context', 'ls', '--json']);
    expect(result.status).toBe(0);
    const listed = JSON.parse(result.stdout) as {
      current: string;
      contexts: { name: string; current: boolean; usable: boolean; reason?: { code: string } }[];
    };
    expect(listed.current).toBe('lab-tcp');
    expect(listed.contexts.map((context) => context.name)).toEqual(['lab-skip', 'lab-ssh', 'lab-tcp', 'lab-tls']);
    expect(listed.contexts.find((context) => context.name === 'lab-tcp')?.current).toBe(true);
    expect(listed.contexts.find((context) => context.name === 'lab-skip')).toMatchObject({
      usable: false,
      reason: { code: 'CONTEXT_SKIPS_TLS_VERIFY' },
    });
  });

  it('probes through a context with the same ServerVersion as `docker --context X version`, and follows the current context', async () => {
    for (const context of ['lab-tcp', 'lab-tls']) {
      const result = await berth(['probe', '--context', context, '--json']);
      expect(result.stderr, context).toBe('');
      expect(JSON.parse(result.stdout).serverVersion).toBe(serverVersion(context));
    }
    const implicit = await berth(['probe', '--json']);
    expect(JSON.parse(implicit.stdout).endpoint).toBe(lab.daemons.tcp.endpoint);
    const fromEnv = await berth(['probe', '--json'], { DOCKER_CONTEXT: 'lab-tls' });
    expect(JSON.parse(fromEnv.stdout).endpoint).toContain('23760');
    const hostWins = await berth(['probe', '--json'], { DOCKER_CONTEXT: 'lab-tls', DOCKER_HOST: lab.daemons.btrfs.endpoint });
    expect(JSON.parse(hostWins.stdout).endpoint).toBe(lab.daemons.btrfs.endpoint);
  });

  it('reaches the SSH-only daemon through an ssh:// context', async () => {
    const knownHosts = path.join(scratch, 'known_hosts');
    writeFileSync(knownHosts, spawnSync('cat', [lab.ssh.knownHostsPath], { encoding: 'utf8' }).stdout);
    const result = await berth([
      'probe',
      '--context',
      'lab-ssh',
      '--ssh-key',
      lab.ssh.keyPath,
      '--remote-socket',
      lab.ssh.remoteSocket,
      '--known-hosts',
      knownHosts,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    const local = spawnSync('docker', ['-H', `unix://${lab.ssh.remoteSocket}`, 'version', '--format', '{{.Server.Version}}'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(result.stdout).serverVersion).toBe(local.stdout.trim());
  });

  it('refuses a SkipTLSVerify context with the TLS exit status, and an unknown one by name', async () => {
    const skip = await berth(['probe', '--context', 'lab-skip']);
    expect(skip.status).toBe(4);
    expect(skip.stderr).toMatch(/CONTEXT_SKIPS_TLS_VERIFY: .*SkipTLSVerify/);
    const missing = await berth(['probe', '--context', 'nope']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/CONTEXT_NOT_FOUND: There is no docker context "nope"/);
    const both = await berth(['probe', '--context', 'lab-tcp', '-H', lab.daemons.tcp.endpoint]);
    expect(both.stderr).toMatch(/either -H\/--host or --context/);
  });

  it('saves a context as a Berth host that connects like the docker CLI', async () => {
    const result = await berth(['context', 'import', 'lab-tls', '--tag', 'lab']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/Saved host "lab-tls"/);
    const profile = await importedHost('lab-tls');
    expect(profile.tags).toEqual(['lab']);
    const snapshot = await probeDaemon(profile.transport, {
      timeoutMs: 10_000,
      acceptNewHostKey: false,
      knownHosts: new KnownHosts({ file: path.join(scratch, 'kh') }),
    });
    expect(snapshot.summary.serverVersion).toBe(serverVersion('lab-tls'));
  });

  it('imports an archive made by `docker context export`', async () => {
    const file = path.join(scratch, 'exported-tls.dockercontext');
    expect(docker(['context', 'export', 'lab-tls', file]).status).toBe(0);
    const result = await berth(['context', 'import', file, '--name', 'from-archive']);
    expect(result.stderr).toBe('');
    const profile = await importedHost('from-archive');
    expect(profile.transport).toMatchObject({ type: 'tls', host: '127.0.0.1', port: 23760 });
    const snapshot = await probeDaemon(profile.transport, {
      timeoutMs: 10_000,
      acceptNewHostKey: false,
      knownHosts: new KnownHosts({ file: path.join(scratch, 'kh') }),
    });
    expect(snapshot.summary.serverVersion).toBe(serverVersion('lab-tls'));
    expect(docker(['context', 'inspect', 'exported-tls', '--format', '{{.Endpoints.docker.Host}}']).stdout).toBe(lab.daemons.tls.endpoint);
  });

  it('refuses an archive with a path outside its folder, and writes nothing', async () => {
    const file = path.join(scratch, 'evil.dockercontext');
    writeFileSync(
      file,
      writeTar([
        {
          name: 'meta.json',
          type: 'file',
          mode: 0o644,
          data: Buffer.from('{"Name":"evil","Endpoints":{"docker":{"Host":"tcp://127.0.0.1:1"}}}'),
        },
        { name: '../../escaped.txt', type: 'file', mode: 0o644, data: Buffer.from('x') },
      ]),
    );
    const before = readdirSync(path.join(dockerConfig, 'contexts', 'meta')).length;
    const result = await berth(['context', 'import', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/CONTEXT_INVALID: .*outside the archive's folder. Nothing was imported/);
    expect(readdirSync(path.join(dockerConfig, 'contexts', 'meta')).length).toBe(before);
    expect(existsSync(path.join(scratch, 'escaped.txt'))).toBe(false);
  });
});

describe('Berth hosts into docker contexts', () => {
  beforeAll(async () => {
    await new ConfProfileStore({ cwd: dataDir }).save({
      id: 'berth-tls',
      name: 'Berth TLS',
      tags: [],
      transport: {
        type: 'tls',
        host: '127.0.0.1',
        port: 23760,
        ca: { kind: 'path', path: lab.tls.caPath },
        cert: { kind: 'path', path: lab.tls.certPath },
        key: { kind: 'path', path: lab.tls.keyPath },
      },
    });
  });

  it('writes a context that `docker --context NAME ps` uses against the lab', async () => {
    const result = await berth(['context', 'export', 'Berth TLS']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/docker context "berth-tls"/);
    const ps = docker(['--context', 'berth-tls', 'ps', '-a', '--format', '{{.ID}}']);
    expect(ps.stderr).toBe('');
    expect(ps.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    const again = await berth(['context', 'export', 'Berth TLS']);
    expect(again.stderr).toMatch(/CONTEXT_EXISTS/);
  });

  it('writes an archive that `docker context import` accepts', async () => {
    const file = path.join(scratch, 'from-berth.dockercontext');
    const result = await berth(['context', 'export', 'berth-tls', file]);
    expect(result.stderr).toBe('');
    expect(docker(['context', 'import', 'from-berth', file]).status).toBe(0);
    const ps = docker(['--context', 'from-berth', 'ps', '-a', '--format', '{{.ID}}']);
    expect(ps.stderr).toBe('');
    expect(ps.stdout.length).toBeGreaterThan(0);
  });
});
