import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TempDirs } from '../../../test-support/service-fakes.js';
import { BerthError } from '../errors.js';
import { readCertificateFolder } from './certificate-folder.js';
import { completePath } from './path-completion.js';
import { expandTypedPath } from './typed-path.js';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n';

function home(): string {
  const dir = temp.make('berth-home-');
  mkdirSync(path.join(dir, 'certs', 'prod'), { recursive: true });
  mkdirSync(path.join(dir, '.ssh'));
  writeFileSync(path.join(dir, '.ssh', 'id_ed25519'), 'secret key text');
  writeFileSync(path.join(dir, 'certs', 'prod', 'ca.pem'), CERT);
  writeFileSync(path.join(dir, 'certs', 'prod', 'cert.pem'), CERT);
  writeFileSync(path.join(dir, 'certs', 'prod', 'key.pem'), KEY);
  writeFileSync(path.join(dir, 'cert-notes.txt'), 'x');
  symlinkSync(path.join(dir, 'certs', 'prod'), path.join(dir, 'certs-link'));
  return dir;
}

async function failure(promise: Promise<unknown>): Promise<BerthError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BerthError);
  return error as BerthError;
}

describe('expandTypedPath', () => {
  it('takes ~ and relative paths from the home folder and keeps a trailing separator', () => {
    expect(expandTypedPath('', '/home/op')).toBe('/home/op/');
    expect(expandTypedPath('~', '/home/op')).toBe('/home/op/');
    expect(expandTypedPath('~/.docker/', '/home/op')).toBe('/home/op/.docker/');
    expect(expandTypedPath('certs/ca', '/home/op')).toBe('/home/op/certs/ca');
    expect(expandTypedPath('/etc/../etc/docker', '/home/op')).toBe('/etc/docker');
  });
});

describe('completePath', () => {
  it('lists the entries that start with the typed name, folders first, names and kinds only', async () => {
    const dir = home();
    const result = await completePath('~/cert', { homeDir: dir });
    expect(result.folder).toBe(dir);
    expect(result.entries).toEqual([
      { name: 'certs', kind: 'folder', path: path.join(dir, 'certs') + path.sep },
      { name: 'certs-link', kind: 'folder', path: path.join(dir, 'certs-link') + path.sep },
      { name: 'cert-notes.txt', kind: 'file', path: path.join(dir, 'cert-notes.txt') },
    ]);
    expect(result.truncated).toBe(false);
    expect(JSON.stringify(result)).not.toMatch(/size|mtime|uid|BEGIN/);
  });

  it('lists a folder inside when the path ends with a separator, folders only on request', async () => {
    const dir = home();
    expect((await completePath(`${dir}/certs/prod/`, { homeDir: dir })).entries.map((entry) => entry.name)).toEqual([
      'ca.pem',
      'cert.pem',
      'key.pem',
    ]);
    expect((await completePath('~/', { homeDir: dir, foldersOnly: true })).entries.map((entry) => entry.name)).toEqual([
      'certs',
      'certs-link',
    ]);
  });

  it('shows dot entries only when the typed name starts with a dot', async () => {
    const dir = home();
    expect((await completePath('~/', { homeDir: dir })).entries.map((entry) => entry.name)).not.toContain('.ssh');
    expect((await completePath('~/.s', { homeDir: dir })).entries.map((entry) => entry.name)).toEqual(['.ssh']);
  });

  it('answers at most the limit, says so, and looks at a bounded number of entries', async () => {
    const dir = temp.make('berth-many-');
    for (let index = 0; index < 50; index += 1) writeFileSync(path.join(dir, `file-${String(index).padStart(2, '0')}`), '');
    const limited = await completePath(`${dir}/file-`, { homeDir: dir, limit: 10 });
    expect(limited.entries).toHaveLength(10);
    expect(limited.truncated).toBe(true);
    const scanned = await completePath(`${dir}/zzz`, { homeDir: dir, scanLimit: 20 });
    expect(scanned).toMatchObject({ entries: [], truncated: true });
  });

  it('says why a folder cannot be listed instead of failing', async () => {
    const dir = home();
    const result = await completePath('~/missing/x', { homeDir: dir });
    expect(result).toEqual({
      folder: path.join(dir, 'missing'),
      entries: [],
      truncated: false,
      problem: `${path.join(dir, 'missing')} cannot be listed: it does not exist.`,
    });
  });
});

describe('readCertificateFolder', () => {
  it('answers the paths of ca.pem, cert.pem and key.pem of a complete folder (typed with ~)', async () => {
    const dir = home();
    const folder = path.join(dir, 'certs', 'prod');
    expect(await readCertificateFolder('~/certs/prod/', dir)).toEqual({
      folder,
      ca: path.join(folder, 'ca.pem'),
      cert: path.join(folder, 'cert.pem'),
      key: path.join(folder, 'key.pem'),
    });
  });

  it('names every missing file in one message', async () => {
    const dir = home();
    mkdirSync(path.join(dir, 'partial'));
    writeFileSync(path.join(dir, 'partial', 'ca.pem'), CERT);
    const error = await failure(readCertificateFolder(path.join(dir, 'partial'), dir));
    expect(error.code).toBe('CERT_FOLDER_INCOMPLETE');
    expect(error.message).toContain(`${path.join(dir, 'partial')} has no cert.pem or key.pem`);
    expect(error.message).toContain('DOCKER_CERT_PATH');
  });

  it('says which file is unreadable or holds the wrong thing', async () => {
    const dir = home();
    const folder = path.join(dir, 'certs', 'prod');
    writeFileSync(path.join(folder, 'cert.pem'), KEY);
    mkdirSync(path.join(dir, 'certs', 'dir-key'));
    const swapped = await failure(readCertificateFolder(folder, dir));
    expect(swapped.code).toBe('CERT_FOLDER_INCOMPLETE');
    expect(swapped.message).toContain('cert.pem does not hold the client certificate in PEM form');
    if (process.getuid?.() !== 0) {
      chmodSync(path.join(folder, 'key.pem'), 0o000);
      expect((await failure(readCertificateFolder(folder, dir))).message).toContain('key.pem cannot be read (permission denied)');
    }
    const asDir = path.join(dir, 'as-dir');
    mkdirSync(path.join(asDir, 'key.pem'), { recursive: true });
    writeFileSync(path.join(asDir, 'ca.pem'), CERT);
    writeFileSync(path.join(asDir, 'cert.pem'), CERT);
    expect((await failure(readCertificateFolder(asDir, dir))).message).toContain('key.pem cannot be read (it is a directory)');
  });

  it('refuses a folder that does not exist, or a file given as the folder', async () => {
    const dir = home();
    const missing = await failure(readCertificateFolder('~/nope', dir));
    expect(missing.code).toBe('FILE_UNREADABLE');
    expect(missing.message).toContain('it does not exist');
    const file = await failure(readCertificateFolder('~/cert-notes.txt', dir));
    expect(file.message).toContain('is a file, not a folder');
  });
});
