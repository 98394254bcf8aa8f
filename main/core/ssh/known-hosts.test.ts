import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Fingerprint } from './fingerprint.js';
import { hashHostName, knownHostsName, matchPattern, matchPatternList, parseKnownHosts } from './known-hosts-format.js';
import { KnownHosts } from './known-hosts.js';

function sshString(value: Buffer | string): Buffer {
  const body = typeof value === 'string' ? Buffer.from(value) : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}

/** A syntactically valid ed25519 public key blob; `seed` picks the key. */
function ed25519(seed: number): Buffer {
  return Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.alloc(32, seed))]);
}

function ecdsa(seed: number): Buffer {
  return Buffer.concat([sshString('ecdsa-sha2-nistp256'), sshString('nistp256'), sshString(Buffer.alloc(65, seed))]);
}

const line = (hosts: string, blob: Buffer, type = 'ssh-ed25519') => `${hosts} ${type} ${blob.toString('base64')}`;

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-kh-'));
  file = join(dir, 'berth', 'known_hosts');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function withLines(...lines: string[]): KnownHosts {
  const path = join(dir, 'extra_known_hosts');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return new KnownHosts({ file, extraFiles: [path] });
}

describe('knownHostsName', () => {
  it('is the bare host on port 22 and [host]:port elsewhere, lower-cased', () => {
    expect(knownHostsName('Example.COM', 22)).toBe('example.com');
    expect(knownHostsName('127.0.0.1', 22220)).toBe('[127.0.0.1]:22220');
  });
});

describe('pattern matching', () => {
  it('supports * and ? wildcards, case-insensitively', () => {
    expect(matchPattern('web1.example.com', '*.example.com')).toBe(true);
    expect(matchPattern('example.com', '*.example.com')).toBe(false);
    expect(matchPattern('web1', 'web?')).toBe(true);
    expect(matchPattern('web12', 'web?')).toBe(false);
    expect(matchPattern('abc', '*')).toBe(true);
    expect(matchPattern('', '*')).toBe(true);
    expect(matchPattern('aXbXc', 'a*b*c')).toBe(true);
    expect(matchPatternList('WEB1.example.com', ['*.EXAMPLE.com'])).toBe(true);
  });

  it('lets a negated pattern veto the whole list', () => {
    expect(matchPatternList('db.example.com', ['*.example.com', '!db.example.com'])).toBe(false);
    expect(matchPatternList('web.example.com', ['*.example.com', '!db.example.com'])).toBe(true);
    expect(matchPatternList('web.example.com', ['!db.example.com'])).toBe(false);
  });
});

describe('parseKnownHosts', () => {
  it('skips comments, blank lines and corrupt lines, keeping line numbers', () => {
    const text = [
      '# comment',
      '',
      line('a', ed25519(1)),
      'garbage',
      'b ssh-ed25519 !!!notbase64!!!',
      `c ssh-rsa ${ed25519(2).toString('base64')}`, // type does not match the blob
      '|1|short|hash ssh-ed25519 AAAA',
      `@bogus d ssh-ed25519 ${ed25519(3).toString('base64')}`,
      `  ${line('e,f', ed25519(4))} a comment with spaces`,
      '\u0000\u0001binary',
    ].join('\r\n');
    const entries = parseKnownHosts(text);
    expect(entries.map((entry) => entry.line)).toEqual([3, 9]);
    expect(entries[1]?.hosts).toEqual({ kind: 'patterns', patterns: ['e', 'f'] });
  });
});

