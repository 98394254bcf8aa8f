import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { expandPath } from './percent-expand.js';
import { parseProxyJump } from './proxy-jump.js';
import { readSshConfig } from './read-ssh-config.js';
import { listAliases, resolveSshHost, type SshConfigEnvironment } from './resolve-ssh-host.js';
import { listSshConfigHosts, sshTransportOf } from './ssh-config-hosts.js';

const home = fileURLToPath(new URL('./fixtures/home', import.meta.url));
const configFile = join(home, '.ssh', 'config');
const scratch = mkdtempSync(join(tmpdir(), 'berth-sshconfig-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Key files that "exist" in these tests: the resolver asks the environment, never the disk. */
function environment(files: string[] = [], agentSocket?: string): SshConfigEnvironment {
  const existing = new Set(files.map((file) => file.replace('~', home)));
  return { home, localUser: 'alice', agentSocket, fileExists: (file) => existing.has(file) };
}

async function resolve(alias: string, env = environment(['~/.ssh/id_web', '~/.ssh/keys/fallback@10.0.0.7', '~/.ssh/id_ed25519'])) {
  const { config } = await readSshConfig(configFile, env);
  return resolveSshHost(config, alias, env);
}

async function errorOf(alias: string, env?: SshConfigEnvironment): Promise<{ code: string; message: string }> {
  return resolve(alias, env).then(
    () => ({ code: 'none', message: '' }),
    (error: { code: string; message: string }) => error,
  );
}

describe('reading ~/.ssh/config', () => {
  it('lists the concrete aliases, Includes (globs relative to ~/.ssh) in place, patterns left out', async () => {
    const { config, notes } = await readSshConfig(configFile, environment());
    expect(listAliases(config)).toEqual([
      'work',
      'web',
      'db',
      'deep',
      'bastion',
      'inner',
      'gateway',
      'loop-a',
      'loop-b',
      'nokey',
      'agent-host',
      'only-files',
      'proxied',
      'badport',
      'cond',
      'odd',
    ]);
    expect(notes).toEqual([
      {
        file: configFile,
        line: 3,
        message: `Include missing.conf matched no file (${join(home, '.ssh', 'missing.conf')}); ignored, as ssh ignores it.`,
      },
      { file: configFile, line: 65, message: 'Unknown directive "FrobnicateTheWidget": ignored.' },
    ]);
  });

  it('ignores unknown directives named by IgnoreUnknown, as ssh does', async () => {
    const file = join(scratch, 'ignore-unknown');
    writeFileSync(file, 'IgnoreUnknown Use*,Other\nHost a\n  UseKeychain yes\n  UseSomething no\n  Other 1\n  Third 2\n');
    const { notes } = await readSshConfig(file, environment());
    expect(notes.map((note) => note.message)).toEqual(['Unknown directive "Third": ignored.']);
  });

  it('refuses a missing or unparsable file and an Include loop with specific errors', async () => {
    await expect(readSshConfig(join(scratch, 'nope'), environment())).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining('does not exist'),
    });
    const broken = join(scratch, 'broken');
    writeFileSync(broken, 'Host a\n  HostName "unterminated\n');
    await expect(readSshConfig(broken, environment())).rejects.toMatchObject({ code: 'SSH_CONFIG_INVALID' });
    const looping = join(scratch, 'looping');
    writeFileSync(looping, `Include ${looping}\n`);
    await expect(readSshConfig(looping, environment())).rejects.toMatchObject({
      code: 'SSH_CONFIG_INVALID',
      message: expect.stringContaining('form a loop'),
    });
  });
});

