import { createPrivateKey, webcrypto } from 'node:crypto';

import { type TlsKeyType, tlsKeyTypeLabels, tlsKeyTypes } from '../../../shared/tls-contract.js';

/** The key types and their labels are the contract's (shared/tls-contract.ts). */
export const keyTypes = tlsKeyTypes;
export type KeyType = TlsKeyType;
export const keyTypeLabels = tlsKeyTypeLabels;

type KeyGenAlgorithm =
  | { name: 'ECDSA'; namedCurve: 'P-256' }
  | { name: 'RSASSA-PKCS1-v1_5'; modulusLength: number; publicExponent: Uint8Array; hash: 'SHA-256' };

const keyAlgorithms: Record<KeyType, KeyGenAlgorithm> = {
  'ec-p256': { name: 'ECDSA', namedCurve: 'P-256' },
  'rsa-2048': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  'rsa-4096': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
};

export function isKeyType(value: unknown): value is KeyType {
  return typeof value === 'string' && (keyTypes as readonly string[]).includes(value);
}

/**
 * A fresh key pair. WebCrypto generates on libuv's thread pool, so even RSA 4096 does not block
 * the event loop; it cannot be interrupted once started, though (see generate-in-worker.ts).
 */
export async function generateKeyPair(keyType: KeyType): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(keyAlgorithms[keyType], true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

/** The certificate signature algorithm for keys of this type: always SHA-256. */
export function signingAlgorithmFor(keyType: KeyType): webcrypto.Algorithm | webcrypto.EcdsaParams {
  return keyType === 'ec-p256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' };
}

/**
 * The private key as PKCS#8 PEM (`BEGIN PRIVATE KEY`, which dockerd and the docker CLI read), or as
 * encrypted PKCS#8 (`BEGIN ENCRYPTED PRIVATE KEY`, AES-256-CBC) when a passphrase is given.
 */
export async function privateKeyToPem(key: webcrypto.CryptoKey, passphrase?: string): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const keyObject = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const pem =
    passphrase === undefined
      ? keyObject.export({ type: 'pkcs8', format: 'pem' })
      : keyObject.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase });
  return pem.toString();
}
