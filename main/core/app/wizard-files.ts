import os from 'node:os';
import path from 'node:path';
import { readTextFile } from '../read-text-file.js';
import type { CertificateInfo } from '../tls/certificate-inspection.js';
import type { TlsCertificateSummary } from '../../../shared/tls-contract.js';

/**
 * Small helpers of the TLS wizard's main side: local paths as the operator types them, the
 * certificate files of a directory, certificate summaries.
 */

/** `~/…` under the home directory; anything else resolved to an absolute path. */
export function resolveLocalPath(value: string, homeDir: string = os.homedir()): string {
  if (value === '~') return homeDir;
  if (value.startsWith('~/')) return path.join(homeDir, value.slice(2));
  return path.resolve(value);
}

export type CertificateFileName = 'ca.pem' | 'ca-key.pem' | 'server-cert.pem' | 'server-key.pem' | 'cert.pem' | 'key.pem';

/** Reads one file of a certificate directory as text; FILE_UNREADABLE says which and why. */
export function readCertificateFile(dir: string, name: CertificateFileName): Promise<string> {
  return readTextFile(path.join(dir, name), undefined, 'Point the wizard at the directory the certificates were written to.');
}

/** What an install needs from a directory: never ca-key.pem, which stays on this machine. */
export async function readInstallSet(dir: string) {
  const [caCert, serverCert, serverKey, clientCert, clientKey] = await Promise.all(
    (['ca.pem', 'server-cert.pem', 'server-key.pem', 'cert.pem', 'key.pem'] as const).map((name) => readCertificateFile(dir, name)),
  );
  return { caCert: caCert!, serverCert: serverCert!, serverKey: serverKey!, clientCert: clientCert!, clientKey: clientKey! };
}

/** inspectCertificate's answer as the contract carries it. */
export function summarizeCertificate(info: CertificateInfo): TlsCertificateSummary {
  return {
    subject: info.subject,
    issuer: info.issuer,
    serialNumber: info.serialNumber,
    sans: info.sans,
    keyUsages: info.keyUsages,
    extendedKeyUsages: info.extendedKeyUsages,
    isCA: info.isCA,
    role: info.role,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    daysLeft: info.daysLeft,
    expiry: info.expiry,
    fingerprintSha256: info.fingerprintSha256,
    publicKey: { label: info.publicKey.label },
    signatureAlgorithm: info.signatureAlgorithm,
  };
}
