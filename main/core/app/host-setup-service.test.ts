import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDaemon, TempDirs, recordPushes } from '../../../test-support/service-fakes.js';
import { writeContextArchive } from '../contexts/context-archive.js';
import { DockerContextStore } from '../contexts/docker-context-store.js';
import { KnownHosts } from '../ssh/known-hosts.js';
import { ConfProfileStore } from '../store/conf-profile-store.js';
import { MemorySecretStore } from '../store/secret-store.js';
import { BerthService } from './berth-service.js';
import type { FileChooser } from './host-setup-service.js';

const temp = new TempDirs();
const services: BerthService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  temp.cleanup();
});

const KEY = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBerthTestKeyMaterialThatMustNotLeave\n-----END EC PRIVATE KEY-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function newService(options: { chooseFile?: FileChooser } = {}) {
  const dataDir = temp.make();
  const homeDir = temp.make('berth-home-');
  const dockerConfigDir = path.join(homeDir, '.docker');
  const daemon = new FakeDaemon();
  const service = new BerthService({
    profiles: new ConfProfileStore({ cwd: dataDir }),
    secrets: new MemorySecretStore(),
    knownHosts: new KnownHosts({ file: path.join(dataDir, 'known_hosts') }),
    app: { version: '9.9.9', shell: options.chooseFile ? 'electron' : 'browser' },
    homeDir,
    dockerConfigDir,
    ...(options.chooseFile && { chooseFile: options.chooseFile }),
    testHooks: { connections: { openConnection: daemon.open, heartbeatMs: 60_000 } },
  });
  services.push(service);
  return { service, homeDir, docker: new DockerContextStore(dockerConfigDir) };
}

describe('files:choose', () => {
  it('is Electron’s dialog, asked with the purpose the renderer named', async () => {
    const asked: unknown[] = [];
    const { service } = newService({
      chooseFile: async (request) => {
        asked.push(request);
        return '/home/op/certs';
      },
    });
    expect(await service.invoke('files:choose', { purpose: 'cert-folder' })).toEqual({ ok: true, value: { path: '/home/op/certs' } });
    expect(asked).toEqual([{ purpose: 'cert-folder' }]);
  });

  it('answers a clear NOT_IN_THIS_SHELL in the browser shell, and refuses a purpose it does not know', async () => {
    const { service } = newService();
    const reply = await service.invoke('files:choose', { purpose: 'key' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_IN_THIS_SHELL' } });
    expect(await service.invoke('files:choose', { purpose: 'anything' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('files:complete and certs:folder input', () => {
  it('refuses a NUL in a path and an empty folder', async () => {
    const { service } = newService();
    expect(await service.invoke('files:complete', { prefix: '/etc\0/x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('NUL') },
    });
    expect(await service.invoke('certs:folder', { path: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('completes from the home folder', async () => {
    const { service, homeDir } = newService();
    mkdirSync(path.join(homeDir, 'certs'));
    const reply = await service.invoke('files:complete', { prefix: 'ce' });
    expect(reply).toMatchObject({ ok: true, value: { entries: [{ name: 'certs', kind: 'folder' }] } });
  });
});

describe('contexts:list and contexts:import', () => {
  it('lists contexts with the current one, and saves one as a host whose key stays a path', async () => {
    const { service, homeDir, docker } = newService();
    await docker.write({ name: 'prod', host: 'tcp://127.0.0.1:2376', tls: { ca: CERT, cert: CERT, key: KEY } });
    await docker.write({ name: 'insecure', host: 'tcp://127.0.0.1:2376', skipTlsVerify: true });
    writeFileSync(path.join(homeDir, '.docker', 'config.json'), JSON.stringify({ currentContext: 'prod' }));
    const list = await service.invoke('contexts:list', {});
    expect(list.ok && list.value.contexts.map((context) => [context.name, context.current, context.tls, context.refusal?.code])).toEqual([
      ['insecure', false, 'skip-verify', 'CONTEXT_SKIPS_TLS_VERIFY'],
      ['prod', true, 'verified', undefined],
    ]);
    const saved = await service.invoke('contexts:import', { name: 'prod', tags: ['production'] });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.value.profile).toMatchObject({ name: 'prod', tags: ['production'], transport: { type: 'tls', key: { kind: 'path' } } });
    expect(JSON.stringify([list, saved])).not.toContain('BerthTestKeyMaterial');
  });

  it('says which context does not exist', async () => {
    const { service } = newService();
    expect(await service.invoke('contexts:import', { name: 'ghost' })).toMatchObject({ ok: false, error: { code: 'CONTEXT_NOT_FOUND' } });
  });
});

describe('importContextFile', () => {
  it('pushes a notice that names the file and the reason when it cannot be read', async () => {
    const { service, homeDir } = newService();
    const pushes = recordPushes(service);
    const file = path.join(homeDir, 'missing.dockercontext');
    expect(await service.importContextFile(file)).toBeUndefined();
    const notice = pushes.messages.find((message) => message.channel === 'app:notice');
    expect(notice?.payload).toMatchObject({ kind: 'context-import-failed', error: { code: 'FILE_UNREADABLE' } });
    expect((notice?.payload as { message: string }).message).toContain(file);
  });

  it('uses the context when the same file is opened again, and says so when a different one has its name', async () => {
    const { service, homeDir, docker } = newService();
    const file = path.join(homeDir, 'dup.dockercontext');
    writeFileSync(file, writeContextArchive({ name: 'dup', host: 'tcp://127.0.0.1:2375', tls: { ca: CERT, cert: CERT, key: KEY } }));
    const pushes = recordPushes(service);
    const first = await service.importContextFile(file);
    const again = await service.importContextFile(file);
    expect(first?.profile.name).toBe('dup');
    expect(again?.profile.name).toBe('dup');
    expect(again?.profile.id).not.toBe(first?.profile.id);

    await docker.write({ name: 'other', host: 'tcp://127.0.0.1:2375' });
    const different = path.join(homeDir, 'other.dockercontext');
    writeFileSync(different, writeContextArchive({ name: 'other', host: 'tcp://10.0.0.1:2375' }));
    expect(await service.importContextFile(different)).toBeUndefined();
    const notices = pushes.messages.flatMap((message) => (message.channel === 'app:notice' ? [message.payload] : []));
    expect(notices.map((notice) => notice.kind)).toEqual(['context-imported', 'context-imported', 'context-import-failed']);
    expect(notices[2]).toMatchObject({
      error: { code: 'CONTEXT_EXISTS', message: expect.stringContaining('A different docker context "other" exists already') },
    });
    // The context in the store is still the one that was there.
    expect((await docker.get('other')).host).toBe('tcp://127.0.0.1:2375');
  });
});
