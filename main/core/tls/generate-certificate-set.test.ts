import { mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BerthError } from '../errors.js';
import { inspectCertificate } from './certificate-inspection.js';
import { certificateMatchesAddress, verifyChain } from './chain-verification.js';
import { type CertificateSet, type GenerationStep, generateCertificateSet, generationSteps } from './generate-certificate-set.js';
import type { KeyType } from './key-generation.js';
import { loadCaPrivateKey } from './private-key.js';
import { parseSan } from './san.js';
import { dumpSet, makeTempDir, openssl } from '../../../test-support/tls-files.js';

const temp = makeTempDir();
afterAll(() => temp.remove());

const sans = [
  parseSan('IP:203.0.113.5'),
  parseSan('DNS:docker.example.com'),
  parseSan('IP:2001:db8::5'),
  parseSan('DNS:*.nodes.example.com'),
];

function opensslAccepts(set: CertificateSet, name: string): void {
  const dir = `${temp.dir}/${name}`;
  openssl(['version']); // fail early and clearly when openssl is missing
  mkdirSync(dir, { recursive: true });
  dumpSet(dir, set);
  const server = openssl(['verify', '-CAfile', 'ca.pem', '-purpose', 'sslserver', 'server-cert.pem'], { cwd: dir });
  expect(server.stdout + server.stderr).toContain('server-cert.pem: OK');
  expect(server.status).toBe(0);
  const client = openssl(['verify', '-CAfile', 'ca.pem', '-purpose', 'sslclient', 'cert.pem'], { cwd: dir });
  expect(client.stdout + client.stderr).toContain('cert.pem: OK');
  expect(client.status).toBe(0);
  // Crossed purposes must fail: the server certificate is not a client certificate and vice versa.
  expect(openssl(['verify', '-CAfile', 'ca.pem', '-purpose', 'sslclient', 'server-cert.pem'], { cwd: dir }).status).not.toBe(0);
  expect(openssl(['verify', '-CAfile', 'ca.pem', '-purpose', 'sslserver', 'cert.pem'], { cwd: dir }).status).not.toBe(0);
  // The keys match their certificates.
  for (const [cert, key] of [
    ['ca.pem', 'ca-key.pem'],
    ['server-cert.pem', 'server-key.pem'],
    ['cert.pem', 'key.pem'],
  ] as const) {
    const fromCert = openssl(['x509', '-in', cert, '-noout', '-pubkey'], { cwd: dir }).stdout;
    const fromKey = openssl(['pkey', '-in', key, '-pubout'], { cwd: dir }).stdout;
    expect(fromKey).toBe(fromCert);
  }
}

