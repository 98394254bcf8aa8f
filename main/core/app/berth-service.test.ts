import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invokeChannels } from '../../../shared/contract.js';
import type { ProfileDraft } from '../../../shared/host-view.js';
import { KnownHosts } from '../ssh/known-hosts.js';
import { ConfProfileStore } from '../store/conf-profile-store.js';
import { MemorySecretStore, type SecretStore } from '../store/secret-store.js';
import { BerthService } from './berth-service.js';
import type { AnyPushMessage } from './push-queue.js';
import { FakeDaemon, TempDirs, recordPushes } from '../../../test-support/service-fakes.js';

const temp = new TempDirs();
const services: BerthService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  temp.cleanup();
});

const PASSWORD = 'hunter2-very-secret';
const PASSPHRASE = 'jump-passphrase-42';
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';

const tcpDraft: ProfileDraft = { id: 'tcp-1', name: 'tcp one', tags: [], transport: { type: 'tcp', host: '127.0.0.1', port: 2375 } };
const sshDraft: ProfileDraft = {
  id: 'ssh-1',
  name: 'ssh one',
  tags: ['production'],
  transport: {
    type: 'ssh',
    host: 'edge.example',
    user: 'deploy',
    auth: { method: 'password', password: PASSWORD },
    jumpHosts: [{ host: 'bastion.example', user: 'jump', auth: { method: 'key', keyPath: '/keys/id', passphrase: PASSPHRASE } }],
  },
};
const tlsDraft: ProfileDraft = {
  id: 'tls-1',
  name: 'tls one',
  tags: [],
  transport: {
    type: 'tls',
    host: '10.0.0.9',
    ca: { kind: 'path', path: '/certs/ca.pem' },
    cert: { kind: 'path', path: '/certs/cert.pem' },
    key: { kind: 'pem', pem: PEM },
  },
};

function newService(dataDir = temp.make(), secrets: SecretStore = new MemorySecretStore(), daemon = new FakeDaemon()) {
  const profiles = new ConfProfileStore({ cwd: dataDir });
  const service = new BerthService({
    profiles,
    secrets,
    knownHosts: new KnownHosts({ file: path.join(dataDir, 'known_hosts') }),
    app: { version: '9.9.9', shell: 'browser' },
    warnings: profiles.warnings,
    env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    testHooks: {
      connections: { openConnection: daemon.open, heartbeatMs: 60_000, backoff: { initialMs: 5, maxMs: 20, random: () => 0.5 } },
      detectTimeoutMs: 500,
    },
  });
  services.push(service);
  return { service, daemon, dataDir, profilesFile: profiles.file };
}

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value;
}

