import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LabManifest } from '../../../e2e/lab/manifest.js';
import { requireLab } from '../../../e2e/support/lab-hosts.js';
import type { HostStatus } from '../../../shared/snapshot.js';
import { generateTestKey } from '../../../test-support/ssh-server.js';
import { recordPushes, TempDirs } from '../../../test-support/service-fakes.js';
import type { BerthService } from '../app/berth-service.js';
import { testAppService } from '../../../test-support/test-service.js';
import { testConnection } from '../app/test-connection.js';
import { runCli } from '../../cli.js';
import { probeDaemon } from '../probe.js';
import { KnownHosts } from '../ssh/known-hosts.js';
import { readSshConfig } from './read-ssh-config.js';
import { resolveSshHost } from './resolve-ssh-host.js';
import { listSshConfigHosts, sshConfigEnvironment, sshTransportOf } from './ssh-config-hosts.js';

/**
 * An alias of a real ~/.ssh/config whose ProxyJump chain goes through two real hops (the lab
 * sshd's jump ports) to the lab's SSH-only daemon: imported, connected, every hop's key checked.
 */
let lab: LabManifest;
const temp = new TempDirs();
const services: BerthService[] = [];

beforeAll(() => {
  // Throws "the Berth lab is not running" when it is not: these tests fail, never skip.
  lab = requireLab();
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  temp.cleanup();
});

