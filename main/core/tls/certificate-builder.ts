import { webcrypto } from 'node:crypto';
import { type KeyType, signingAlgorithmFor } from './key-generation.js';
import type { San } from './san.js';
import { x509 } from './x509.js';

type CryptoKey = webcrypto.CryptoKey;

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

export interface CaCertificateOptions extends Validity {
  keys: webcrypto.CryptoKeyPair;
  keyType: KeyType;
  commonName: string;
}

export interface LeafCertificateOptions extends Validity {
  role: 'server' | 'client';
  publicKey: CryptoKey;
  /** The leaf's own key type decides its keyUsage bits. */
  keyType: KeyType;
  commonName: string;
  /** Only server certificates carry SANs. */
  sans?: readonly San[];
  ca: { certificate: x509.X509Certificate; privateKey: CryptoKey; keyType: KeyType };
}

/**
 * A random positive serial number: 16 bytes with the high bit cleared (so DER needs no sign byte)
 * and a non-zero first byte (so it stays 16 bytes long), as hex.
 */
export function randomSerialNumber(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f || 0x01;
  return Buffer.from(bytes).toString('hex');
}

/** The self-signed CA: basicConstraints CA:true (critical), keyUsage keyCertSign + cRLSign, subjectKeyIdentifier. */
export async function createCaCertificate(options: CaCertificateOptions): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: [{ CN: [options.commonName] }],
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    keys: options.keys,
    signingAlgorithm: signingAlgorithmFor(options.keyType),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(options.keys.publicKey),
    ],
  });
}

/**
 * A server certificate (extendedKeyUsage serverAuth, every SAN) or client certificate (clientAuth),
 * signed by the CA, with authority and subject key identifiers.
 */
export async function createLeafCertificate(options: LeafCertificateOptions): Promise<x509.X509Certificate> {
  const { ca } = options;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(leafKeyUsages(options.role, options.keyType), true),
    new x509.ExtendedKeyUsageExtension([options.role === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
    await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
    await x509.SubjectKeyIdentifierExtension.create(options.publicKey),
  ];
  if (options.sans && options.sans.length > 0) {
    extensions.push(new x509.SubjectAlternativeNameExtension(options.sans.map((san) => ({ type: san.type, value: san.value }))));
  }
  return x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: [{ CN: [options.commonName] }],
    issuer: ca.certificate.subjectName,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    publicKey: options.publicKey,
    signingKey: ca.privateKey,
    signingAlgorithm: signingAlgorithmFor(ca.keyType),
    extensions,
  });
}

/**
 * digitalSignature for every leaf; keyEncipherment too for an RSA server key (RSA key transport).
 * RFC 5480 §3 forbids keyEncipherment on EC keys, so EC leaves carry digitalSignature only.
 */
export function leafKeyUsages(role: 'server' | 'client', keyType: KeyType): x509.KeyUsageFlags {
  const rsaServer = role === 'server' && keyType !== 'ec-p256';
  return rsaServer ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment : x509.KeyUsageFlags.digitalSignature;
}
