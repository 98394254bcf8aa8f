import { type KeyObject, X509Certificate as NodeCertificate, createPublicKey, webcrypto } from 'node:crypto';
import { BerthError } from '../errors.js';
import { createLeafCertificate } from './certificate-builder.js';
import { parseCertificatePem } from './certificate-inspection.js';
import { maxValidityDays } from '../../../shared/tls-contract.js';
import { clockSkewMs } from './generate-certificate-set.js';
import { type KeyType, generateKeyPair, privateKeyToPem } from './key-generation.js';

export interface IssueClientCertificateOptions {
  /** The CA certificate (ca.pem) the daemon trusts. */
  caCertPem: string;
  /** Its private key, as loadCaPrivateKey returns it. */
  caKey: KeyObject;
  validityDays: number;
  /** The new client key's type; default the CA key's type. */
  keyType?: KeyType;
  commonName?: string;
  now?: Date;
}

export interface IssuedClientCertificate {
  /** cert.pem */
  cert: string;
  /** key.pem (unencrypted, as the docker client reads it) */
  key: string;
  /** notAfter was moved back to the CA's own notAfter, which came sooner than asked. */
  cappedToCa: boolean;
}

/**
 * A new client certificate (extendedKeyUsage clientAuth) and key, signed by an existing CA: what
 * "Renew client certificate" needs when the old one is about to expire. The CA key must belong
 * to the CA certificate; the certificate never outlives the CA.
 */
export async function issueClientCertificate(options: IssueClientCertificateOptions): Promise<IssuedClientCertificate> {
  const { validityDays } = options;
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > maxValidityDays) {
    throw new BerthError('INVALID_ARGUMENT', `Validity must be a whole number of days from 1 to ${maxValidityDays}, not ${validityDays}.`);
  }
  const { peculiar: caCertificate, node: caNode } = parseCertificatePem(options.caCertPem, 'The CA file');
  if (!caNode.ca) {
    throw new BerthError('INVALID_ARGUMENT', `The CA file holds "${oneLine(caNode.subject)}", which is not a CA certificate.`);
  }
  checkKeyBelongs(caNode, options.caKey);
  const caKeyType = keyTypeOf(options.caKey);
  const now = options.now ?? new Date();
  const caNotAfter = new Date(caNode.validTo);
  if (caNotAfter.getTime() <= now.getTime()) {
    throw new BerthError(
      'TLS_CERTIFICATE_EXPIRED',
      `The CA certificate expired on ${caNotAfter.toISOString()}: it cannot issue certificates any more. Make a new set with the TLS wizard.`,
    );
  }
  const wanted = new Date(now.getTime() + validityDays * 86_400_000);
  const cappedToCa = wanted.getTime() > caNotAfter.getTime();
  const signingKey = await toSigningKey(options.caKey, caKeyType);
  const keyType = options.keyType ?? caKeyType;
  const keys = await generateKeyPair(keyType);
  const certificate = await createLeafCertificate({
    role: 'client',
    publicKey: keys.publicKey,
    keyType,
    commonName: options.commonName ?? 'client',
    ca: { certificate: caCertificate, privateKey: signingKey, keyType: caKeyType },
    notBefore: new Date(now.getTime() - clockSkewMs),
    notAfter: cappedToCa ? caNotAfter : wanted,
  });
  return { cert: certificate.toString('pem') + '\n', key: await privateKeyToPem(keys.privateKey), cappedToCa };
}

/** The Berth key type of a key: EC P-256, RSA 2048 or RSA 4096 (others cannot sign here). */
export function keyTypeOf(key: KeyObject): KeyType {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1') return 'ec-p256';
  if (key.asymmetricKeyType === 'rsa') return (details.modulusLength ?? 0) >= 4096 ? 'rsa-4096' : 'rsa-2048';
  throw new BerthError(
    'INVALID_ARGUMENT',
    `Berth signs with EC P-256 and RSA keys only; this CA key is ${key.asymmetricKeyType ?? 'of an unknown type'}${details.namedCurve ? ` (${details.namedCurve})` : ''}.`,
  );
}

function checkKeyBelongs(ca: NodeCertificate, key: KeyObject): void {
  const fromKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const fromCertificate = ca.publicKey.export({ type: 'spki', format: 'der' });
  if (!fromKey.equals(fromCertificate)) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `The CA key does not belong to the CA certificate "${oneLine(ca.subject)}". Check that ca-key.pem and ca.pem come from the same set.`,
    );
  }
}

async function toSigningKey(key: KeyObject, keyType: KeyType): Promise<webcrypto.CryptoKey> {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const algorithm =
    keyType === 'ec-p256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' as const };
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
}

function oneLine(name: string): string {
  return name.split('\n').join(', ');
}