/** A home with ~/.ssh/config: `lab-chain` → hop1 (first jump port) → hop2 (second) → the lab sshd. */
function homeWithConfig(): string {
  const home = temp.make('berth-sshconfig-home-');
  const [first, second] = lab.ssh.jumpPorts;
  mkdirSync(path.join(home, '.ssh', 'hosts.d'), { recursive: true });
  writeFileSync(
    path.join(home, '.ssh', 'config'),
    [
      'Include hosts.d/*.conf',
      'Host lab-chain',
      `  HostName ${lab.ssh.host}`,
      `  Port ${lab.ssh.port}`,
      '  ProxyJump hop1,hop2',
      'Host hop1',
      '  ProxyJump none',
      `  Port ${first}`,
      'Host hop2',
      `  Port ${second}`,
      'Host *',
      `  HostName ${lab.ssh.host}`,
      `  User ${lab.ssh.user}`,
      `  IdentityFile ${lab.ssh.keyPath}`,
      '  IdentitiesOnly yes',
      '  ServerAliveInterval 20',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(home, '.ssh', 'hosts.d', 'lab.conf'), `Host lab-direct\n  HostName ${lab.ssh.host}\n  Port ${lab.ssh.port}\n`);
  return home;
}

async function chainTransport(home: string) {
  const env = sshConfigEnvironment({}, home);
  const { config } = await readSshConfig(path.join(home, '.ssh', 'config'), env);
  return { ...sshTransportOf(resolveSshHost(config, 'lab-chain', env)), remoteSocket: lab.ssh.remoteSocket };
}

/** known_hosts lines for the lab sshd under each of `ports` (it is one sshd with one host key). */
function knownHostsFor(ports: number[], keyOf: (port: number) => string = () => labHostKey()): KnownHosts {
  const file = path.join(temp.make('berth-sshconfig-kh-'), 'known_hosts');
  writeFileSync(file, ports.map((port) => `[${lab.ssh.host}]:${port} ${keyOf(port)}\n`).join(''));
  return new KnownHosts({ file });
}

function labHostKey(): string {
  const line = readFileSync(lab.ssh.knownHostsPath, 'utf8').trim().split('\n')[0] ?? '';
  return line.split(' ').slice(1, 3).join(' ');
}

async function labServerVersion(): Promise<string> {
  const knownHosts = new KnownHosts({ file: lab.ssh.knownHostsPath });
  const snapshot = await probeDaemon(lab.daemons.ssh.transport, { timeoutMs: 15_000, knownHosts, acceptNewHostKey: false });
  return snapshot.summary.serverVersion;
}

function statesOf(messages: ReturnType<typeof recordPushes>['messages'], hostId: string): HostStatus[] {
  return messages.flatMap((m) => (m.channel === 'host:status' && m.payload.hostId === hostId ? [m.payload.status] : []));
}

describe('a ~/.ssh/config alias with a two-hop ProxyJump chain, against the lab', () => {
  it('imports with both jump hosts, Includes and Host * applied', async () => {
    const home = homeWithConfig();
    const listing = await listSshConfigHosts(path.join(home, '.ssh', 'config'), sshConfigEnvironment({}, home));
    expect(listing.entries.map((entry) => entry.alias)).toEqual(['lab-direct', 'lab-chain', 'hop1', 'hop2']);
    const chain = listing.entries.find((entry) => entry.alias === 'lab-chain');
    expect(chain?.transport).toMatchObject({
      host: lab.ssh.host,
      port: lab.ssh.port,
      user: lab.ssh.user,
      auth: { method: 'key', keyPath: lab.ssh.keyPath },
      keepaliveIntervalSeconds: 20,
      jumpHosts: lab.ssh.jumpPorts.map((port) => ({ host: lab.ssh.host, port, user: lab.ssh.user })),
    });
  });

  it('reaches the SSH-only daemon through both hops, asking for each unknown key in turn (the hop named)', async () => {
    const home = homeWithConfig();
    const transport = await chainTransport(home);
    const dataDir = temp.make('berth-sshconfig-data-');
    const service = await testAppService(dataDir, { homeDir: home });
    services.push(service);
    const pushes = recordPushes(service);
    const saved = await service.invoke('hosts:save', { draft: { id: 'lab-chain', name: 'lab chain', tags: [], transport } });
    expect(saved.ok).toBe(true);

    // Berth knows none of the three keys: hop 1, then hop 2, then the Docker host are asked for.
    const asked: HostStatus[] = [];
    for (const expected of [
      { port: lab.ssh.jumpPorts[0], jump: { number: 1, count: 2 } },
      { port: lab.ssh.jumpPorts[1], jump: { number: 2, count: 2 } },
      { port: lab.ssh.port, jump: undefined },
    ]) {
      await expect
        .poll(() => statesOf(pushes.messages, 'lab-chain').filter((s) => s.state === 'needs-host-key-confirmation').length, {
          timeout: 20_000,
        })
        .toBe(asked.length + 1);
      const status = statesOf(pushes.messages, 'lab-chain')
        .filter((s) => s.state === 'needs-host-key-confirmation')
        .at(-1)!;
      expect(status).toMatchObject({
        hostKey: { host: lab.ssh.host, port: expected.port, fingerprint: lab.ssh.hostKeyFingerprint, changed: false },
      });
      expect(status.state === 'needs-host-key-confirmation' && status.hostKey.jump).toEqual(expected.jump);
      asked.push(status);
      const accepted = await service.invoke('hosts:accept-host-key', { hostId: 'lab-chain', persist: true });
      expect(accepted.ok).toBe(true);
    }
    await expect.poll(() => statesOf(pushes.messages, 'lab-chain').at(-1)?.state, { timeout: 20_000 }).toBe('ready');
    const snapshot = pushes.messages.findLast((m) => m.channel === 'host:snapshot' && m.payload.hostId === 'lab-chain');
    const version = snapshot?.channel === 'host:snapshot' ? snapshot.payload.snapshot.summary.serverVersion : undefined;
    expect(version).toBe(await labServerVersion());
    // Each hop is recorded under its own address.
    const recorded = readFileSync(path.join(dataDir, 'known_hosts'), 'utf8').trim().split('\n');
    expect(recorded).toHaveLength(3);

    // The listing channel reads the same file in main; the renderer gets no secret (there is none to send).
    const listed = await service.invoke('sshconfig:list', {});
    expect(listed.ok && listed.value.entries.find((entry) => entry.alias === 'lab-chain')?.transport?.jumpHosts).toHaveLength(2);
  });

  it('keeps a jump host password in the secret store only, and connects with it', async () => {
    const transport = await chainTransport(homeWithConfig());
    const [hop1, hop2] = transport.jumpHosts!;
    const withPassword = {
      ...transport,
      jumpHosts: [hop1!, { ...hop2!, auth: { method: 'password' as const, password: lab.ssh.password } }],
    };
    const dataDir = temp.make('berth-sshconfig-data-');
    writeFileSync(
      path.join(dataDir, 'known_hosts'),
      [lab.ssh.port, ...lab.ssh.jumpPorts].map((port) => `[${lab.ssh.host}]:${port} ${labHostKey()}\n`).join(''),
    );
    const service = await testAppService(dataDir);
    services.push(service);
    const pushes = recordPushes(service);
    await service.invoke('hosts:save', { draft: { id: 'chain-pw', name: 'chain pw', tags: [], transport: withPassword } });
    await expect.poll(() => statesOf(pushes.messages, 'chain-pw').at(-1)?.state, { timeout: 20_000 }).toBe('ready');
    const listed = await service.invoke('hosts:list', {});
    expect(listed.ok && listed.value[0]?.profile.transport).toMatchObject({
      jumpHosts: [{ auth: { method: 'key' } }, { auth: { method: 'password', hasPassword: true } }],
    });
    const everything = JSON.stringify([listed, pushes.messages]) + readFileSync(path.join(dataDir, 'profiles.json'), 'utf8');
    expect(everything).not.toContain(lab.ssh.password);
  });

  it('asks for an unknown hop key in Test connection (error names the hop); accepting it proceeds', async () => {
    const transport = await chainTransport(homeWithConfig());
    const [first, second] = lab.ssh.jumpPorts;
    const knownHosts = knownHostsFor([lab.ssh.port, first!]);
    const probe = probeDaemon(transport, { timeoutMs: 15_000, knownHosts, acceptNewHostKey: false });
    await expect(probe).rejects.toMatchObject({
      code: 'SSH_HOST_KEY_UNKNOWN',
      message: expect.stringContaining(`the jump host ${lab.ssh.host}:${second} (hop 2 of 2 before the Docker host)`),
      prompt: { port: second, jump: { number: 2, count: 2 } },
    });
    const options = { timeoutMs: 15_000, knownHosts };
    const asked = await testConnection(transport, options, undefined);
    expect(asked).toEqual({
      hostKey: expect.objectContaining({ port: second, jump: { number: 2, count: 2 }, fingerprint: lab.ssh.hostKeyFingerprint }),
    });
    const tested = await testConnection(transport, options, { fingerprint: lab.ssh.hostKeyFingerprint, persist: false });
    expect(tested).toMatchObject({ serverVersion: await labServerVersion() });
  });

  it('berth probe --ssh-config ALIAS goes through the chain; --accept-new-host-key records every hop', async () => {
    const home = homeWithConfig();
    const knownHostsFile = path.join(temp.make('berth-sshconfig-cli-'), 'known_hosts');
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text), env: { HOME: home } };
    const args = ['probe', '--ssh-config', 'lab-chain', '--remote-socket', lab.ssh.remoteSocket, '--known-hosts', knownHostsFile, '--json'];
    expect(await runCli(args, io)).toBe(6);
    expect(err.join('\n')).toContain(
      `SSH_HOST_KEY_UNKNOWN: Berth has never seen the jump host ${lab.ssh.host}:${lab.ssh.jumpPorts[0]} (hop 1 of 2`,
    );
    expect(await runCli([...args, '--accept-new-host-key'], io)).toBe(0);
    expect(JSON.parse(out.at(-1) ?? '{}')).toMatchObject({ serverVersion: await labServerVersion() });
    expect(readFileSync(knownHostsFile, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(await runCli([...args, '-H', 'tcp://127.0.0.1:1'], io)).toBe(2);
    expect(err.at(-1)).toContain('leave out -H');
  });

  it('refuses a changed hop key, naming the hop, and never connects past it', async () => {
    const transport = await chainTransport(homeWithConfig());
    const [first, second] = lab.ssh.jumpPorts;
    const other = generateTestKey().publicKey.split(' ').slice(0, 2).join(' ');
    const knownHosts = knownHostsFor([lab.ssh.port, first!, second!], (port) => (port === second ? other : labHostKey()));
    const error = await probeDaemon(transport, { timeoutMs: 15_000, knownHosts, acceptNewHostKey: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SSH_HOST_KEY_CHANGED',
      prompt: { port: second, changed: true, jump: { number: 2, count: 2 } },
      message: expect.stringContaining(`the jump host ${lab.ssh.host}:${second} (hop 2 of 2`),
    });
    const tested = await testConnection(
      transport,
      { timeoutMs: 15_000, knownHosts },
      { fingerprint: lab.ssh.hostKeyFingerprint, persist: false },
    ).catch((e: unknown) => e);
    expect(tested).toMatchObject({ code: 'SSH_HOST_KEY_CHANGED' });
  });
});
