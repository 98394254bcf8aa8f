import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfileDraft } from '../../../shared/host-view.js';
import { KnownHosts } from '../ssh/known-hosts.js';
import { ConfProfileStore } from '../store/conf-profile-store.js';
import { PassphraseSecretStore } from '../store/passphrase-secret-store.js';
import { MemorySecretStore, type SecretStore } from '../store/secret-store.js';
import { BerthService } from './berth-service.js';
import { createAppService } from './create-service.js';
import { FakeDaemon, TempDirs, recordPushes } from '../../../test-support/service-fakes.js';

const temp = new TempDirs();
const services: BerthService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  temp.cleanup();
});

const scrypt = { N: 2 ** 10, r: 8, p: 1 };
const MASTER = 'master passphrase 1';
const PASSWORD = 'MARKER-ssh-password-81c2';

const sshDraft: ProfileDraft = {
  id: 'ssh-1',
  name: 'ssh one',
  tags: [],
  transport: { type: 'ssh', host: '127.0.0.1', user: 'deploy', auth: { method: 'password', password: PASSWORD } },
};
const tcpDraft: ProfileDraft = { id: 'tcp-1', name: 'tcp one', tags: [], transport: { type: 'tcp', host: '127.0.0.1', port: 2375 } };

function newService(dataDir: string, secrets: SecretStore, daemon = new FakeDaemon()) {
  const profiles = new ConfProfileStore({ cwd: dataDir });
  const service = new BerthService({
    profiles,
    secrets,
    knownHosts: new KnownHosts({ file: path.join(dataDir, 'known_hosts') }),
    app: { version: '9.9.9', shell: 'electron' },
    env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    testHooks: {
      connections: { openConnection: daemon.open, heartbeatMs: 60_000, backoff: { initialMs: 5, maxMs: 20, random: () => 0.5 } },
    },
  });
  services.push(service);
  return { service, daemon };
}

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value;
}