describe('BerthService input validation', () => {
  it.each(invokeChannels)('%s refuses malformed input with INVALID_ARGUMENT, never a throw', async (channel) => {
    const { service } = newService();
    for (const input of [null, 'text', 42, [], { unexpected: true }]) {
      const reply = await service.invoke(channel, input);
      expect(reply).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining(channel) } });
    }
  });

  it('names the field and the problem', async () => {
    const { service } = newService();
    const reply = await service.invoke('hosts:save', {
      draft: { ...tcpDraft, transport: { type: 'tcp', host: '127.0.0.1', port: 70000 } },
    });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.message).toMatch(/^hosts:save: draft\.transport\.port: Too big/);
    const badId = await service.invoke('hosts:remove', { hostId: 'no spaces allowed' });
    expect(!badId.ok && badId.error.message).toMatch(/hostId/);
  });

  it('refuses unknown channels', async () => {
    const { service } = newService();
    expect(await service.invoke('hosts:drop-table', {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await service.invoke(undefined, {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await service.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('answers a host id it does not know with INVALID_ARGUMENT', async () => {
    const { service } = newService();
    for (const channel of ['hosts:remove', 'hosts:retry', 'hosts:snapshot', 'hosts:refresh', 'hosts:reject-host-key'] as const) {
      expect(await service.invoke(channel, { hostId: 'ghost' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });
});

describe('BerthService hosts', () => {
  it('saves a host, connects it, and pushes the list, its status and its snapshot', async () => {
    const { service } = newService();
    const { messages } = recordPushes(service);
    const view = await ok(service.invoke('hosts:save', { draft: tcpDraft }));
    expect(view.profile).toEqual({ ...tcpDraft, transport: { type: 'tcp', host: '127.0.0.1', port: 2375 } });
    await expect.poll(() => messages.some((m) => m.channel === 'host:status' && m.payload.status.state === 'ready')).toBe(true);
    const snapshot = messages.find((m) => m.channel === 'host:snapshot');
    expect(snapshot?.channel === 'host:snapshot' && snapshot.payload.snapshot.counts).toEqual({
      total: 2,
      running: 1,
      paused: 0,
      stopped: 1,
    });
    expect(messages.find((m) => m.channel === 'hosts:changed')).toBeDefined();
    const [listed] = await ok(service.invoke('hosts:list', {}));
    expect(listed?.status.state).toBe('ready');
    expect(listed?.lastSeenAt).toEqual(expect.any(Number));
    expect(await ok(service.invoke('hosts:snapshot', { hostId: 'tcp-1' }))).toMatchObject({ hostId: 'tcp-1' });
    expect(await ok(service.invoke('hosts:refresh', { hostId: 'tcp-1' }))).toMatchObject({ hostId: 'tcp-1' });
  });

  it('keeps secrets out of the profile file, the list, the pushes and the replies, but gives them to the connection', async () => {
    const { service, daemon, profilesFile } = newService();
    const { messages } = recordPushes(service);
    const saved = [
      await ok(service.invoke('hosts:save', { draft: sshDraft })),
      await ok(service.invoke('hosts:save', { draft: tlsDraft })),
    ];
    const listed = await ok(service.invoke('hosts:list', {}));
    await expect.poll(() => daemon.opened.length).toBe(2);
    const outgoing = JSON.stringify([saved, listed, messages]) + readFileSync(profilesFile, 'utf8');
    for (const secret of [PASSWORD, PASSPHRASE, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7']) {
      expect(outgoing).not.toContain(secret);
    }
    expect(listed.map((host) => host.profile.transport)).toEqual([
      expect.objectContaining({
        auth: { method: 'password', hasPassword: true },
        jumpHosts: [expect.objectContaining({ auth: { method: 'key', keyPath: '/keys/id', hasPassphrase: true } })],
      }),
      expect.objectContaining({ key: { kind: 'stored' } }),
    ]);
    const ssh = daemon.opened.find((profile) => profile.id === 'ssh-1');
    expect(ssh?.transport).toMatchObject({ auth: { password: PASSWORD }, jumpHosts: [{ auth: { passphrase: PASSPHRASE } }] });
    expect(daemon.opened.find((profile) => profile.id === 'tls-1')?.transport).toMatchObject({ key: { kind: 'pem', pem: PEM } });
  });

  it('keeps stored secrets when a draft leaves them out, and drops them when told to', async () => {
    const secrets = new MemorySecretStore();
    const { service, daemon } = newService(undefined, secrets);
    await ok(service.invoke('hosts:save', { draft: sshDraft }));
    await ok(service.invoke('hosts:save', { draft: tlsDraft }));
    // The form sends back what it was shown: no password, no passphrase, a stored key.
    const edited = {
      ...sshDraft,
      name: 'renamed',
      transport: {
        ...sshDraft.transport,
        auth: { method: 'password', password: '' },
        jumpHosts: [{ host: 'bastion.example', user: 'jump', auth: { method: 'key', keyPath: '/keys/id' } }],
      },
    } as ProfileDraft;
    await ok(service.invoke('hosts:save', { draft: edited }));
    await ok(
      service.invoke('hosts:save', {
        draft: { ...tlsDraft, transport: { ...tlsDraft.transport, key: { kind: 'stored' } } } as ProfileDraft,
      }),
    );
    await expect.poll(() => daemon.opened.length).toBe(4);
    expect(daemon.opened[2]?.transport).toMatchObject({ auth: { password: PASSWORD }, jumpHosts: [{ auth: { passphrase: PASSPHRASE } }] });
    expect(daemon.opened[3]?.transport).toMatchObject({ key: { kind: 'pem', pem: PEM } });

    await ok(service.invoke('hosts:save', { draft: { ...edited, keepStoredSecrets: false } }));
    expect(await secrets.get('host/ssh-1/ssh-password')).toBeUndefined();
    expect(await secrets.get('host/ssh-1/jump-passphrase')).toBeUndefined();
    const [view] = await ok(service.invoke('hosts:list', {}));
    expect(view?.profile.transport).toMatchObject({ auth: { method: 'password', hasPassword: false } });

    const noKey = await service.invoke('hosts:save', {
      draft: { ...tlsDraft, id: 'tls-2', transport: { ...tlsDraft.transport, key: { kind: 'stored' } } } as ProfileDraft,
    });
    expect(noKey).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('No pasted client key') },
    });
  });

  it('removes a host with its secrets and tells every client', async () => {
    const secrets = new MemorySecretStore();
    const { service } = newService(undefined, secrets);
    await ok(service.invoke('hosts:save', { draft: sshDraft }));
    const { messages } = recordPushes(service);
    expect(await ok(service.invoke('hosts:remove', { hostId: 'ssh-1' }))).toBeNull();
    expect(await ok(service.invoke('hosts:list', {}))).toEqual([]);
    expect(await secrets.get('host/ssh-1/ssh-password')).toBeUndefined();
    expect(messages.at(-1)).toEqual({ channel: 'hosts:changed', payload: { hosts: [] } });
  });

  it('reconnects saved hosts on the next start, with their secrets put back', async () => {
    const dataDir = temp.make();
    const secrets = new MemorySecretStore();
    const first = newService(dataDir, secrets);
    await ok(first.service.invoke('hosts:save', { draft: sshDraft }));
    await first.service.dispose();
    const second = newService(dataDir, secrets);
    await second.service.start();
    await expect.poll(() => second.daemon.opened.length).toBe(1);
    expect(second.daemon.opened[0]?.transport).toMatchObject({ auth: { password: PASSWORD } });
    expect((await ok(second.service.invoke('app:info', {}))).warnings).toEqual([]);
  });

  it('tells the operator when secrets were lost, and fails a host whose pasted key is gone', async () => {
    const dataDir = temp.make();
    const first = newService(dataDir, new MemorySecretStore());
    await ok(first.service.invoke('hosts:save', { draft: sshDraft }));
    await ok(first.service.invoke('hosts:save', { draft: tlsDraft }));
    await first.service.dispose();
    const { service } = newService(dataDir, new MemorySecretStore());
    const info = await ok(service.invoke('app:info', {}));
    expect(info.warnings?.map((warning) => warning.code)).toEqual(['SECRET_UNREADABLE']);
    expect(info.warnings?.[0]?.message).toMatch(/ssh one.*SSH password and jump host key passphrase/);
    const tls = (await ok(service.invoke('hosts:list', {}))).find((host) => host.profile.id === 'tls-1');
    expect(tls?.status).toMatchObject({ state: 'failed', error: { code: 'TLS_INVALID_PEM' } });
    expect(tls?.profile.transport).toMatchObject({ key: { kind: 'stored' } });
    expect(await ok(service.invoke('hosts:snapshot', { hostId: 'tls-1' }))).toBeNull();
    expect(await service.invoke('hosts:refresh', { hostId: 'tls-1' })).toMatchObject({ ok: false, error: { code: 'TLS_INVALID_PEM' } });
    expect(await service.invoke('hosts:retry', { hostId: 'tls-1' })).toMatchObject({ ok: false, error: { code: 'TLS_INVALID_PEM' } });
  });

  it('does not connect without a lost secret: SECRET_MISSING names it, and the secret given back connects', async () => {
    const dataDir = temp.make();
    const first = newService(dataDir, new MemorySecretStore());
    await ok(first.service.invoke('hosts:save', { draft: sshDraft }));
    await first.service.dispose();
    const { service, daemon } = newService(dataDir, new MemorySecretStore());
    await service.start();
    const [ssh] = await ok(service.invoke('hosts:list', {}));
    expect(ssh?.status).toMatchObject({ state: 'failed', error: { code: 'SECRET_MISSING' } });
    if (ssh?.status.state === 'failed') expect(ssh.status.error.message).toMatch(/SSH password and jump host key passphrase/);
    expect(ssh?.missingSecrets).toEqual(['ssh-password', 'jump-passphrase']);
    expect(await service.invoke('hosts:retry', { hostId: 'ssh-1' })).toMatchObject({ ok: false, error: { code: 'SECRET_MISSING' } });
    expect(daemon.opened).toHaveLength(0);

    await ok(service.invoke('hosts:provide-secret', { hostId: 'ssh-1', role: 'ssh-password', value: PASSWORD }));
    const [waiting] = await ok(service.invoke('hosts:list', {}));
    expect(waiting?.missingSecrets).toEqual(['jump-passphrase']);
    expect(daemon.opened).toHaveLength(0);
    await ok(service.invoke('hosts:provide-secret', { hostId: 'ssh-1', role: 'jump-passphrase', value: PASSPHRASE }));
    await expect.poll(() => daemon.opened.length).toBe(1);
    expect(daemon.opened[0]?.transport).toMatchObject({ auth: { password: PASSWORD }, jumpHosts: [{ auth: { passphrase: PASSPHRASE } }] });
    const [restored] = await ok(service.invoke('hosts:list', {}));
    expect(restored?.missingSecrets).toBeUndefined();
    expect(await service.invoke('hosts:provide-secret', { hostId: 'ssh-1', role: 'tls-key', value: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });

  it('scrubs known secrets from error messages', async () => {
    const { service } = newService();
    await ok(service.invoke('hosts:save', { draft: sshDraft }));
    const reply = await service.invoke('endpoint:parse', { url: `bogus://${PASSWORD}` });
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).not.toContain(PASSWORD);
    expect(JSON.stringify(reply)).toContain('[secret]');
  });
});

describe('BerthService pushes', () => {
  it('queues pushes until the client is ready, keeping only the latest snapshot per host', async () => {
    const { service } = newService();
    const messages: AnyPushMessage[] = [];
    const client = service.attachClient((message) => messages.push(message));
    await ok(service.invoke('hosts:save', { draft: tcpDraft }));
    await expect.poll(async () => (await ok(service.invoke('hosts:list', {})))[0]?.status.state).toBe('ready');
    await ok(service.invoke('hosts:refresh', { hostId: 'tcp-1' }));
    expect(messages).toEqual([]);
    client.ready();
    expect(messages[0]?.channel).toBe('hosts:changed');
    const snapshots = messages.filter((m) => m.channel === 'host:snapshot');
    expect(snapshots).toHaveLength(1);
    expect(messages.filter((m) => m.channel === 'host:status').map((m) => m.channel === 'host:status' && m.payload.status.state)).toEqual([
      'connecting',
      'ready',
    ]);
  });

  it('starts a late client with the current status and snapshot of every host', async () => {
    const { service } = newService();
    await ok(service.invoke('hosts:save', { draft: tcpDraft }));
    await expect.poll(async () => (await ok(service.invoke('hosts:list', {})))[0]?.status.state).toBe('ready');
    const { messages } = recordPushes(service);
    expect(messages.map((m) => m.channel)).toEqual(['host:status', 'host:snapshot']);
  });
});

describe('BerthService other channels', () => {
  it('parses endpoints into form fields', async () => {
    const { service } = newService();
    expect(await ok(service.invoke('endpoint:parse', { url: 'ssh://deploy@build-01:2222' }))).toEqual({
      transport: {
        type: 'ssh',
        host: 'build-01',
        port: 2222,
        user: 'deploy',
        auth: { method: 'agent' },
        remoteSocket: '/var/run/docker.sock',
      },
    });
    expect(await service.invoke('endpoint:parse', { url: 'ftp://x' })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_SCHEME' } });
  });

  it('reports app facts and start-up warnings', async () => {
    const { service } = newService();
    expect(await ok(service.invoke('app:info', {}))).toEqual({
      version: '9.9.9',
      platform: process.platform,
      secretStorage: 'memory',
      shell: 'browser',
      warnings: [],
    });
  });

  it('detects no local daemon when nothing answers', async () => {
    const { service } = newService();
    expect(await ok(service.invoke('local:detect', {}))).toBeNull();
  });

  it('tests a draft and returns the specific error', async () => {
    const { service } = newService();
    const port = await closedPort();
    const reply = await service.invoke('hosts:test', { draft: { ...tcpDraft, transport: { type: 'tcp', host: '127.0.0.1', port } } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONNECTION_REFUSED' } });
  });

  it('answers nothing but an error once disposed', async () => {
    const { service } = newService();
    await service.dispose();
    expect(await service.invoke('hosts:list', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Berth is shutting down.' } });
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
