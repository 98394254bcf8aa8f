import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { PemSource } from '../../../shared/profile.js';
import { BerthError } from '../errors.js';
import { readTextFile } from '../read-text-file.js';

export type PemRole = 'CA certificate' | 'client certificate' | 'client key';

/** Reads a PEM source and checks it really holds a certificate or key, so mistakes surface before the handshake. */
export async function loadPem(source: PemSource, role: PemRole): Promise<string> {
  const text =
    source.kind === 'pem'
      ? source.pem
      : await readTextFile(source.path, `${role} file`, 'Check the path (or DOCKER_CERT_PATH) and its permissions.');
  const where = source.kind === 'path' ? source.path : `the pasted ${role}`;
  try {
    if (role === 'client key') createPrivateKey(text);
    else new X509Certificate(text);
  } catch {
    throw new BerthError(
      'TLS_INVALID_PEM',
      `${where} does not hold a valid ${role} in PEM form. Check that the ${role} and the other TLS files are not swapped (ca.pem, cert.pem, key.pem).`,
    );
  }
  return text;
}
