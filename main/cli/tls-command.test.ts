import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { generateCertificateSet } from '../core/tls/generate-certificate-set.js';
import { loadCaPrivateKey } from '../core/tls/private-key.js';
import { inspectCertificate } from '../core/tls/certificate-inspection.js';
import { verifyChain } from '../core/tls/chain-verification.js';
import { parseSan } from '../core/tls/san.js';
import { makeTempDir, openssl } from '../../test-support/tls-files.js';
import type { CliIo } from './io.js';

const temp = makeTempDir('berth-tls-cli-');
afterAll(() => temp.remove());

function fakeIo(env: NodeJS.ProcessEnv = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, env, stdout: (text) => void out.push(text), stderr: (text) => void err.push(text) };
}

async function run(argv: string[], env?: NodeJS.ProcessEnv) {
  const io = fakeIo(env);
  const status = await runCli(argv, io);
  return { status, stdout: io.out.join('\n'), stderr: io.err.join('\n') };
}

const day = 86_400_000;

describe('berth tls', () => {
  it('lists its subcommands, and every subcommand has help', async () => {
    const bare = await run(['tls']);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toMatch(/init\s+Make a CA/);
    expect((await run(['tls', '--help'])).status).toBe(0);
    for (const sub of ['init', 'inspect', 'openssl']) {
      const help = await run(['tls', sub, '--help']);
      expect(help.status, sub).toBe(0);
      expect(help.stdout, sub).toMatch(new RegExp(`^Usage: berth tls ${sub}`));
      expect((await run(['tls', 'help', sub])).stdout).toBe(help.stdout);
    }
    expect((await run(['help', 'tls'])).stdout).toMatch(/^Usage: berth tls COMMAND/);
    expect((await run(['--help'])).stdout).toMatch(/tls\s+Make and check the certificates/);
  });

  it('refuses an unknown subcommand the CLI way', async () => {
    const result = await run(['tls', 'renew']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toBe('berth: INVALID_ARGUMENT: Unknown command "tls renew". Run `berth tls --help` for the list.');
  });
});

describe('berth tls init', () => {
  it('writes a set openssl verifies and prints the daemon and client configuration', async () => {
    const out = path.join(temp.dir, 'init-ok');
    const result = await run(['tls', 'init', '--out', out, '--san', 'IP:203.0.113.5', '--san', 'DNS:docker.example.com', '--days', '90']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['ca-key.pem', 'ca.pem', 'cert.pem', 'key.pem', 'server-cert.pem', 'server-key.pem']);
    expect(openssl(['verify', '-CAfile', 'ca.pem', '-purpose', 'sslserver', 'server-cert.pem'], { cwd: out }).status).toBe(0);
    expect(openssl(['verify', '-CAfile', 'ca.pem', '-purpose', 'sslclient', 'cert.pem'], { cwd: out }).status).toBe(0);
    const server = inspectCertificate(readFileSync(path.join(out, 'server-cert.pem'), 'utf8'));
    expect(server.publicKey.label).toBe('EC P-256');
    expect(server.daysLeft).toBe(90);
    expect(result.stdout).toContain(`Wrote a TLS certificate set (EC P-256, valid 90 days) to ${out}:`);
    expect(result.stdout).toContain('daemon certificate for IP:203.0.113.5, DNS:docker.example.com, IP:127.0.0.1, DNS:localhost');
    expect(result.stdout).toContain('"tlscacert": "/etc/docker/tls/ca.pem"');
    expect(result.stdout).toContain('"tcp://0.0.0.0:2376"');
    expect(result.stdout).toContain('ExecStart=\n          ExecStart=/usr/bin/dockerd');
    expect(result.stdout).toContain('DOCKER_OPTS="--tlsverify --tlscacert=/etc/docker/tls/ca.pem');
    expect(result.stdout).toContain(`export DOCKER_HOST=tcp://203.0.113.5:2376 DOCKER_CERT_PATH=${out} DOCKER_TLS_VERIFY=1`);
    expect(result.stdout).toContain(`docker -H tcp://203.0.113.5:2376 --tlsverify --tlscacert ${out}/ca.pem`);
    expect(result.stdout).toContain(`https://203.0.113.5:2376/version`);
  });

  it('honours --no-loopback, --key, --port, --daemon-cert-dir and --common-name, and takes the host from the first SAN', async () => {
    const out = path.join(temp.dir, 'init-options');
    const result = await run([
      'tls',
      'init',
      '--out',
      out,
      '--san',
      'docker.example.com',
      '--san',
      '203.0.113.5',
      '--no-loopback',
      '--key',
      'rsa2048',
      '--port',
      '12376',
      '--daemon-cert-dir',
      '/srv/docker-tls',
      '--common-name',
      'prod docker',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const server = inspectCertificate(readFileSync(path.join(out, 'server-cert.pem'), 'utf8'));
    expect(server).toMatchObject({ subject: 'CN=prod docker', sans: [parseSan('docker.example.com'), parseSan('203.0.113.5')] });
    expect(server.publicKey.label).toBe('RSA 2048');
    expect(result.stdout).toContain('DOCKER_HOST=tcp://docker.example.com:12376');
    expect(result.stdout).toContain('"tlscert": "/srv/docker-tls/server-cert.pem"');
    expect(result.stdout).toContain('"tcp://0.0.0.0:12376"');
  });

  it('encrypts the CA key with the passphrase from the named variable', async () => {
    const out = path.join(temp.dir, 'init-passphrase');
    const result = await run(['tls', 'init', '--out', out, '--san', 'docker.example.com', '--ca-passphrase-env', 'CA_PASS'], {
      CA_PASS: 'open sesame',
    });
    expect(result.status).toBe(0);
    const caKey = readFileSync(path.join(out, 'ca-key.pem'), 'utf8');
    expect(caKey).toMatch(/ENCRYPTED PRIVATE KEY/);
    expect(() => loadCaPrivateKey(caKey, 'open sesame')).not.toThrow();
    expect(() => loadCaPrivateKey(caKey, 'close sesame')).toThrow(expect.objectContaining({ code: 'TLS_CA_PASSPHRASE_WRONG' }));
    expect(readFileSync(path.join(out, 'key.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(result.stdout).toContain('CA private key (encrypted)');

    const missing = await run(['tls', 'init', '--out', path.join(temp.dir, 'x'), '--san', 'a.example', '--ca-passphrase-env', 'NOPE'], {});
    expect(missing).toMatchObject({
      status: 2,
      stderr: 'berth: INVALID_ARGUMENT: --ca-passphrase-env names NOPE, but that environment variable is not set or empty.',
    });
  });

  it('refuses to overwrite an existing set unless --force', async () => {
    const out = path.join(temp.dir, 'init-twice');
    expect((await run(['tls', 'init', '--out', out, '--san', 'docker.example.com'])).status).toBe(0);
    const before = readFileSync(path.join(out, 'ca.pem'), 'utf8');
    const again = await run(['tls', 'init', '--out', out, '--san', 'docker.example.com']);
    expect(again.status).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(
      /^berth: TLS_FILES_EXIST: .*already holds ca\.pem, ca-key\.pem, server-cert\.pem, server-key\.pem, cert\.pem, key\.pem\. .*--force/,
    );
    expect(readFileSync(path.join(out, 'ca.pem'), 'utf8')).toBe(before);
    const forced = await run(['tls', 'init', '--out', out, '--san', 'docker.example.com', '--force']);
    expect(forced.status).toBe(0);
    expect(readFileSync(path.join(out, 'ca.pem'), 'utf8')).not.toBe(before);
  });

  it('says when the directory cannot be written', async () => {
    const blocker = path.join(temp.dir, 'plain-file');
    writeFileSync(blocker, '');
    const result = await run(['tls', 'init', '--out', path.join(blocker, 'certs'), '--san', 'docker.example.com']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^berth: FILE_NOT_WRITABLE: Cannot write the certificates to .*: a part of that path is a file, not a directory/,
    );
  });

  it.each([
    [['--san', 'docker.example.com'], /Give the directory .* with --out DIR/],
    [['--out', 'x'], /Give at least one --san/],
    [['--out', 'x', '--san', 'docker_01.example.com'], /"docker_01.example.com" is neither an IP address nor a valid DNS name/],
    [['--out', 'x', '--san', 'IP:300.1.1.1'], /"IP:300.1.1.1" is not an IP address/],
    [['--out', 'x', '--san', 'a.example', '--key', 'dsa'], /--key wants ec, rsa2048 or rsa4096, not "dsa"/],
    [['--out', 'x', '--san', 'a.example', '--days', '0'], /--days wants a whole number of days from 1 to 3650/],
    [['--out', 'x', '--san', 'a.example', '--days', '1e3'], /--days wants a whole number/],
    [['--out', 'x', '--san', 'a.example', '--port', '70000'], /--port wants a port number/],
    [['--out', 'x', '--san', 'a.example', '--bogus'], /Unknown option '--bogus'. Run `berth tls init --help`/],
    [['--out', 'x', '--san', 'a.example', 'stray'], /Unexpected argument "stray"/],
  ])('refuses %j with a usage error', async (args, message) => {
    const result = await run(['tls', 'init', ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^berth: INVALID_ARGUMENT: /);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n')).toHaveLength(1);
  });
});

describe('berth tls inspect', () => {
  it('says what each file is, its addresses, usages and expiry', async () => {
    const out = path.join(temp.dir, 'inspect');
    await run(['tls', 'init', '--out', out, '--san', 'IP:203.0.113.5', '--days', '200']);
    const files = ['ca.pem', 'server-cert.pem', 'cert.pem', 'key.pem'].map((name) => path.join(out, name));
    const result = await run(['tls', 'inspect', '--ca', path.join(out, 'ca.pem'), ...files]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${files[0]}: CA certificate`);
    expect(result.stdout).toContain(`${files[1]}: server certificate (for dockerd)`);
    expect(result.stdout).toMatch(/addresses +IP:203\.0\.113\.5, IP:127\.0\.0\.1, DNS:localhost/);
    expect(result.stdout).toMatch(/extended +serverAuth/);
    expect(result.stdout).toContain(`${files[2]}: client certificate`);
    expect(result.stdout).toMatch(/extended +clientAuth/);
    expect(result.stdout).toMatch(/key usage +keyCertSign, cRLSign/);
    expect(result.stdout).toMatch(/\(200 days left\)/);
    expect(result.stdout).toContain(`chain      OK, issued by the CA in ${files[0]}`);
    expect(result.stdout).toContain(`${files[3]}: private key, EC P-256, not encrypted`);
    expect(result.stdout).not.toMatch(/WARNING|CRITICAL/);
  });

  it('warns at 30 days and is critical at 7 days or once expired', async () => {
    const dir = path.join(temp.dir, 'expiry');
    mkdirSync(dir);
    const sans = [parseSan('docker.example.com')];
    const now = Date.now();
    const cases = [
      ['soon.pem', await generateCertificateSet({ sans, keyType: 'ec-p256', validityDays: 20 })],
      ['very-soon.pem', await generateCertificateSet({ sans, keyType: 'ec-p256', validityDays: 5 })],
      ['expired.pem', await generateCertificateSet({ sans, keyType: 'ec-p256', validityDays: 10, now: new Date(now - 12 * day) })],
    ] as const;
    for (const [name, set] of cases) writeFileSync(path.join(dir, name), set.serverCert);
    const result = await run(['tls', 'inspect', ...cases.map(([name]) => path.join(dir, name))]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/soon\.pem: server certificate[\s\S]*WARNING: expires in 20 days/);
    expect(result.stdout).toMatch(/very-soon\.pem: server certificate[\s\S]*CRITICAL: expires in 5 days/);
    expect(result.stdout).toMatch(/expired\.pem: server certificate[\s\S]*expired 2 days ago[\s\S]*CRITICAL: expired on/);

    const json = await run(['tls', 'inspect', '--json', path.join(dir, 'soon.pem'), path.join(dir, 'expired.pem')]);
    const items = JSON.parse(json.stdout) as { kind: string; certificate: { expiry: string; daysLeft: number } }[];
    expect(items.map((item) => item.certificate.expiry)).toEqual(['warning', 'expired']);
  });

  it('reports a chain from another CA, and a bundle certificate by certificate', async () => {
    const dir = path.join(temp.dir, 'chain');
    mkdirSync(dir);
    const sans = [parseSan('docker.example.com')];
    const [a, b] = await Promise.all([
      generateCertificateSet({ sans, keyType: 'ec-p256', validityDays: 60 }),
      generateCertificateSet({ sans: [parseSan('other.example')], keyType: 'ec-p256', validityDays: 60 }),
    ]);
    writeFileSync(path.join(dir, 'ca-b.pem'), b.caCert);
    writeFileSync(path.join(dir, 'bundle.pem'), a.serverCert + a.caCert);
    expect(verifyChain(a.serverCert, b.caCert).valid).toBe(false);
    const result = await run(['tls', 'inspect', '--ca', path.join(dir, 'ca-b.pem'), path.join(dir, 'bundle.pem')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('bundle.pem [1/2]: server certificate');
    expect(result.stdout).toContain('bundle.pem [2/2]: CA certificate');
    expect(result.stdout).toMatch(/chain +NOT issued by the CA in .*ca-b\.pem: it was issued by "CN=Berth CA for docker\.example\.com"/);
  });

  it('reports unreadable and non-PEM files on stderr, goes on with the rest, and fails', async () => {
    const dir = path.join(temp.dir, 'bad');
    mkdirSync(dir);
    const good = await generateCertificateSet({ sans: [parseSan('docker.example.com')], keyType: 'ec-p256', validityDays: 60 });
    writeFileSync(path.join(dir, 'good.pem'), good.caCert);
    writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    const result = await run(['tls', 'inspect', path.join(dir, 'missing.pem'), path.join(dir, 'notes.txt'), path.join(dir, 'good.pem')]);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('good.pem: CA certificate');
    expect(result.stderr.split('\n')).toEqual([
      `berth: FILE_UNREADABLE: Cannot read ${path.join(dir, 'missing.pem')}: it does not exist.`,
      `berth: TLS_INVALID_PEM: ${path.join(dir, 'notes.txt')} holds no PEM certificate or private key.`,
    ]);
    const onlyBad = await run(['tls', 'inspect', path.join(dir, 'notes.txt')]);
    expect(onlyBad.status).toBe(4);
    expect((await run(['tls', 'inspect'])).status).toBe(2);
  });

  it('marks an encrypted key as such', async () => {
    const out = path.join(temp.dir, 'inspect-encrypted');
    await run(['tls', 'init', '--out', out, '--san', 'a.example', '--ca-passphrase-env', 'P'], { P: 'passphrase' });
    const result = await run(['tls', 'inspect', path.join(out, 'ca-key.pem')]);
    expect(result.stdout).toBe(`${path.join(out, 'ca-key.pem')}: private key, encrypted (its passphrase is needed to use it)`);
    expect(statSync(path.join(out, 'ca-key.pem')).mode & 0o777).toBe(0o400);
  });
});

describe('berth tls openssl', () => {
  it('prints a runnable openssl script for the given SANs', async () => {
    const result = await run(['tls', 'openssl', '--san', 'IP:203.0.113.5', '--key', 'rsa4096', '--days', '30']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^#!\/usr\/bin\/env bash\nset -euo pipefail/);
    expect(result.stdout).toContain('openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out ca-key.pem');
    expect(result.stdout).toContain('subjectAltName = IP:203.0.113.5, IP:127.0.0.1, DNS:localhost');
    expect(result.stdout).toContain('-days 30');
    expect((await run(['tls', 'openssl'])).stderr).toMatch(/^berth: INVALID_ARGUMENT: Give at least one --san/);
  });
});