describe.each<[KeyType, string, number]>([
  ['ec-p256', 'EC P-256', 256],
  ['rsa-2048', 'RSA 2048', 2048],
])('generateCertificateSet with %s', (keyType, label, bits) => {
  let set: CertificateSet;
  const steps: GenerationStep[] = [];

  it('generates a set openssl verifies for sslserver and sslclient', async () => {
    set = await generateCertificateSet({ sans, keyType, validityDays: 365, onProgress: (step) => steps.push(step) });
    expect(steps).toEqual([...generationSteps]);
    opensslAccepts(set, keyType);
  });

  it('writes PKCS#8 keys, plain for server and client', () => {
    for (const key of [set.caKey, set.serverKey, set.clientKey]) expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('puts the right extensions in each certificate', () => {
    const ca = inspectCertificate(set.caCert);
    expect(ca).toMatchObject({ isCA: true, selfSigned: true, role: 'ca', keyUsages: ['keyCertSign', 'cRLSign'], extendedKeyUsages: [] });
    expect(ca.publicKey).toMatchObject({ label, bits });
    const server = inspectCertificate(set.serverCert);
    expect(server).toMatchObject({
      isCA: false,
      selfSigned: false,
      role: 'server',
      extendedKeyUsages: ['serverAuth'],
      subject: 'CN=203.0.113.5',
    });
    expect(server.keyUsages).toEqual(keyType === 'ec-p256' ? ['digitalSignature'] : ['digitalSignature', 'keyEncipherment']);
    expect(server.sans).toEqual([...sans, { type: 'ip', value: '127.0.0.1' }, { type: 'dns', value: 'localhost' }]);
    expect(server.issuer).toBe(ca.subject);
    const client = inspectCertificate(set.clientCert);
    expect(client).toMatchObject({ role: 'client', extendedKeyUsages: ['clientAuth'], keyUsages: ['digitalSignature'], sans: [] });
    expect(server.signatureAlgorithm).toContain('SHA-256');
  });

  it('links the leaves to the CA by key identifiers, as openssl reads them', () => {
    const dir = `${temp.dir}/${keyType}`;
    const caText = openssl(['x509', '-in', 'ca.pem', '-noout', '-text'], { cwd: dir }).stdout;
    const serverText = openssl(['x509', '-in', 'server-cert.pem', '-noout', '-text'], { cwd: dir }).stdout;
    const caSki = /Subject Key Identifier:\s*\n\s*([0-9A-F:]+)/.exec(caText)?.[1];
    expect(caSki).toBeDefined();
    expect(serverText).toMatch(new RegExp(`Authority Key Identifier:\\s*\\n\\s*(keyid:)?${caSki}`));
    expect(serverText).toMatch(/Subject Key Identifier/);
    expect(caText).toMatch(/Basic Constraints: critical\s*\n\s*CA:TRUE/);
    expect(serverText).toMatch(
      /X509v3 Subject Alternative Name:\s*\n\s*IP Address:203.0.113.5, DNS:docker.example.com, IP Address:2001:DB8:0:0:0:0:0:5, DNS:\*.nodes.example.com, IP Address:127.0.0.1, DNS:localhost/,
    );
    expect(serverText).toMatch(/Signature Algorithm: (ecdsa-with-SHA256|sha256WithRSAEncryption)/);
  });

  it('uses random positive 16-byte serial numbers and backdates notBefore by a few minutes', () => {
    const serials = [set.caCert, set.serverCert, set.clientCert].map((pem) => inspectCertificate(pem).serialNumber);
    for (const serial of serials) {
      expect(serial).toMatch(/^[0-7][0-9A-F]{31}$/);
      expect(serial).not.toMatch(/^00/);
    }
    expect(new Set(serials).size).toBe(3);
    const server = inspectCertificate(set.serverCert);
    const skew = Date.now() - Date.parse(server.notBefore);
    expect(skew).toBeGreaterThan(4 * 60_000);
    expect(skew).toBeLessThan(10 * 60_000);
    expect(server.daysLeft).toBe(365);
  });

  it('verifies the chain and matches every SAN', () => {
    expect(verifyChain(set.serverCert, set.caCert)).toEqual({ valid: true });
    expect(verifyChain(set.clientCert, set.caCert)).toEqual({ valid: true });
    for (const address of [
      '203.0.113.5',
      'docker.example.com',
      'DOCKER.example.com',
      '2001:db8::5',
      '[2001:db8:0::5]',
      'a.nodes.example.com',
      '127.0.0.1',
      'localhost',
    ]) {
      expect(certificateMatchesAddress(set.serverCert, address), address).toBe(true);
    }
    for (const address of ['203.0.113.6', 'example.com', 'nodes.example.com', 'a.b.nodes.example.com', '::1', 'client']) {
      expect(certificateMatchesAddress(set.serverCert, address), address).toBe(false);
    }
  });
});

describe('generateCertificateSet options', () => {
  it('leaves out the loopback SANs when asked', async () => {
    const set = await generateCertificateSet({
      sans: [parseSan('docker.example.com')],
      includeLoopback: false,
      keyType: 'ec-p256',
      validityDays: 30,
    });
    expect(inspectCertificate(set.serverCert).sans).toEqual([{ type: 'dns', value: 'docker.example.com' }]);
    expect(certificateMatchesAddress(set.serverCert, '127.0.0.1')).toBe(false);
  });

  it('does not repeat a loopback SAN that was given', async () => {
    const set = await generateCertificateSet({
      sans: [parseSan('127.0.0.1')],
      keyType: 'ec-p256',
      validityDays: 30,
      commonName: 'my daemon',
    });
    const server = inspectCertificate(set.serverCert);
    expect(server.sans).toEqual([
      { type: 'ip', value: '127.0.0.1' },
      { type: 'dns', value: 'localhost' },
    ]);
    expect(server.subject).toBe('CN=my daemon');
  });

  it('encrypts the CA key only, and a wrong passphrase is told apart', async () => {
    const set = await generateCertificateSet({ sans, keyType: 'ec-p256', validityDays: 30, caPassphrase: 'correct horse' });
    expect(set.caKey).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(set.serverKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(set.clientKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(loadCaPrivateKey(set.caKey, 'correct horse').asymmetricKeyType).toBe('ec');
    expect(() => loadCaPrivateKey(set.caKey, 'wrong horse')).toThrow(expect.objectContaining({ code: 'TLS_CA_PASSPHRASE_WRONG' }));
    expect(() => loadCaPrivateKey(set.caKey)).toThrow(expect.objectContaining({ code: 'TLS_CA_PASSPHRASE_REQUIRED' }));
    // openssl reads it with the passphrase too (it is standard PKCS#8 PBES2).
    const dir = `${temp.dir}/encrypted`;
    mkdirSync(dir, { recursive: true });
    dumpSet(dir, set);
    expect(openssl(['pkey', '-in', 'ca-key.pem', '-passin', 'pass:correct horse', '-noout'], { cwd: dir }).status).toBe(0);
    expect(openssl(['pkey', '-in', 'ca-key.pem', '-passin', 'pass:wrong horse', '-noout'], { cwd: dir }).status).not.toBe(0);
    expect(openssl(['verify', '-CAfile', 'ca.pem', '-purpose', 'sslserver', 'server-cert.pem'], { cwd: dir }).status).toBe(0);
  });

  it('refuses bad options with INVALID_ARGUMENT', async () => {
    const base = { sans, keyType: 'ec-p256' as const, validityDays: 30 };
    for (const options of [
      { ...base, validityDays: 0 },
      { ...base, validityDays: 1.5 },
      { ...base, validityDays: 4000 },
      { ...base, keyType: 'dsa' as unknown as KeyType },
      { ...base, sans: [], includeLoopback: false },
      { ...base, sans: [{ type: 'dns' as const, value: 'not a name' }] },
      { ...base, sans: [{ type: 'ip' as const, value: 'docker.example.com' }] },
      { ...base, caPassphrase: 'abc' },
      { ...base, commonName: 'x'.repeat(65) },
    ]) {
      await expect(generateCertificateSet(options)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
  });

  it('stops between steps when cancelled', async () => {
    const controller = new AbortController();
    const seen: GenerationStep[] = [];
    const run = generateCertificateSet({
      sans,
      keyType: 'ec-p256',
      validityDays: 30,
      signal: controller.signal,
      onProgress: (step) => {
        seen.push(step);
        if (step === 'server-key') controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(BerthError);
    await expect(run).rejects.toMatchObject({ code: 'TLS_GENERATION_CANCELLED' });
    expect(seen).toEqual(['ca-key', 'ca-certificate', 'server-key']);
  });

  it('refuses to start when already cancelled', async () => {
    await expect(generateCertificateSet({ sans, keyType: 'ec-p256', validityDays: 30, signal: AbortSignal.abort() })).rejects.toMatchObject(
      {
        code: 'TLS_GENERATION_CANCELLED',
      },
    );
  });
});

describe('generateCertificateSet with rsa-4096', () => {
  it('generates a set openssl verifies (slow: three RSA 4096 keys)', { timeout: 120_000 }, async () => {
    const set = await generateCertificateSet({ sans, keyType: 'rsa-4096', validityDays: 365 });
    opensslAccepts(set, 'rsa-4096');
    expect(inspectCertificate(set.serverCert).publicKey.label).toBe('RSA 4096');
  });
});
