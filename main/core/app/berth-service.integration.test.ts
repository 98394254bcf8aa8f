import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileDraft } from '../../../shared/host-view.js';
import type { HostStatus } from '../../../shared/snapshot.js';
import type { LabManifest } from '../../../e2e/lab/manifest.js';
import { requireLab } from '../../../e2e/support/lab-hosts.js';
import type { BerthService } from './berth-service.js';
import { testAppService } from '../../../test-support/test-service.js';
import { TempDirs, recordPushes } from '../../../test-support/service-fakes.js';

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

async function newService(env: Record<string, string> = {}) {
  const dataDir = temp.make('berth-service-lab-');
  const service = await testAppService(dataDir, {
    env,
    testHooks: { connections: { backoff: { initialMs: 200, maxMs: 2_000, random: Math.random } } },
  });
  services.push(service);
  return { service, dataDir };
}

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value;
}

function statusOf(messages: ReturnType<typeof recordPushes>['messages'], hostId: string): HostStatus['state'][] {
  return messages.flatMap((m) => (m.channel === 'host:status' && m.payload.hostId === hostId ? [m.payload.status.state] : []));
}

function sshDraft(auth: Extract<ProfileDraft['transport'], { type: 'ssh' }>['auth']): ProfileDraft {
  const transport = lab.daemons.ssh.transport;
  return { id: 'lab-ssh', name: 'lab ssh', tags: [], transport: { ...transport, auth } };
}

