import { describe, expect, it } from 'vitest';
import { inspectCertificate } from './certificate-inspection.js';
import { verifyChain } from './chain-verification.js';
import { generateCertificateSet } from './generate-certificate-set.js';
import { issueClientCertificate } from './issue-client-certificate.js';
import { loadCaPrivateKey } from './private-key.js';
import { parseSan } from './san.js';

const sans = [parseSan('IP:203.0.113.5')];

describe('issueClientCertificate', () => {
  it('issues a clientAuth certificate signed by the CA, with a fresh key of the CA key type', async () => {
    const set = await generateCertificateSet({ sans, keyType: 'ec-p256', validityDays: 400, caPassphrase: 'open sesame' });
    const caKey = loadCaPrivateKey(set.caKey, 'open sesame');
    const issued = await issueClientCertificate({ caCertPem: set.caCert, caKey, validityDays: 90 });
    expect(verifyChain(issued.cert, set.caCert)).toEqual({ valid: true });
    const info = inspectCertificate(issued.cert);
    expect(info.extendedKeyUsages).toEqual(['clientAuth']);
    expect(info.role).toBe('client');
    expect(info.daysLeft).toBe(90);
    expect(info.publicKey.label).toBe('EC P-256');
    expect(issued.key).toContain('-----BEGIN PRIVATE KEY-----');
    expect(issued.key).not.toBe(set.clientKey);
    expect(issued.cappedToCa).toBe(false);
  });

  it('signs with an RSA CA and never outlives it', async () => {
    const set = await generateCertificateSet({ sans, keyType: 'rsa-2048', validityDays: 10 });
    const issued = await issueClientCertificate({ caCertPem: set.caCert, caKey: loadCaPrivateKey(set.caKey), validityDays: 365 });
    expect(verifyChain(issued.cert, set.caCert)).toEqual({ valid: true });
    expect(issued.cappedToCa).toBe(true);
    expect(inspectCertificate(issued.cert).notAfter).toBe(inspectCertificate(set.caCert).notAfter);
  });

  it('refuses a CA key of another set', async () => {
    const one = await generateCertificateSet({ sans, keyType: 'ec-p256', validityDays: 10 });
    const other = await generateCertificateSet({ sans, keyType: 'ec-p256', validityDays: 10 });
    await expect(
      issueClientCertificate({ caCertPem: one.caCert, caKey: loadCaPrivateKey(other.caKey), validityDays: 5 }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('does not belong') });
  });

  it('refuses a leaf certificate as the CA', async () => {
    const set = await generateCertificateSet({ sans, keyType: 'ec-p256', validityDays: 10 });
    await expect(
      issueClientCertificate({ caCertPem: set.clientCert, caKey: loadCaPrivateKey(set.caKey), validityDays: 5 }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('not a CA') });
  });
});
