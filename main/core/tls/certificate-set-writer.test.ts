import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertificateSet, generateCertificateSet } from './generate-certificate-set.js';
import { certificateSetFileNames, writeCertificateSet } from './certificate-set-writer.js';
import { parseSan } from './san.js';
import { makeTempDir } from '../../../test-support/tls-files.js';

const temp = makeTempDir();
afterAll(() => temp.remove());

let set: CertificateSet;
beforeAll(async () => {
  set = await generateCertificateSet({ sans: [parseSan('docker.example.com')], keyType: 'ec-p256', validityDays: 30 });
});

const names = ['ca.pem', 'ca-key.pem', 'server-cert.pem', 'server-key.pem', 'cert.pem', 'key.pem'];

describe('writeCertificateSet', () => {
  it("writes docker's six file names, 0400, in a new 0700 directory", async () => {
    const dir = path.join(temp.dir, 'fresh', 'certs');
    const written = await writeCertificateSet(dir, set, { overwrite: false });
    expect(written.map((file) => path.basename(file)).sort()).toEqual([...names].sort());
    expect(Object.values(certificateSetFileNames).sort()).toEqual([...names].sort());
    expect(readdirSync(dir).sort()).toEqual([...names].sort());
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of names) expect(statSync(path.join(dir, name)).mode & 0o777, name).toBe(0o400);
    expect(readFileSync(path.join(dir, 'ca.pem'), 'utf8')).toBe(set.caCert);
    expect(readFileSync(path.join(dir, 'key.pem'), 'utf8')).toBe(set.clientKey);
    expect(readFileSync(path.join(dir, 'server-key.pem'), 'utf8')).toBe(set.serverKey);
  });

  it('refuses to replace an existing set, naming the files, and leaves them alone', async () => {
    const dir = path.join(temp.dir, 'existing');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'ca.pem'), 'old ca');
    writeFileSync(path.join(dir, 'key.pem'), 'old key');
    writeFileSync(path.join(dir, 'unrelated.txt'), 'keep');
    const error = await writeCertificateSet(dir, set, { overwrite: false }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'TLS_FILES_EXIST', detail: { existing: ['ca.pem', 'key.pem'] } });
    expect((error as Error).message).toContain('already holds ca.pem, key.pem');
    expect((error as Error).message).toContain('--force');
    expect(readFileSync(path.join(dir, 'ca.pem'), 'utf8')).toBe('old ca');
    expect(readdirSync(dir).sort()).toEqual(['ca.pem', 'key.pem', 'unrelated.txt']);
  });

  it('replaces an existing set when asked, leaving no temporary files', async () => {
    const dir = path.join(temp.dir, 'overwrite');
    await writeCertificateSet(dir, set, { overwrite: false });
    const second = await generateCertificateSet({ sans: [parseSan('other.example.com')], keyType: 'ec-p256', validityDays: 30 });
    await writeCertificateSet(dir, second, { overwrite: true });
    expect(readFileSync(path.join(dir, 'server-cert.pem'), 'utf8')).toBe(second.serverCert);
    expect(readdirSync(dir).sort()).toEqual([...names].sort());
    for (const name of names) expect(statSync(path.join(dir, name)).mode & 0o777, name).toBe(0o400);
  });

  it('says clearly when the directory cannot be made (a file stands in the path)', async () => {
    const blocker = path.join(temp.dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    for (const dir of [path.join(blocker, 'certs'), blocker]) {
      const error = await writeCertificateSet(dir, set, { overwrite: false }).catch((caught: unknown) => caught);
      expect(error, dir).toMatchObject({ code: 'FILE_NOT_WRITABLE' });
      expect((error as Error).message).toContain(`Cannot write the certificates to ${dir}: a part of that path is a file, not a directory`);
    }
  });
});
