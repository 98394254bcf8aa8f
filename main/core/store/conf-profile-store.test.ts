import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfProfileStore, PROFILES_SCHEMA_VERSION } from './conf-profile-store.js';
import type { StoredProfile } from './profile-store.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-profiles-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const tcp: StoredProfile = { id: 'build-01', name: 'build 01', tags: ['ci'], transport: { type: 'tcp', host: '10.0.0.5', port: 2375 } };
const ssh: StoredProfile = {
  id: 'edge',
  name: 'edge',
  tags: [],
  transport: {
    type: 'ssh',
    host: 'edge.example',
    port: 22,
    user: 'deploy',
    auth: { method: 'password', hasPassword: true },
    remoteSocket: '/var/run/docker.sock',
  },
};
const tls: StoredProfile = {
  id: 'prod-db',
  name: 'prod db',
  tags: ['production'],
  transport: {
    type: 'tls',
    host: '10.0.0.9',
    port: 2376,
    ca: { kind: 'path', path: '/certs/ca.pem' },
    cert: { kind: 'path', path: '/certs/cert.pem' },
    key: { kind: 'stored' },
  },
};

function corruptFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => /^profiles\.corrupt-.*\.json$/.test(name));
}

describe('ConfProfileStore', () => {
  it('saves, lists in order, replaces in place, removes, and reads back after a restart', async () => {
    const dir = tempDir();
    const store = new ConfProfileStore({ cwd: dir });
    expect(await store.list()).toEqual([]);
    await store.save(tcp);
    await store.save(ssh);
    await store.save(tls);
    await store.save({ ...tcp, name: 'renamed' });
    expect((await store.list()).map((profile) => profile.name)).toEqual(['renamed', 'edge', 'prod db']);
    expect(await store.get('edge')).toEqual(ssh);
    expect(await store.remove('edge')).toBe(true);
    expect(await store.remove('edge')).toBe(false);

    const reopened = new ConfProfileStore({ cwd: dir });
    expect(await reopened.list()).toEqual([{ ...tcp, name: 'renamed' }, tls]);
    expect(reopened.warnings).toEqual([]);
  });

  it('keeps a host another process saved meanwhile (the CLI importing while the app runs)', async () => {
    const dir = tempDir();
    const app = new ConfProfileStore({ cwd: dir });
    await app.save(tcp);
    const cli = new ConfProfileStore({ cwd: dir });
    await cli.save(ssh);
    await app.save(tls);
    expect((await new ConfProfileStore({ cwd: dir }).list()).map((profile) => profile.id)).toEqual(['build-01', 'edge', 'prod-db']);
    expect(await app.remove('edge')).toBe(true);
    expect((await new ConfProfileStore({ cwd: dir }).list()).map((profile) => profile.id)).toEqual(['build-01', 'prod-db']);
  });

  it('records the schema version in the file and keeps it private (0600)', async () => {
    const dir = tempDir();
    const store = new ConfProfileStore({ cwd: dir });
    await store.save(tcp);
    const file = JSON.parse(readFileSync(store.file, 'utf8')) as { schemaVersion: number; profiles: unknown[] };
    expect(file.schemaVersion).toBe(PROFILES_SCHEMA_VERSION);
    expect(file.profiles).toEqual([tcp]);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
  });

  it('writes atomically: each write renames a new file over the old one and leaves no temp files', async () => {
    const dir = tempDir();
    const store = new ConfProfileStore({ cwd: dir });
    await store.save(tcp);
    const firstInode = statSync(store.file).ino;
    await store.save(ssh);
    const secondInode = statSync(store.file).ino;
    await store.remove('edge');
    // An in-place write keeps the inode; temp file + rename gives the path a new one each time.
    expect(secondInode).not.toBe(firstInode);
    expect(statSync(store.file).ino).not.toBe(secondInode);
    expect(readdirSync(dir)).toEqual(['profiles.json']);
  });

  it('drops secret fields that reach it by mistake instead of writing them', async () => {
    const dir = tempDir();
    const store = new ConfProfileStore({ cwd: dir });
    const leaky = {
      ...ssh,
      transport: { ...ssh.transport, auth: { method: 'password', hasPassword: true, password: 'hunter2-secret' } },
    } as unknown as StoredProfile;
    await store.save(leaky);
    expect(readFileSync(store.file, 'utf8')).not.toContain('hunter2-secret');
    expect(await store.get('edge')).toEqual(ssh);
  });

  it('moves a file that is not JSON aside and starts empty with a warning', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'profiles.json');
    writeFileSync(file, '{"schemaVersion":1,"profiles":[{"id":');
    const store = new ConfProfileStore({ cwd: dir });
    expect(await store.list()).toEqual([]);
    const aside = corruptFiles(dir);
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe('{"schemaVersion":1,"profiles":[{"id":');
    expect(store.warnings).toEqual([expect.objectContaining({ code: 'PROFILES_RECOVERED' })]);
    expect(store.warnings[0]!.message).toContain('not valid JSON');
    expect(store.warnings[0]!.message).toContain(aside[0]);
    // The store works again at once, and the next start is clean.
    await store.save(tcp);
    expect(new ConfProfileStore({ cwd: dir }).warnings).toEqual([]);
  });

  it('keeps the valid profiles of a partly invalid file, and the original aside', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'profiles.json');
    const original = JSON.stringify({
      schemaVersion: 1,
      profiles: [tcp, { id: 'bad id!', name: '', transport: { type: 'tcp', host: 'x', port: 99999 } }, tls, tcp],
    });
    writeFileSync(file, original);
    const store = new ConfProfileStore({ cwd: dir });
    expect(await store.list()).toEqual([tcp, tls]);
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]!.message).toMatch(/2 of its 4 profiles are not valid/);
    const aside = corruptFiles(dir);
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe(original);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ schemaVersion: 1, profiles: [tcp, tls] });
  });

  it('reads a profile saved with one jumpHost (before chains) as a one-hop jumpHosts list, with no warning', async () => {
    const dir = tempDir();
    const bastion = { host: 'bastion', port: 22, user: 'ops', auth: { method: 'key', keyPath: '/k', hasPassphrase: true } };
    const legacy = { ...ssh, transport: { ...ssh.transport, jumpHost: bastion } };
    writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ schemaVersion: 1, profiles: [legacy] }));
    const store = new ConfProfileStore({ cwd: dir });
    expect(await store.list()).toEqual([{ ...ssh, transport: { ...ssh.transport, jumpHosts: [bastion] } }]);
    expect(store.warnings).toEqual([]);
    expect(corruptFiles(dir)).toEqual([]);
  });

  it('sets aside a file written by a newer Berth instead of overwriting it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ schemaVersion: 99, profiles: [tcp] }));
    const store = new ConfProfileStore({ cwd: dir });
    expect(await store.list()).toEqual([]);
    expect(store.warnings[0]!.message).toContain('newer Berth');
    expect(corruptFiles(dir)).toHaveLength(1);
  });

  it('uses the file name it is given (electron-store-style `name`)', async () => {
    const dir = tempDir();
    const store = new ConfProfileStore({ cwd: dir, name: 'hosts' });
    await store.save(tcp);
    expect(readdirSync(dir)).toEqual(['hosts.json']);
  });
});