describe('BerthService against the lab', () => {
  it('saves a tcp host and pushes ready and a snapshot with the lab counts', async () => {
    const { service } = await newService();
    const pushes = recordPushes(service);
    await ok(service.invoke('hosts:save', { draft: { id: 'lab-tcp', name: 'lab tcp', tags: [], transport: lab.daemons.tcp.transport } }));
    await expect.poll(() => statusOf(pushes.messages, 'lab-tcp').includes('ready'), { timeout: 20_000 }).toBe(true);
    const snapshot = pushes.messages.findLast((m) => m.channel === 'host:snapshot');
    expect(snapshot?.channel === 'host:snapshot' && snapshot.payload.snapshot.counts).toEqual(lab.daemons.tcp.containers);
    expect(snapshot?.channel === 'host:snapshot' && snapshot.payload.snapshot.storage.driver).toBe(lab.daemons.tcp.driver);
    const [view] = await ok(service.invoke('hosts:list', {}));
    expect(view?.status.state).toBe('ready');
  });

  it('asks to confirm an unknown SSH host key, and connects once it is accepted', async () => {
    const { service, dataDir } = await newService();
    const pushes = recordPushes(service);
    await ok(service.invoke('hosts:save', { draft: sshDraft({ method: 'key', keyPath: lab.ssh.keyPath }) }));
    await expect.poll(() => statusOf(pushes.messages, 'lab-ssh').at(-1), { timeout: 20_000 }).toBe('needs-host-key-confirmation');
    const [waiting] = await ok(service.invoke('hosts:list', {}));
    expect(waiting?.status).toMatchObject({
      state: 'needs-host-key-confirmation',
      hostKey: { fingerprint: lab.ssh.hostKeyFingerprint, keyType: lab.ssh.hostKeyType, changed: false },
    });
    await ok(service.invoke('hosts:accept-host-key', { hostId: 'lab-ssh', persist: true }));
    await expect.poll(() => statusOf(pushes.messages, 'lab-ssh').at(-1), { timeout: 20_000 }).toBe('ready');
    expect(readFileSync(path.join(dataDir, 'known_hosts'), 'utf8')).toMatch(/ssh-ed25519 AAAA/);
  });

  it('never lets a password or passphrase reach the list, the pushes or the profile file', async () => {
    const { service, dataDir } = await newService();
    const pushes = recordPushes(service);
    await ok(service.invoke('hosts:save', { draft: sshDraft({ method: 'password', password: lab.ssh.password }) }));
    await expect.poll(() => statusOf(pushes.messages, 'lab-ssh').at(-1), { timeout: 20_000 }).toBe('needs-host-key-confirmation');
    await ok(service.invoke('hosts:accept-host-key', { hostId: 'lab-ssh', persist: false }));
    await expect.poll(() => statusOf(pushes.messages, 'lab-ssh').at(-1), { timeout: 20_000 }).toBe('ready');
    // Now with the encrypted key and its passphrase, through the same host.
    await ok(
      service.invoke('hosts:save', {
        draft: sshDraft({ method: 'key', keyPath: lab.ssh.encryptedKeyPath, passphrase: lab.ssh.keyPassphrase }),
      }),
    );
    await expect.poll(() => statusOf(pushes.messages, 'lab-ssh').at(-1), { timeout: 20_000 }).toBe('ready');
    const listed = await ok(service.invoke('hosts:list', {}));
    expect(listed[0]?.profile.transport).toMatchObject({ auth: { method: 'key', hasPassphrase: true } });
    const everything =
      JSON.stringify([listed, pushes.messages, await ok(service.invoke('app:info', {}))]) +
      readFileSync(path.join(dataDir, 'profiles.json'), 'utf8');
    expect(everything).not.toContain(lab.ssh.password);
    expect(everything).not.toContain(lab.ssh.keyPassphrase);
  });

  it('tests a TLS profile and returns the daemon version', async () => {
    const { service } = await newService();
    const result = await ok(
      service.invoke('hosts:test', { draft: { id: 'lab-tls', name: 'lab tls', tags: [], transport: lab.daemons.tls.transport } }),
    );
    expect(result).toEqual({
      serverVersion: expect.stringMatching(/^\d+\.\d+/),
      apiVersion: expect.stringMatching(/^1\.\d+$/),
      os: expect.any(String),
      driver: lab.daemons.tls.driver,
    });
    expect(await ok(service.invoke('hosts:list', {}))).toEqual([]);
  });

  it('tests a TLS profile with a client certificate the daemon does not trust and names the problem', async () => {
    const { service } = await newService();
    const transport = {
      ...lab.daemons.tls.transport,
      cert: { kind: 'path' as const, path: lab.tls.rogue.certPath },
      key: { kind: 'path' as const, path: lab.tls.rogue.keyPath },
    };
    const reply = await service.invoke('hosts:test', { draft: { id: 'rogue', name: 'rogue', tags: [], transport } });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toMatch(/^TLS_/);
  });

  it('tests an SSH host whose key is unknown: the host-key prompt, then the test once the operator accepts that key', async () => {
    const { service, dataDir } = await newService();
    const draft = sshDraft({ method: 'key', keyPath: lab.ssh.keyPath });
    const prompt = { hostKey: { fingerprint: lab.ssh.hostKeyFingerprint, keyType: lab.ssh.hostKeyType, changed: false } };
    expect(await ok(service.invoke('hosts:test', { draft }))).toMatchObject(prompt);
    // Another fingerprint than the one presented is not an acceptance of this key.
    const otherKey = { fingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', persist: true };
    expect(await ok(service.invoke('hosts:test', { draft, acceptHostKey: otherKey }))).toMatchObject(prompt);
    const once = { fingerprint: lab.ssh.hostKeyFingerprint, persist: false };
    expect(await ok(service.invoke('hosts:test', { draft, acceptHostKey: once }))).toMatchObject({
      serverVersion: expect.stringMatching(/^\d+\./),
    });
    const knownHosts = path.join(dataDir, 'known_hosts');
    expect(existsSync(knownHosts) ? readFileSync(knownHosts, 'utf8') : '').not.toMatch(/ssh-ed25519/);
  });

  it('tests an SSH host and trusts its key always when the operator says so', async () => {
    const { service, dataDir } = await newService();
    const draft = sshDraft({ method: 'key', keyPath: lab.ssh.keyPath });
    const always = { fingerprint: lab.ssh.hostKeyFingerprint, persist: true };
    expect(await ok(service.invoke('hosts:test', { draft, acceptHostKey: always }))).toMatchObject({ driver: lab.daemons.ssh.driver });
    expect(readFileSync(path.join(dataDir, 'known_hosts'), 'utf8')).toMatch(/ssh-ed25519 AAAA/);
    expect(await ok(service.invoke('hosts:test', { draft }))).toMatchObject({ driver: lab.daemons.ssh.driver });
  });

  it('detects the daemon DOCKER_HOST names', async () => {
    const { service } = await newService({ DOCKER_HOST: lab.daemons.tcp.endpoint });
    expect(await ok(service.invoke('local:detect', {}))).toEqual({
      endpoint: lab.daemons.tcp.endpoint,
      serverVersion: expect.stringMatching(/^\d+\.\d+/),
      transport: lab.daemons.tcp.transport,
    });
  });
});
