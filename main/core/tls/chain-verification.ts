import { BerthError } from '../errors.js';
import { parseCertificatePem } from './certificate-inspection.js';
import { normalizeIp } from './san.js';

export type ChainVerdict = { valid: true } | { valid: false; reason: string };

/**
 * Whether `leafPem` was issued and signed by the CA in `caPem` and both are valid now. This is the
 * check dockerd and the docker CLI make, minus the purpose (see inspectCertificate's role).
 */
export function verifyChain(leafPem: string, caPem: string, now: Date = new Date()): ChainVerdict {
  const leaf = parseCertificatePem(leafPem, 'The certificate').node;
  const ca = parseCertificatePem(caPem, 'The CA file').node;
  if (!ca.ca)
    return {
      valid: false,
      reason: `the CA file holds "${oneLine(ca.subject)}", which is not a CA certificate (basicConstraints CA:false)`,
    };
  if (leaf.issuer !== ca.subject) {
    return { valid: false, reason: `it was issued by "${oneLine(leaf.issuer)}", not by this CA ("${oneLine(ca.subject)}")` };
  }
  if (!leaf.checkIssued(ca)) {
    return {
      valid: false,
      reason: `its authority key identifier or the CA's key usage does not match "${oneLine(ca.subject)}" (another CA with the same name?)`,
    };
  }
  if (!leaf.verify(ca.publicKey)) {
    return {
      valid: false,
      reason: `its signature does not verify with the key of "${oneLine(ca.subject)}" (another CA with the same name?)`,
    };
  }
  for (const [certificate, what] of [
    [leaf, 'the certificate'],
    [ca, 'the CA certificate'],
  ] as const) {
    if (now.getTime() > Date.parse(certificate.validTo))
      return { valid: false, reason: `${what} expired on ${new Date(certificate.validTo).toISOString()}` };
    if (now.getTime() < Date.parse(certificate.validFrom)) {
      return {
        valid: false,
        reason: `${what} is not valid before ${new Date(certificate.validFrom).toISOString()} (check this machine's clock)`,
      };
    }
  }
  return { valid: true };
}

/**
 * Whether a client connecting to `address` (an IP, bracketed or not, or a DNS name) would accept
 * this certificate's subjectAltNames, wildcards included. The CN is ignored, as Go's TLS (dockerd,
 * the docker CLI) and Node ignore it.
 */
export function certificateMatchesAddress(certPem: string, address: string): boolean {
  const { node } = parseCertificatePem(certPem, 'The certificate');
  const trimmed = address.trim();
  if (trimmed === '') throw new BerthError('INVALID_ARGUMENT', 'Give an IP address or host name to check the certificate against.');
  const ip = normalizeIp(trimmed);
  if (ip !== undefined) return node.checkIP(ip) !== undefined;
  return (
    node.checkHost(trimmed.replace(/\.$/, ''), {
      subject: 'never',
      wildcards: true,
      partialWildcards: false,
      multiLabelWildcards: false,
    }) !== undefined
  );
}

function oneLine(name: string): string {
  return name.split('\n').join(', ');
}
