import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync, chmodSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '../errors.js';
import { readContextArchive, writeContextArchive } from './context-archive.js';
import { contextFromTransport, transportFromContext } from './context-transport.js';
import { chooseContext } from './choose-context.js';
import { DockerContextStore, contextId, dockerConfigDir } from './docker-context-store.js';
import { readTar, writeTar } from './ustar.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-contexts-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  dirs.length = 0;
});

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error instanceof BerthError ? error.code : `not a BerthError: ${String(error)}`;
  }
  return 'no error';
}

const limits = { maxEntries: 8, maxEntryBytes: 1024, maxTotalBytes: 4096 };

describe('ustar', () => {
  it('reads back what it writes, modes and directories included', () => {
    const archive = writeTar([
      { name: 'meta.json', type: 'file', mode: 0o644, data: Buffer.from('{"a":1}') },
      { name: 'tls', type: 'directory', mode: 0o700, data: Buffer.alloc(0) },
    ]);
    expect(archive.length % 512).toBe(0);
    expect(readTar(archive, limits)).toEqual([
      { name: 'meta.json', type: 'file', mode: 0o644, data: Buffer.from('{"a":1}') },
      { name: 'tls', type: 'directory', mode: 0o700, data: Buffer.alloc(0) },
    ]);
  });

  it('reads an archive without the closing zero blocks, as the docker CLI writes them', () => {
    const archive = writeTar([{ name: 'meta.json', type: 'file', mode: 0o644, data: Buffer.from('x') }]);
    expect(readTar(archive.subarray(0, 1024), limits)).toHaveLength(1);
  });

  it('refuses links, damaged headers, truncation and oversized entries', () => {
    const link = writeTar([{ name: 'evil', type: 'file', mode: 0o644, data: Buffer.alloc(0) }]);
    link.write('2', 156, 1, 'latin1');
    let sum = 0;
    link.fill(' ', 148, 156);
    for (const byte of link.subarray(0, 512)) sum += byte;
    link.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
    expect(() => readTar(link, limits)).toThrow(/link or special file/);
    expect(() => readTar(Buffer.alloc(512, 7), limits)).toThrow(/not a tar archive/);
    const big = writeTar([{ name: 'big', type: 'file', mode: 0o644, data: Buffer.alloc(2000) }]);
    expect(() => readTar(big, limits)).toThrow(/larger than 1024/);
    expect(() => readTar(big.subarray(0, 1000), { ...limits, maxEntryBytes: 4096 })).toThrow(/truncated/);
  });
});

describe('the docker context store', () => {
  it('finds the config folder as the docker CLI does', () => {
    expect(dockerConfigDir({ DOCKER_CONFIG: '/cfg' }, '/home/u')).toBe('/cfg');
    expect(dockerConfigDir({}, '/home/u')).toBe(path.join('/home/u', '.docker'));
  });

  it('writes the layout and file modes the docker CLI uses, and reads it back', async () => {
    const dir = tempDir();
    const store = new DockerContextStore(dir);
    const written = await store.write({
      name: 'prod-1',
      description: 'the first',
      host: 'tcp://10.0.0.5:2376',
      tls: { ca: 'CA', cert: 'CERT', key: 'KEY' },
    });
    const id = contextId('prod-1');
    const metaDir = path.join(dir, 'contexts', 'meta', id);
    const tlsDir = path.join(dir, 'contexts', 'tls', id, 'docker');
    expect(statSync(metaDir).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(metaDir, 'meta.json')).mode & 0o777).toBe(0o644);
    expect(statSync(path.join(dir, 'contexts', 'tls', id)).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(tlsDir, 'key.pem')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path.join(metaDir, 'meta.json'), 'utf8'))).toEqual({
      Name: 'prod-1',
      Metadata: { Description: 'the first' },
      Endpoints: { docker: { Host: 'tcp://10.0.0.5:2376', SkipTLSVerify: false } },
    });
    expect(written).toEqual({
      name: 'prod-1',
      description: 'the first',
      host: 'tcp://10.0.0.5:2376',
      skipTlsVerify: false,
      tls: { ca: path.join(tlsDir, 'ca.pem'), cert: path.join(tlsDir, 'cert.pem'), key: path.join(tlsDir, 'key.pem') },
    });
    expect((await store.list()).contexts.map((context) => context.name)).toEqual(['prod-1']);
  });

  it('refuses to overwrite a context, a bad name and "default", leaving nothing behind', async () => {
    const dir = tempDir();
    const store = new DockerContextStore(dir);
    await store.write({ name: 'one', host: 'tcp://127.0.0.1:2375' });
    expect(await codeOf(store.write({ name: 'one', host: 'tcp://127.0.0.1:2376' }))).toBe('CONTEXT_EXISTS');
    expect(await codeOf(store.write({ name: 'default', host: 'tcp://127.0.0.1:2376' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(store.write({ name: '../x', host: 'tcp://127.0.0.1:2376' }))).toBe('INVALID_ARGUMENT');
    expect(readdirSync(path.join(dir, 'contexts', 'meta'))).toEqual([contextId('one')]);
    expect((await store.get('one')).host).toBe('tcp://127.0.0.1:2375');
  });

  it('reads currentContext, says which context is missing, and reports broken meta files', async () => {
    const dir = tempDir();
    const store = new DockerContextStore(dir);
    expect(await store.currentContext()).toBe('default');
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'labtcp' }));
    expect(await store.currentContext()).toBe('labtcp');
    expect(await codeOf(store.get('labtcp'))).toBe('CONTEXT_NOT_FOUND');
    mkdirSync(path.join(dir, 'contexts', 'meta', 'broken'), { recursive: true });
    writeFileSync(path.join(dir, 'contexts', 'meta', 'broken', 'meta.json'), '{not json');
    const { contexts, problems } = await store.list();
    expect(contexts).toEqual([]);
    expect(problems[0]).toMatch(/not valid JSON/);
  });
});