describe('BerthService with a master passphrase', () => {
  it('starts locked: hosts with saved secrets wait, the others connect; unlocking connects them', async () => {
    const dir = temp.make();
    const first = new PassphraseSecretStore({ cwd: dir }, { scrypt });
    await first.setPassphrase(MASTER);
    const { service: before } = newService(dir, first);
    await ok(before.invoke('hosts:save', { draft: sshDraft }));
    await ok(before.invoke('hosts:save', { draft: tcpDraft }));
    await before.dispose();

    const { service, daemon } = newService(dir, new PassphraseSecretStore({ cwd: dir }, { scrypt }));
    const { messages } = recordPushes(service);
    const info = await ok(service.invoke('app:info', {}));
    expect(info).toMatchObject({ secretStorage: 'passphrase', masterPassphrase: 'locked' });
    const hosts = await ok(service.invoke('hosts:list', {}));
    expect(hosts.find((host) => host.profile.id === 'ssh-1')?.status).toMatchObject({ state: 'failed', error: { code: 'SECRETS_LOCKED' } });
    await expect.poll(() => daemon.opened.map((profile) => profile.id)).toEqual(['tcp-1']);

    // While locked: no new secret can be saved, a stored one cannot be used, a secret-less host can be saved.
    expect(await service.invoke('hosts:save', { draft: { ...tcpDraft, id: 'tcp-2', transport: sshDraft.transport } })).toMatchObject({
      ok: false,
      error: { code: 'SECRETS_LOCKED' },
    });
    const keepStored = { ...sshDraft, transport: { ...sshDraft.transport, auth: { method: 'password' as const, password: '' } } };
    expect(await service.invoke('hosts:test', { draft: keepStored })).toMatchObject({ ok: false, error: { code: 'SECRETS_LOCKED' } });
    expect(await service.invoke('hosts:retry', { hostId: 'ssh-1' })).toMatchObject({ ok: false, error: { code: 'SECRETS_LOCKED' } });
    await ok(service.invoke('hosts:save', { draft: { ...tcpDraft, id: 'tcp-3' } }));

    const wrong = await service.invoke('secrets:unlock', { passphrase: 'not the master passphrase' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'SECRETS_PASSPHRASE_WRONG' } });
    expect(JSON.stringify(wrong)).not.toContain('not the master passphrase');

    const unlocked = await ok(service.invoke('secrets:unlock', { passphrase: MASTER }));
    expect(unlocked).toMatchObject({ secretStorage: 'passphrase', masterPassphrase: 'unlocked' });
    expect(unlocked.warnings?.some((warning) => warning.code === 'SECRETS_LOCKED')).toBe(false);
    await expect
      .poll(() => daemon.opened.find((profile) => profile.id === 'ssh-1')?.transport)
      .toMatchObject({
        auth: { method: 'password', password: PASSWORD },
      });
    await expect
      .poll(() => messages.some((m) => m.channel === 'host:status' && m.payload.hostId === 'ssh-1' && m.payload.status.state === 'ready'))
      .toBe(true);
    expect(messages.some((m) => m.channel === 'hosts:changed')).toBe(true);
    // Unlocking twice is harmless.
    await ok(service.invoke('secrets:unlock', { passphrase: MASTER }));
  });

  it('sets a first master passphrase over an unprotected store, and changes it with the current one', async () => {
    const dir = temp.make();
    const fallback = new MemorySecretStore();
    const { service } = newService(dir, new PassphraseSecretStore({ cwd: dir }, { scrypt, fallback }));
    await ok(service.invoke('hosts:save', { draft: sshDraft }));
    expect(await ok(service.invoke('app:info', {}))).toMatchObject({ secretStorage: 'memory', masterPassphrase: 'not-set' });
    expect(await service.invoke('secrets:unlock', { passphrase: MASTER })).toMatchObject({ ok: false, error: { code: 'SECRETS_LOCKED' } });
    expect(await service.invoke('secrets:set-master-passphrase', { passphrase: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('passphrase') },
    });
    const set = await ok(service.invoke('secrets:set-master-passphrase', { passphrase: MASTER }));
    expect(set).toMatchObject({ secretStorage: 'passphrase', masterPassphrase: 'unlocked' });
    expect(await fallback.keys()).toEqual([]);
    const changedWrong = await service.invoke('secrets:set-master-passphrase', {
      passphrase: 'next passphrase',
      currentPassphrase: 'wrong one',
    });
    expect(changedWrong).toMatchObject({ ok: false, error: { code: 'SECRETS_PASSPHRASE_WRONG' } });
    await ok(service.invoke('secrets:set-master-passphrase', { passphrase: 'next passphrase', currentPassphrase: MASTER }));
    const reopened = new PassphraseSecretStore({ cwd: dir }, { scrypt });
    await reopened.unlock('next passphrase');
    expect(await reopened.get('host/ssh-1/ssh-password')).toBe(PASSWORD);
  });

  it('offers no master passphrase where secrets are in memory only or in the OS keyring', async () => {
    const { service } = newService(temp.make(), new MemorySecretStore());
    const info = await ok(service.invoke('app:info', {}));
    expect(info.masterPassphrase).toBeUndefined();
    expect(await service.invoke('secrets:unlock', { passphrase: MASTER })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('--persist-secrets') },
    });
    expect(await service.invoke('secrets:set-master-passphrase', { passphrase: MASTER })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });

  it('createAppService opens the vault with secretsPassphrase, and refuses a wrong one', async () => {
    const dataDir = temp.make();
    const options = { dataDir, shell: 'browser' as const, version: '0', useUserKnownHosts: false, secretsScrypt: scrypt };
    const created = await createAppService({ ...options, secretsPassphrase: MASTER });
    services.push(created);
    expect(await ok(created.invoke('app:info', {}))).toMatchObject({ secretStorage: 'passphrase', masterPassphrase: 'unlocked' });
    expect((await ok(created.invoke('app:info', {}))).warnings?.map((warning) => warning.code)).toEqual([]);
    await created.dispose();
    await expect(createAppService({ ...options, secretsPassphrase: 'not the master' })).rejects.toMatchObject({
      code: 'SECRETS_PASSPHRASE_WRONG',
    });
  });
});
