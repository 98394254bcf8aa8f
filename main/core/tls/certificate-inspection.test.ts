import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiryStatus, inspectCertificate } from './certificate-inspection.js';
import { verifyChain } from './chain-verification.js';
import { type CertificateSet, generateCertificateSet } from './generate-certificate-set.js';
import { describePrivateKeyPem } from './private-key.js';
import { parseSan } from './san.js';
import { makeTempDir, openssl } from '../../../test-support/tls-files.js';

const day = 86_400_000;
const temp = makeTempDir();
afterAll(() => temp.remove());

let set: CertificateSet;
let other: CertificateSet;
beforeAll(async () => {
  set = await generateCertificateSet({ sans: [parseSan('docker.example.com')], keyType: 'ec-p256', validityDays: 100 });
  other = await generateCertificateSet({ sans: [parseSan('docker.example.com')], keyType: 'ec-p256', validityDays: 100 });
});

describe('inspectCertificate', () => {
  it('agrees with openssl on fingerprint, serial, subject and dates', () => {
    const file = `${temp.dir}/server.pem`;
    writeFileSync(file, set.serverCert);
    const info = inspectCertificate(set.serverCert);
    const fingerprint = openssl(['x509', '-in', file, '-noout', '-fingerprint', '-sha256']).stdout.trim();
    expect(fingerprint.replace(/^sha256 Fingerprint=/i, '')).toBe(info.fingerprintSha256);
    expect(openssl(['x509', '-in', file, '-noout', '-serial']).stdout.trim()).toBe(`serial=${info.serialNumber}`);
    expect(openssl(['x509', '-in', file, '-noout', '-subject', '-nameopt', 'RFC2253']).stdout.trim()).toBe(`subject=${info.subject}`);
    const notAfter = openssl(['x509', '-in', file, '-noout', '-enddate']).stdout.trim().replace('notAfter=', '');
    expect(Date.parse(notAfter)).toBe(Date.parse(info.notAfter));
  });

  it('reads a certificate openssl made (not only our own)', () => {
    const dir = temp.dir;
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'foreign-key.pem',
        '-out',
        'foreign.pem',
        '-days',
        '20',
        '-subj',
        '/CN=foreign/O=Elsewhere',
        '-addext',
        'subjectAltName=DNS:foreign.example,IP:192.0.2.1,email:a@b.example',
      ],
      { cwd: dir },
    );
    const pem = readFileSync(`${dir}/foreign.pem`, 'utf8');
    const info = inspectCertificate(pem);
    expect(info.subject).toBe('CN=foreign, O=Elsewhere');
    expect(info.sans).toEqual([
      { type: 'dns', value: 'foreign.example' },
      { type: 'ip', value: '192.0.2.1' },
    ]);
    expect(info.publicKey.label).toBe('RSA 2048');
    expect(info.selfSigned).toBe(true);
    expect(info.expiry).toBe('warning');
    expect(info.daysLeft).toBe(20);
  });

  it('reads the first certificate of a bundle and ignores text around it', () => {
    const info = inspectCertificate(`Bag Attributes\n${set.clientCert}${set.caCert}`);
    expect(info.role).toBe('client');
  });

  it('warns at 30 days, is critical at 7 and flags expired and not-yet-valid certificates', () => {
    const notBefore = new Date('2024-01-01T00:00:00Z');
    const notAfter = new Date('2024-04-10T00:00:00Z');
    const at = (daysBeforeEnd: number) => new Date(notAfter.getTime() - daysBeforeEnd * day);
    expect(expiryStatus(notBefore, notAfter, at(31))).toBe('ok');
    expect(expiryStatus(notBefore, notAfter, at(30))).toBe('warning');
    expect(expiryStatus(notBefore, notAfter, at(8))).toBe('warning');
    expect(expiryStatus(notBefore, notAfter, at(7))).toBe('critical');
    expect(expiryStatus(notBefore, notAfter, at(0))).toBe('critical');
    expect(expiryStatus(notBefore, notAfter, at(-1))).toBe('expired');
    expect(expiryStatus(notBefore, notAfter, new Date('2023-12-31T00:00:00Z'))).toBe('not-yet-valid');
    const info = inspectCertificate(set.serverCert, new Date(Date.now() + 99 * day));
    expect(info.expiry).toBe('critical');
    expect(info.daysLeft).toBe(1);
    expect(inspectCertificate(set.serverCert, new Date(Date.now() + 101 * day))).toMatchObject({ expiry: 'expired', daysLeft: -1 });
  });

  it('refuses what is not a certificate with TLS_INVALID_PEM', () => {
    expect(() => inspectCertificate(set.serverKey)).toThrow(expect.objectContaining({ code: 'TLS_INVALID_PEM' }));
    expect(() => inspectCertificate('hello')).toThrow(expect.objectContaining({ code: 'TLS_INVALID_PEM' }));
    const damaged = set.caCert.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    expect(() => inspectCertificate(damaged.slice(0, 200) + '\n-----END CERTIFICATE-----\n')).toThrow(
      expect.objectContaining({ code: 'TLS_INVALID_PEM' }),
    );
  });
});

describe('describePrivateKeyPem', () => {
  it('tells key algorithms and encryption apart without a passphrase', async () => {
    expect(describePrivateKeyPem(set.serverKey)).toEqual({ encrypted: false, algorithm: 'EC P-256' });
    const encrypted = await generateCertificateSet({
      sans: [parseSan('x.example')],
      keyType: 'ec-p256',
      validityDays: 1,
      caPassphrase: 'secret',
    });
    expect(describePrivateKeyPem(encrypted.caKey)).toEqual({ encrypted: true, algorithm: undefined });
  });
});

describe('verifyChain', () => {
  it('accepts a leaf of its CA and says why it refuses others', () => {
    expect(verifyChain(set.serverCert, set.caCert)).toEqual({ valid: true });
    const foreign = verifyChain(set.serverCert, other.caCert);
    // Both CAs carry the same name, so only the key identifier and signature tell them apart.
    expect(foreign).toMatchObject({ valid: false });
    expect(foreign.valid === false && foreign.reason).toMatch(/another CA with the same name/);
    const notCa = verifyChain(set.serverCert, set.clientCert);
    expect(notCa.valid === false && notCa.reason).toMatch(/not a CA certificate/);
  });

  it('names a different issuer', async () => {
    const elsewhere = await generateCertificateSet({ sans: [parseSan('elsewhere.example')], keyType: 'ec-p256', validityDays: 10 });
    const verdict = verifyChain(set.serverCert, elsewhere.caCert);
    expect(verdict.valid === false && verdict.reason).toMatch(
      /issued by "CN=Berth CA for docker.example.com", not by this CA \("CN=Berth CA for elsewhere.example"\)/,
    );
  });

  it('refuses expired and not-yet-valid certificates', () => {
    const later = verifyChain(set.serverCert, set.caCert, new Date(Date.now() + 200 * day));
    expect(later.valid === false && later.reason).toMatch(/^the certificate expired on/);
    const earlier = verifyChain(set.serverCert, set.caCert, new Date(Date.now() - day));
    expect(earlier.valid === false && earlier.reason).toMatch(/not valid before/);
  });
});