describe('contexts and transports', () => {
  const context = { name: 'c', host: 'tcp://127.0.0.1:2376', skipTlsVerify: false, tls: {} };

  it('turns tcp, unix and ssh contexts into the transports the docker CLI would use', async () => {
    expect(await transportFromContext(context)).toEqual({ type: 'tcp', host: '127.0.0.1', port: 2376 });
    expect(await transportFromContext({ ...context, host: '' })).toEqual({ type: 'unix', socketPath: '/var/run/docker.sock' });
    expect(await transportFromContext({ ...context, host: 'ssh://ops@build-01:2222' })).toMatchObject({
      type: 'ssh',
      user: 'ops',
      host: 'build-01',
      port: 2222,
    });
  });

  it('refuses SkipTLSVerify instead of weakening the check, and a named pipe off Windows', async () => {
    expect(await codeOf(transportFromContext({ ...context, skipTlsVerify: true }))).toBe('CONTEXT_SKIPS_TLS_VERIFY');
    expect(await codeOf(transportFromContext({ ...context, host: 'npipe:////./pipe/docker_engine' }, { platform: 'linux' }))).toBe(
      'CONTEXT_UNSUPPORTED',
    );
  });

  it('says which TLS file is missing or unreadable', async () => {
    const dir = tempDir();
    const ca = path.join(dir, 'ca.pem');
    writeFileSync(ca, 'x');
    const partial = transportFromContext({ ...context, tls: { ca } });
    await expect(partial).rejects.toThrow(/without cert\.pem and key\.pem/);
    const unreadable = path.join(dir, 'cert.pem');
    writeFileSync(unreadable, 'x');
    chmodSync(unreadable, 0o000);
    const gone = transportFromContext({ ...context, tls: { ca, cert: unreadable, key: path.join(dir, 'missing.pem') } });
    // root reads anything: the missing key file is what must be reported then
    await expect(gone).rejects.toThrow(/cannot be read/);
    expect(existsSync(path.join(dir, 'missing.pem'))).toBe(false);
  });

  it('writes a tcp host back as the context docker needs', async () => {
    expect(await contextFromTransport('x', { type: 'tcp', host: '10.0.0.5', port: 2375 })).toEqual({
      data: { name: 'x', host: 'tcp://10.0.0.5:2375' },
      notes: [],
    });
    const ssh = await contextFromTransport('y', {
      type: 'ssh',
      host: 'h',
      port: 22,
      user: 'u',
      auth: { method: 'key', keyPath: '/k' },
      remoteSocket: '/run/docker.sock',
    });
    expect(ssh.data.host).toBe('ssh://u@h:22');
    expect(ssh.notes.join(' ')).toMatch(/remote socket/);
  });
});

describe('.dockercontext archives', () => {
  it('round-trips a TLS context', () => {
    const data = {
      name: 'a',
      description: 'd',
      host: 'tcp://127.0.0.1:2376',
      skipTlsVerify: false,
      tls: { ca: 'CA', cert: 'CERT', key: 'KEY' },
    };
    expect(readContextArchive(writeContextArchive(data), 'renamed', 'a.dockercontext')).toEqual({ ...data, name: 'renamed' });
  });

  it('refuses an archive with paths outside its folder, or that is no archive at all', async () => {
    const escape = writeTar([
      { name: 'meta.json', type: 'file', mode: 0o644, data: Buffer.from('{"Name":"x","Endpoints":{}}') },
      { name: '../../etc/cron.d/evil', type: 'file', mode: 0o644, data: Buffer.from('x') },
    ]);
    expect(await codeOf(() => readContextArchive(escape, 'x', 'evil.dockercontext'))).toBe('CONTEXT_INVALID');
    expect(() => readContextArchive(escape, 'x', 'evil.dockercontext')).toThrow(/outside the archive's folder/);
    expect(await codeOf(() => readContextArchive(Buffer.from('hello world'), 'x', 'notes.txt'))).toBe('CONTEXT_INVALID');
    expect(await codeOf(() => readContextArchive(Buffer.from('PK\u0003\u0004rest', 'latin1'), 'x', 'k.zip'))).toBe('CONTEXT_UNSUPPORTED');
    const noMeta = writeTar([{ name: 'tls', type: 'directory', mode: 0o700, data: Buffer.alloc(0) }]);
    expect(() => readContextArchive(noMeta, 'x', 'empty.dockercontext')).toThrow(/no meta\.json/);
  });
});

describe('choosing the context like the docker client', () => {
  const current = async () => 'from-config';
  it('follows --context, -H, DOCKER_HOST, DOCKER_CONTEXT, config.json, in that order', async () => {
    expect(await chooseContext({ contextFlag: 'flag', env: { DOCKER_HOST: 'tcp://x:1' }, currentContext: current })).toBe('flag');
    expect(await chooseContext({ hostFlag: 'tcp://x:1', env: { DOCKER_CONTEXT: 'env' }, currentContext: current })).toBe('default');
    expect(await chooseContext({ env: { DOCKER_HOST: 'tcp://x:1', DOCKER_CONTEXT: 'env' }, currentContext: current })).toBe('default');
    expect(await chooseContext({ env: { DOCKER_CONTEXT: 'env' }, currentContext: current })).toBe('env');
    expect(await chooseContext({ env: {}, currentContext: current })).toBe('from-config');
  });
  it('refuses -H together with --context', async () => {
    expect(await codeOf(chooseContext({ contextFlag: 'a', hostFlag: 'tcp://x:1', env: {}, currentContext: current }))).toBe(
      'INVALID_ARGUMENT',
    );
  });
});
