import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfileDraft } from '../../../shared/host-view.js';
import type { HostProfile } from '../../../shared/profile.js';
import { hostKeyError } from '../ssh/host-key-verifier.js';
import { KnownHosts } from '../ssh/known-hosts.js';
import { ConfProfileStore } from '../store/conf-profile-store.js';
import { MemorySecretStore } from '../store/secret-store.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { BerthService } from './berth-service.js';
import { TempDirs } from '../../../test-support/service-fakes.js';

const temp = new TempDirs();
const services: BerthService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  temp.cleanup();
});

function ed25519Blob(): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const key = randomBytes(32);
  const length = (n: number) => Buffer.from([0, 0, 0, n]);
  return Buffer.concat([length(type.length), type, length(key.length), key]);
}

const draft: ProfileDraft = {
  id: 'edge',
  name: 'edge-gw-02',
  tags: [],
  transport: { type: 'ssh', host: '203.0.113.7', port: 2222, user: 'deploy', auth: { method: 'agent' } },
};

async function setup(check: 'changed' | 'revoked' | 'unknown') {
  const dataDir = temp.make();
  const knownHosts = new KnownHosts({ file: path.join(dataDir, 'known_hosts') });
  const onRecord = ed25519Blob();
  await knownHosts.trust('203.0.113.7', 2222, 'ssh-ed25519', onRecord, { persist: true });
  const attempts: HostProfile[] = [];
  const presented = { host: '203.0.113.7', port: 2222, keyType: 'ssh-ed25519', keyBlob: ed25519Blob() };
  const open = async (profile: HostProfile): Promise<DockerConnection> => {
    attempts.push(profile);
    const state = attempts.length === 1 ? check : 'unknown';
    throw hostKeyError(
      state === 'changed'
        ? { status: 'changed', knownFingerprint: 'SHA256:old', knownKeyType: 'ssh-ed25519', file: knownHosts.file, line: 1 }
        : state === 'revoked'
          ? { status: 'revoked', file: knownHosts.file, line: 1 }
          : { status: 'unknown' },
      presented,
      knownHosts.file,
    );
  };
  const service = new BerthService({
    profiles: new ConfProfileStore({ cwd: dataDir }),
    secrets: new MemorySecretStore(),
    knownHosts,
    app: { version: '9.9.9', shell: 'browser' },
    testHooks: {
      connections: { openConnection: open, heartbeatMs: 60_000 },
      tls: { health: { recheckMs: 0 } },
    },
  });
  services.push(service);
  await service.invoke('hosts:save', { draft });
  return { service, knownHosts, attempts };
}

const stateOf = async (service: BerthService) => {
  const reply = await service.invoke('hosts:list', {});
  return reply.ok ? reply.value[0]?.status.state : undefined;
};

describe('hosts:forget-host-key', () => {
  it('forgets a changed key on record and connects again, so the new key is up for review', async () => {
    const { service, knownHosts, attempts } = await setup('changed');
    await expect.poll(() => stateOf(service)).toBe('failed');
    expect(readFileSync(knownHosts.file, 'utf8')).toMatch(/ssh-ed25519/);
    expect(await service.invoke('hosts:forget-host-key', { hostId: 'edge' })).toEqual({ ok: true, value: { removed: 1 } });
    expect(readFileSync(knownHosts.file, 'utf8')).not.toMatch(/ssh-ed25519/);
    await expect.poll(() => stateOf(service)).toBe('needs-host-key-confirmation');
    expect(attempts).toHaveLength(2);
  });

  it('refuses a host whose key did not change, and a revoked key', async () => {
    const unknown = await setup('unknown');
    await expect.poll(() => stateOf(unknown.service)).toBe('needs-host-key-confirmation');
    expect(await unknown.service.invoke('hosts:forget-host-key', { hostId: 'edge' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('nothing to forget') },
    });
    const revoked = await setup('revoked');
    await expect.poll(() => stateOf(revoked.service)).toBe('failed');
    expect(await revoked.service.invoke('hosts:forget-host-key', { hostId: 'edge' })).toMatchObject({
      ok: false,
      error: { code: 'SSH_HOST_KEY_CHANGED', message: expect.stringContaining('revoked') },
    });
    expect(readFileSync(revoked.knownHosts.file, 'utf8')).toMatch(/ssh-ed25519/);
    expect(await revoked.service.invoke('hosts:forget-host-key', { hostId: 'nope' })).toMatchObject({ ok: false });
  });
});
