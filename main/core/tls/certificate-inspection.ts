import { X509Certificate as NodeCertificate } from 'node:crypto';
import { BerthError } from '../errors.js';
import { daysLeftUntil } from '../../../shared/certificate-health.js';
import { splitPemBlocks } from './pem-blocks.js';
import { type PublicKeyDescription, describePublicKey } from './public-key-description.js';
import type { San } from './san.js';
import { x509 } from './x509.js';

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

/**
 * What the certificate is for, as far as docker TLS cares: `any-purpose` has no extendedKeyUsage (so
 * it serves either side), `other` has one that names neither serverAuth nor clientAuth.
 */
export type CertificateRole = 'ca' | 'server' | 'client' | 'server-and-client' | 'any-purpose' | 'other';

/** ok; warning at ≤ 30 days left; critical at ≤ 7; expired; not yet valid. */
export type ExpiryStatus = 'ok' | 'warning' | 'critical' | 'expired' | 'not-yet-valid';

export const expiryWarningDays = 30;
export const expiryCriticalDays = 7;

/** Everything an operator asks about a certificate. Dates are ISO strings so the object crosses IPC and JSON as is. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** Hex, upper case, as openssl prints it. */
  serialNumber: string;
  sans: San[];
  keyUsages: KeyUsageName[];
  /** serverAuth, clientAuth, … (unknown purposes as their OID). */
  extendedKeyUsages: string[];
  isCA: boolean;
  selfSigned: boolean;
  role: CertificateRole;
  notBefore: string;
  notAfter: string;
  /** Calendar days (UTC) until notAfter, as the wizard counts validity; once expired, minus the days since (shared daysLeftUntil). */
  daysLeft: number;
  expiry: ExpiryStatus;
  /** SHA-256 of the DER certificate, colon-separated upper-case hex like `openssl x509 -fingerprint -sha256`. */
  fingerprintSha256: string;
  publicKey: PublicKeyDescription;
  signatureAlgorithm: string;
}

const keyUsageNames: [x509.KeyUsageFlags, KeyUsageName][] = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
  [x509.KeyUsageFlags.encipherOnly, 'encipherOnly'],
  [x509.KeyUsageFlags.decipherOnly, 'decipherOnly'],
];

const extendedKeyUsageNames = new Map<string, string>(Object.entries(x509.ExtendedKeyUsage).map(([name, oid]) => [oid, name]));

/** Parses the first certificate of a PEM text into both parsers Berth uses. */
export function parseCertificatePem(pem: string, what = 'The text'): { peculiar: x509.X509Certificate; node: NodeCertificate } {
  const block = splitPemBlocks(pem).find((candidate) => candidate.label === 'CERTIFICATE');
  if (!block) {
    throw new BerthError('TLS_INVALID_PEM', `${what} holds no PEM certificate (no -----BEGIN CERTIFICATE----- block).`);
  }
  try {
    return { peculiar: new x509.X509Certificate(block.pem), node: new NodeCertificate(block.pem) };
  } catch (error) {
    throw new BerthError(
      'TLS_INVALID_PEM',
      `${what} holds a CERTIFICATE block that cannot be parsed; the file may be damaged or cut short.`,
      {
        cause: error,
      },
    );
  }
}

/** Reads the first certificate of a PEM text. */
export function inspectCertificate(pem: string, now: Date = new Date()): CertificateInfo {
  const { peculiar, node } = parseCertificatePem(pem);
  const keyUsage = peculiar.getExtension(x509.KeyUsagesExtension);
  const extendedKeyUsage = peculiar.getExtension(x509.ExtendedKeyUsageExtension);
  const basicConstraints = peculiar.getExtension(x509.BasicConstraintsExtension);
  const altNames = peculiar.getExtension(x509.SubjectAlternativeNameExtension);

  const isCA = basicConstraints?.ca === true;
  const extendedKeyUsages = (extendedKeyUsage?.usages ?? []).map((oid) => extendedKeyUsageNames.get(String(oid)) ?? String(oid));
  const notBefore = peculiar.notBefore;
  const notAfter = peculiar.notAfter;
  const daysLeft = daysLeftUntil(notAfter, now);
  return {
    subject: peculiar.subject,
    issuer: peculiar.issuer,
    serialNumber: node.serialNumber.toUpperCase(),
    sans: (altNames?.names.toJSON() ?? []).flatMap((name): San[] =>
      name.type === 'ip' || name.type === 'dns' ? [{ type: name.type, value: name.value }] : [],
    ),
    keyUsages: keyUsage ? keyUsageNames.filter(([flag]) => (keyUsage.usages & flag) !== 0).map(([, name]) => name) : [],
    extendedKeyUsages,
    isCA,
    selfSigned: node.checkIssued(node) && node.verify(node.publicKey),
    role: roleOf(isCA, extendedKeyUsages),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft,
    expiry: expiryStatus(notBefore, notAfter, now),
    fingerprintSha256: node.fingerprint256,
    publicKey: describePublicKey(node.publicKey),
    signatureAlgorithm: signatureAlgorithmName(peculiar.signatureAlgorithm),
  };
}

export function expiryStatus(notBefore: Date, notAfter: Date, now: Date = new Date()): ExpiryStatus {
  if (now.getTime() > notAfter.getTime()) return 'expired';
  if (now.getTime() < notBefore.getTime()) return 'not-yet-valid';
  const daysLeft = (notAfter.getTime() - now.getTime()) / 86_400_000;
  if (daysLeft <= expiryCriticalDays) return 'critical';
  if (daysLeft <= expiryWarningDays) return 'warning';
  return 'ok';
}

function roleOf(isCA: boolean, extendedKeyUsages: readonly string[]): CertificateRole {
  if (isCA) return 'ca';
  const server = extendedKeyUsages.includes('serverAuth');
  const client = extendedKeyUsages.includes('clientAuth');
  if (server && client) return 'server-and-client';
  if (server) return 'server';
  if (client) return 'client';
  return extendedKeyUsages.length === 0 ? 'any-purpose' : 'other';
}

function signatureAlgorithmName(algorithm: x509.HashedAlgorithm): string {
  // Typed against DOM's Algorithm, which this Node-only project does not load.
  const { name, hash } = algorithm as unknown as { name: string; hash?: string | { name: string } };
  const hashName = typeof hash === 'string' ? hash : hash?.name;
  return hashName ? `${name} with ${hashName}` : name;
}
