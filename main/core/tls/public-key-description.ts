import type { KeyObject } from 'node:crypto';

export interface PublicKeyDescription {
  /** "RSA", "EC", "Ed25519", … */
  algorithm: string;
  /** Modulus or curve size in bits, when known. */
  bits: number | undefined;
  /** The named curve of an EC key, as WebCrypto names it (P-256). */
  curve: string | undefined;
  /** E.g. "EC P-256", "RSA 4096". */
  label: string;
}

const curves: Record<string, { name: string; bits: number }> = {
  prime256v1: { name: 'P-256', bits: 256 },
  secp384r1: { name: 'P-384', bits: 384 },
  secp521r1: { name: 'P-521', bits: 521 },
};

/** The algorithm and size of a key (public or private). */
export function describePublicKey(key: KeyObject): PublicKeyDescription {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss': {
      const bits = details.modulusLength;
      const algorithm = key.asymmetricKeyType === 'rsa' ? 'RSA' : 'RSA-PSS';
      return { algorithm, bits, curve: undefined, label: bits === undefined ? algorithm : `${algorithm} ${bits}` };
    }
    case 'ec': {
      const named = details.namedCurve;
      const curve = named === undefined ? undefined : (curves[named] ?? { name: named, bits: undefined });
      return { algorithm: 'EC', bits: curve?.bits, curve: curve?.name, label: curve ? `EC ${curve.name}` : 'EC' };
    }
    default: {
      const type = key.asymmetricKeyType ?? 'unknown';
      const algorithm = type === 'ed25519' ? 'Ed25519' : type === 'ed448' ? 'Ed448' : type.toUpperCase();
      return { algorithm, bits: undefined, curve: undefined, label: algorithm };
    }
  }
}
