import { createHash } from 'node:crypto';

/**
 * The SHA256 fingerprint of an SSH public key blob (the wire format: string type, then the
 * type's fields), exactly as `ssh-keygen -lf` prints it: `SHA256:` and unpadded base64.
 */
export function sha256Fingerprint(keyBlob: Buffer): string {
  const digest = createHash('sha256').update(keyBlob).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/**
 * The key type named at the start of an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, …),
 * or undefined when the blob is too short to hold one.
 */
export function keyTypeOfBlob(keyBlob: Buffer): string | undefined {
  if (keyBlob.length < 4) return undefined;
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) return undefined;
  const type = keyBlob.toString('latin1', 4, 4 + length);
  return /^[\x21-\x7e]+$/.test(type) ? type : undefined;
}