describe('KnownHosts.check', () => {
  it('reports unknown when no file exists', async () => {
    const known = new KnownHosts({ file, extraFiles: [join(dir, 'missing')] });
    expect(await known.check('host', 22, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'unknown' });
  });

  it("consults a host's UserKnownHostsFile through a view that shares session keys, and skips what is no file", async () => {
    const base = new KnownHosts({ file });
    await base.trust('session-host', 22, 'ssh-ed25519', ed25519(3), { persist: false });
    const extra = join(dir, 'user_known_hosts');
    writeFileSync(extra, `${line('[bastion]:2222', ed25519(4))}\n`);
    const view = base.withReadOnlyFiles([extra, '/dev/zero', join(dir, 'missing')]);
    expect(view.extraFiles).toEqual([extra, '/dev/zero', join(dir, 'missing')]);
    expect(await view.check('bastion', 2222, 'ssh-ed25519', ed25519(4))).toEqual({ status: 'known' });
    expect(await view.check('session-host', 22, 'ssh-ed25519', ed25519(3))).toEqual({ status: 'known' });
    expect(await base.check('bastion', 2222, 'ssh-ed25519', ed25519(4))).toEqual({ status: 'unknown' });
    expect(base.withReadOnlyFiles([])).toBe(base);
  });

  it('finds plain entries, comma lists and [host]:port entries', async () => {
    const known = withLines(line('alpha,beta', ed25519(1)), line('[127.0.0.1]:22220', ed25519(2)));
    expect(await known.check('beta', 22, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'known' });
    expect(await known.check('127.0.0.1', 22220, 'ssh-ed25519', ed25519(2))).toEqual({ status: 'known' });
    // [host]:port entries do not apply to port 22, nor bare entries to other ports.
    expect(await known.check('127.0.0.1', 22, 'ssh-ed25519', ed25519(2))).toEqual({ status: 'unknown' });
    expect(await known.check('alpha', 2222, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'unknown' });
  });

  it('finds hashed entries, including those hashed by ssh-keygen -H', async () => {
    const known = withLines(line(hashHostName('[127.0.0.1]:22220'), ed25519(1)));
    expect(await known.check('127.0.0.1', 22220, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'known' });
    expect(await known.check('127.0.0.2', 22220, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'unknown' });

    const plain = join(dir, 'to_hash');
    writeFileSync(plain, `${line('[myhost]:2200', ed25519(5))}\n${line('other', ed25519(6))}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', plain], { stdio: 'ignore' });
    expect(readFileSync(plain, 'utf8')).toMatch(/^\|1\|/);
    const hashed = new KnownHosts({ file, extraFiles: [plain] });
    expect(await hashed.check('myhost', 2200, 'ssh-ed25519', ed25519(5))).toEqual({ status: 'known' });
    expect(await hashed.check('other', 22, 'ssh-ed25519', ed25519(6))).toEqual({ status: 'known' });
  });

  it('honours wildcards and negation', async () => {
    const known = withLines(line('*.example.com,!db.example.com', ed25519(1)), line('web?', ed25519(2)));
    expect(await known.check('api.example.com', 22, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'known' });
    expect(await known.check('db.example.com', 22, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'unknown' });
    expect(await known.check('web7', 22, 'ssh-ed25519', ed25519(2))).toEqual({ status: 'known' });
  });

  it('reports a changed key of the same type with the fingerprint and line on record', async () => {
    const known = withLines('# header', line('[127.0.0.1]:22220', ed25519(1)));
    const result = await known.check('127.0.0.1', 22220, 'ssh-ed25519', ed25519(9));
    expect(result).toEqual({
      status: 'changed',
      knownFingerprint: sha256Fingerprint(ed25519(1)),
      knownKeyType: 'ssh-ed25519',
      file: join(dir, 'extra_known_hosts'),
      line: 2,
    });
  });

  it('treats a key of another type for a known host as changed, and any exact match as known', async () => {
    const known = withLines(line('h', ecdsa(1), 'ecdsa-sha2-nistp256'), line('h', ed25519(1)), line('h', ed25519(2)));
    expect(await known.check('h', 22, 'ssh-rsa', Buffer.concat([sshString('ssh-rsa')]))).toEqual({
      status: 'changed',
      knownFingerprint: sha256Fingerprint(ecdsa(1)),
      knownKeyType: 'ecdsa-sha2-nistp256',
      file: join(dir, 'extra_known_hosts'),
      line: 1,
    });
    // A key of the same type on record is the one reported.
    expect(await known.check('h', 22, 'ssh-ed25519', ed25519(3))).toMatchObject({
      status: 'changed',
      knownKeyType: 'ssh-ed25519',
      line: 2,
    });
    expect(await known.check('other', 22, 'ssh-rsa', Buffer.concat([sshString('ssh-rsa')]))).toEqual({ status: 'unknown' });
    expect(await known.check('h', 22, 'ssh-ed25519', ed25519(2))).toEqual({ status: 'known' });
    expect(await known.knownKeyTypes('h', 22)).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519']);
  });

  it('fails hard on a revoked key even when it is also listed as known', async () => {
    const known = withLines(line('h', ed25519(1)), `@revoked ${line('*', ed25519(1))}`);
    expect(await known.check('h', 22, 'ssh-ed25519', ed25519(1))).toMatchObject({ status: 'revoked', line: 2 });
    expect(await known.check('h', 22, 'ssh-ed25519', ed25519(2))).toEqual({
      status: 'changed',
      knownFingerprint: sha256Fingerprint(ed25519(1)),
      knownKeyType: 'ssh-ed25519',
      file: join(dir, 'extra_known_hosts'),
      line: 1,
    });
  });

  it('ignores @cert-authority lines', async () => {
    const known = withLines(`@cert-authority ${line('*', ed25519(1))}`);
    expect(await known.check('h', 22, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'unknown' });
    expect(await known.check('h', 22, 'ssh-ed25519', ed25519(2))).toEqual({ status: 'unknown' });
  });

  it('skips an unreadable file without throwing', async () => {
    const path = join(dir, 'dir-not-file');
    execFileSync('mkdir', [path]);
    const known = new KnownHosts({ file: path });
    expect(await known.check('h', 22, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'unknown' });
  });
});

describe('KnownHosts.trust', () => {
  it('accepts once for the life of the object without touching disk', async () => {
    const known = new KnownHosts({ file });
    await known.trust('127.0.0.1', 22220, 'ssh-ed25519', ed25519(1), { persist: false });
    expect(await known.check('127.0.0.1', 22220, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'known' });
    expect(await known.check('127.0.0.1', 22220, 'ssh-ed25519', ed25519(2))).toMatchObject({
      status: 'changed',
      file: '(accepted for this session)',
    });
    expect(() => statSync(file)).toThrow();
    expect(await new KnownHosts({ file }).check('127.0.0.1', 22220, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'unknown' });
  });

  it('persists a hashed line atomically with mode 0600, creating the directory', async () => {
    const known = new KnownHosts({ file });
    await known.trust('127.0.0.1', 22220, 'ssh-ed25519', ed25519(1), { persist: true });
    await known.trust('other', 22, 'ssh-ed25519', ed25519(2), { persist: true });
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toMatch(/^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+ ssh-ed25519 /);
    expect(text).not.toContain('127.0.0.1');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'berth'))).toEqual(['known_hosts']);
    expect(await new KnownHosts({ file }).check('127.0.0.1', 22220, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'known' });
    // OpenSSH itself finds the hashed entry.
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:22220', '-f', file], { encoding: 'utf8' });
    expect(found).toContain('ssh-ed25519');
  });

  it('persists plain lines on request and appends after a file without a final newline', async () => {
    execFileSync('mkdir', ['-p', join(dir, 'berth')]);
    writeFileSync(file, '# kept comment\ncorrupt line here');
    chmodSync(file, 0o644);
    const known = new KnownHosts({ file, hashNewEntries: false });
    await known.trust('Host.Example', 2222, 'ssh-ed25519', ed25519(1), { persist: true });
    expect(readFileSync(file, 'utf8')).toBe(`# kept comment\ncorrupt line here\n${line('[host.example]:2222', ed25519(1))}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('serialises concurrent writes', async () => {
    const known = new KnownHosts({ file });
    await Promise.all([1, 2, 3, 4, 5].map((seed) => known.trust(`h${seed}`, 22, 'ssh-ed25519', ed25519(seed), { persist: true })));
    expect(parseKnownHosts(readFileSync(file, 'utf8'))).toHaveLength(5);
  });

  it('rejects a key blob that does not match the key type', async () => {
    const known = new KnownHosts({ file });
    await expect(known.trust('h', 22, 'ssh-rsa', ed25519(1), { persist: true })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('forget removes the host from the file and the session, keeping other lines', async () => {
    const known = new KnownHosts({ file });
    await known.trust('h', 2222, 'ssh-ed25519', ed25519(1), { persist: true });
    await known.trust('keep', 22, 'ssh-ed25519', ed25519(2), { persist: true, hash: false });
    await known.trust('h', 2222, 'ssh-ed25519', ed25519(3), { persist: false });
    expect(await known.forget('h', 2222)).toBe(2);
    expect(await known.check('h', 2222, 'ssh-ed25519', ed25519(1))).toEqual({ status: 'unknown' });
    expect(readFileSync(file, 'utf8')).toBe(`${line('keep', ed25519(2))}\n`);
    expect(await known.forget('nobody', 22)).toBe(0);
  });

  it('forget removes only the exact host, never wildcard or pattern lines that also match it', async () => {
    execFileSync('mkdir', ['-p', join(dir, 'berth')]);
    const lines = [
      line('*', ed25519(1)),
      line('[127.0.0.1]:*,backup', ed25519(2)),
      line('[127.0.0.1]:22220', ed25519(3)),
      line('alpha,[127.0.0.1]:22220,beta', ed25519(4)),
      line(hashHostName('[127.0.0.1]:22220'), ed25519(5)),
      line(hashHostName('[127.0.0.1]:22221'), ed25519(6)),
      line('!db,[127.0.0.1]:2222?', ed25519(7)),
      `@revoked ${line('[127.0.0.1]:22220', ed25519(8))}`,
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const known = new KnownHosts({ file });
    expect(await known.forget('127.0.0.1', 22220)).toBe(3);
    expect(readFileSync(file, 'utf8')).toBe(
      `${[lines[0], lines[1], line('alpha,beta', ed25519(4)), lines[5], lines[6], lines[7]].join('\n')}\n`,
    );
    // The names that shared a line with it keep their key.
    expect(await known.check('alpha', 22, 'ssh-ed25519', ed25519(4))).toEqual({ status: 'known' });
    expect(await known.forget('127.0.0.1', 22220)).toBe(0);
  });
});