describe('resolving an alias as ssh does', () => {
  it('takes HostName, User, Port, IdentityFile (~), IdentitiesOnly, ServerAliveInterval, ConnectTimeout, UserKnownHostsFile', async () => {
    const web = await resolve('web');
    expect(web).toEqual({
      alias: 'web',
      hop: { alias: 'web', host: 'web.internal', port: 2200, user: 'deploy', auth: { method: 'key', keyPath: join(home, '.ssh/id_web') } },
      jumpHosts: [],
      keepaliveIntervalSeconds: 30,
      connectTimeoutSeconds: 7,
      knownHostsFiles: [join(home, '.ssh/known_hosts.work')],
      notes: [],
    });
  });

  it('lets the first value win, so Host * only fills what is left', async () => {
    const work = await resolve('work');
    expect(work.hop).toMatchObject({ host: 'work.example.com', user: 'worker', port: 22 });
    expect(work.keepaliveIntervalSeconds).toBe(60);
    expect((await resolve('inner')).hop.user).toBe('fallback');
  });

  it('applies an Include inside a Host block to that host only, and the block goes on after it', async () => {
    const cond = await resolve('cond');
    expect(cond.hop).toMatchObject({ user: 'before', port: 2022 });
    expect(cond.keepaliveIntervalSeconds).toBe(5);
    expect((await resolve('work')).hop.port).toBe(22);
  });

  it('expands %d, %r and %h in IdentityFile after HostName and User are known', async () => {
    expect((await resolve('db')).hop.auth).toEqual({ method: 'key', keyPath: join(home, '.ssh/keys/fallback@10.0.0.7') });
    const tokens = { home: '/home/a', localUser: 'a', host: 'h.example', remoteUser: 'r', port: 2222, alias: 'h' };
    expect(expandPath('~/.ssh/%u-%r@%h:%p-%n-100%%', tokens, 'IdentityFile')).toBe('/home/a/.ssh/a-r@h.example:2222-h-100%');
    expect(() => expandPath('~/.ssh/%C', tokens, 'IdentityFile')).toThrow(/%C, which Berth cannot expand/);
  });

  it('flattens ProxyJump as ssh -J does: the first hop by its own config, later hops as written', async () => {
    const db = await resolve('db');
    // inner's own "ProxyJump gateway" is overridden by db's chain, as `ssh -J bastion,inner` does.
    expect(db.jumpHosts.map(({ alias, host, port, user }) => ({ alias, host, port, user }))).toEqual([
      { alias: 'bastion', host: 'bastion.example.net', port: 22, user: 'ops' },
      { alias: 'inner', host: '10.0.0.2', port: 22, user: 'fallback' },
    ]);
    const deep = await resolve('deep');
    // ops2@inner:2022 reaches inner with that user and port, through inner's own ProxyJump gateway.
    expect(deep.jumpHosts.map(({ alias, host, port, user }) => ({ alias, host, port, user }))).toEqual([
      { alias: 'gateway', host: 'gw.example.net', port: 2222, user: 'fallback' },
      { alias: 'inner', host: '10.0.0.2', port: 2022, user: 'ops2' },
    ]);
    expect(sshTransportOf(deep)).toMatchObject({
      type: 'ssh',
      host: '10.0.0.9',
      remoteSocket: '/var/run/docker.sock',
      jumpHosts: [{ host: 'gw.example.net' }, { host: '10.0.0.2' }],
    });
  });

  it('parses ProxyJump values: user@host:port, [v6]:port, ssh:// and none', () => {
    expect(parseProxyJump('a, ops@b:2200,ssh://c@[fe80::1]:22,[::1]', 'x')).toEqual([
      { host: 'a' },
      { host: 'b', user: 'ops', port: 2200 },
      { host: 'fe80::1', user: 'c', port: 22 },
      { host: '::1' },
    ]);
    expect(parseProxyJump('none', 'x')).toEqual([]);
    expect(() => parseProxyJump('a:99999', 'x')).toThrow(/not \[user@\]host\[:port\]/);
  });

  it('uses ssh-agent (SSH_AUTH_SOCK) when no IdentityFile is named, and the default keys under IdentitiesOnly', async () => {
    const env = environment(['~/.ssh/id_ed25519'], '/run/agent.sock');
    expect((await resolve('agent-host', env)).hop.auth).toEqual({ method: 'agent' });
    expect((await resolve('only-files', env)).hop.auth).toEqual({ method: 'key', keyPath: join(home, '.ssh/id_ed25519') });
    expect((await resolve('agent-host', environment(['~/.ssh/id_ed25519']))).hop.auth).toEqual({
      method: 'key',
      keyPath: join(home, '.ssh/id_ed25519'),
    });
    const web = await resolve('web', environment(['~/.ssh/id_web'], '/run/agent.sock'));
    expect(web.hop.auth).toEqual({ method: 'key', keyPath: join(home, '.ssh/id_web') });
    expect(web.notes).toEqual([]);
  });

  it('notes what Berth does not honour, without failing', async () => {
    expect((await resolve('odd')).notes).toEqual([
      'StrictHostKeyChecking is not used: Berth always checks host keys and asks about new ones.',
    ]);
  });
});

describe('bad input', () => {
  it('refuses a ProxyJump loop, naming it', async () => {
    expect(await errorOf('loop-a')).toMatchObject({
      code: 'SSH_CONFIG_PROXY_LOOP',
      message: expect.stringContaining('ProxyJump loops: loop-a → loop-b → loop-a.'),
    });
  });

  it('refuses a missing IdentityFile, naming the path', async () => {
    const error = await errorOf('nokey');
    expect(error.code).toBe('SSH_CONFIG_IDENTITY_MISSING');
    expect(error.message).toContain(`IdentityFile ~/.ssh/does_not_exist (${join(home, '.ssh/does_not_exist')}) does not exist`);
    expect((await errorOf('agent-host', environment())).code).toBe('SSH_CONFIG_IDENTITY_MISSING');
  });

  it('refuses ProxyCommand, a bad port and an alias the config does not define', async () => {
    expect(await errorOf('proxied')).toMatchObject({ code: 'SSH_CONFIG_UNSUPPORTED', message: expect.stringContaining('ProxyCommand') });
    expect(await errorOf('badport')).toMatchObject({ code: 'SSH_CONFIG_INVALID', message: expect.stringContaining('Port "99999"') });
    expect((await errorOf('nowhere')).code).toBe('SSH_CONFIG_HOST_NOT_FOUND');
  });

  it('lists every alias with its transport or its own error, and the file notes', async () => {
    const listing = await listSshConfigHosts(configFile, environment(['~/.ssh/id_web', '~/.ssh/id_ed25519']));
    expect(listing.found).toBe(true);
    expect(listing.entries.find((entry) => entry.alias === 'web')?.transport).toMatchObject({
      auth: { method: 'key', keyPath: join(home, '.ssh/id_web'), hasPassphrase: false },
    });
    expect(listing.entries.find((entry) => entry.alias === 'loop-b')?.error?.code).toBe('SSH_CONFIG_PROXY_LOOP');
    expect(listing.notes).toContain(`${configFile} line 65: Unknown directive "FrobnicateTheWidget": ignored.`);
    expect(await listSshConfigHosts(join(scratch, 'absent'), environment())).toEqual({
      file: join(scratch, 'absent'),
      found: false,
      entries: [],
      notes: [],
    });
  });
});
