import { type KeyObject, createPrivateKey } from 'node:crypto';
import { BerthError } from '../errors.js';
import { describePublicKey } from './public-key-description.js';

export interface PrivateKeyDescription {
  encrypted: boolean;
  /** E.g. "EC P-256" or "RSA 4096"; unknown while the key is encrypted. */
  algorithm: string | undefined;
}

/** Whether a PEM private key is encrypted (PKCS#8 `ENCRYPTED PRIVATE KEY` or legacy `Proc-Type: 4,ENCRYPTED`). */
export function isEncryptedPrivateKeyPem(pem: string): boolean {
  return pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || /Proc-Type:\s*4,ENCRYPTED/.test(pem);
}

/**
 * Loads the CA private key, decrypting it with the passphrase when it is encrypted. A missing or
 * wrong passphrase gets its own error code, so a form can ask again.
 */
export function loadCaPrivateKey(pem: string, passphrase?: string): KeyObject {
  const encrypted = isEncryptedPrivateKeyPem(pem);
  if (encrypted && (passphrase === undefined || passphrase === '')) {
    throw new BerthError('TLS_CA_PASSPHRASE_REQUIRED', 'The CA key (ca-key.pem) is encrypted: give its passphrase to use it.');
  }
  try {
    return encrypted
      ? createPrivateKey({ key: pem, format: 'pem', passphrase: passphrase! })
      : createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    if (encrypted) {
      // A wrong passphrase usually fails the padding check (bad decrypt) but can also decrypt to garbage.
      throw new BerthError('TLS_CA_PASSPHRASE_WRONG', 'The passphrase does not unlock the CA key (ca-key.pem). Check it and try again.', {
        cause: error,
      });
    }
    throw new BerthError(
      'TLS_INVALID_PEM',
      'The CA key file does not hold a private key in PEM form. Check that ca-key.pem and ca.pem are not swapped.',
      {
        cause: error,
      },
    );
  }
}

/** What a private key file holds, without needing its passphrase. */
export function describePrivateKeyPem(pem: string): PrivateKeyDescription {
  if (isEncryptedPrivateKeyPem(pem)) return { encrypted: true, algorithm: undefined };
  try {
    return { encrypted: false, algorithm: describePublicKey(createPrivateKey(pem)).label };
  } catch (error) {
    throw new BerthError('TLS_INVALID_PEM', 'The file looks like a private key but cannot be read as one.', { cause: error });
  }
}
