import type { HostVerifier, ServerHostKeyAlgorithm } from 'ssh2';
import { formatHostPort } from '../../../shared/profile.js';
import type { HostKeyPrompt } from '../../../shared/snapshot.js';
import { BerthError } from '../errors.js';
import { keyTypeOfBlob, sha256Fingerprint } from './fingerprint.js';
import { HostKeyError } from './host-key-error.js';
import type { HostKeyCheck, KnownHosts } from './known-hosts.js';

/** The verdict on the key a server presented, kept so the connection can explain a refusal. */
export interface HostKeyVerification {
  verifier: HostVerifier;
  /** Set when the key was refused: the error to report instead of ssh2's generic one. */
  readonly rejection: BerthError | undefined;
}

/** A jump host's place in its chain (1-based), named in its host-key prompt and messages. */
export type JumpPosition = NonNullable<HostKeyPrompt['jump']>;

/**
 * Builds an ssh2 `hostVerifier` that accepts only keys `knownHosts` knows for host:port.
 * Unknown, changed and revoked keys are refused, never accepted automatically. `jump` says the
 * host is a jump host of the chain, not the daemon's host.
 */
export function verifyHostKeyWith(knownHosts: KnownHosts, host: string, port: number, jump?: JumpPosition): HostKeyVerification {
  const state: { rejection: BerthError | undefined } = { rejection: undefined };
  const verifier: HostVerifier = (key, verify) => {
    const keyType = keyTypeOfBlob(key);
    if (keyType === undefined) {
      state.rejection = new BerthError(
        'SSH_HOST_KEY_CHANGED',
        `${formatHostPort(host, port)} presented a malformed host key. Berth refused to continue.`,
      );
      verify(false);
      return;
    }
    knownHosts.check(host, port, keyType, key).then(
      (check) => {
        if (check.status === 'known') {
          verify(true);
          return;
        }
        state.rejection = hostKeyError(check, { host, port, keyType, keyBlob: key, ...(jump && { jump }) }, knownHosts.file);
        verify(false);
      },
      (error: unknown) => {
        state.rejection = new BerthError('INTERNAL', `Checking the host key of ${formatHostPort(host, port)} failed unexpectedly.`, {
          cause: error,
        });
        verify(false);
      },
    );
  };
  return {
    verifier,
    get rejection() {
      return state.rejection;
    },
  };
}

/** The HostKeyError for a host key that is not known to be good. */
export function hostKeyError(
  check: Exclude<HostKeyCheck, { status: 'known' }>,
  presented: { host: string; port: number; keyType: string; keyBlob: Buffer; jump?: JumpPosition },
  appKnownHostsFile: string,
): HostKeyError {
  const { keyBlob, ...rest } = presented;
  const key = { ...rest, fingerprint: sha256Fingerprint(keyBlob) };
  const address = describeHostKeyOwner(key);
  switch (check.status) {
    case 'unknown': {
      const prompt: HostKeyPrompt = { ...key, changed: false };
      return new HostKeyError(
        'SSH_HOST_KEY_UNKNOWN',
        `Berth has never seen ${address} before. Its ${key.keyType} host key has the fingerprint ${key.fingerprint}. Confirm that this SHA256 fingerprint is the server's (ask its administrator, or run ssh-keygen -lf on its host key) before trusting it.`,
        { prompt, keyBlob },
      );
    }
    case 'changed': {
      const prompt: HostKeyPrompt = {
        ...key,
        changed: true,
        knownFingerprint: check.knownFingerprint,
        knownKeyType: check.knownKeyType,
      };
      const where = check.file.startsWith('(') ? 'the key accepted earlier in this session' : `line ${check.line} of ${check.file}`;
      const fix =
        check.file === appKnownHostsFile || check.file.startsWith('(')
          ? `forget the old key in Berth (or remove ${where})`
          : `remove ${where} (for example with ssh-keygen -R)`;
      const otherType =
        check.knownKeyType === key.keyType
          ? ''
          : ` The server no longer offers a ${check.knownKeyType} key at all; a key of another type for a known host is a changed key, not a new one.`;
      return new HostKeyError(
        'SSH_HOST_KEY_CHANGED',
        `WARNING: the host key of ${address} has changed. It now presents ${key.keyType} ${key.fingerprint}, but ${check.knownKeyType} ${check.knownFingerprint} is on record (${where}). Someone may be intercepting the connection (a man-in-the-middle attack), or the server was reinstalled.${otherType} Berth did not connect. Only if you know the change is expected, ${fix} and connect again to review the new key.`,
        { prompt, keyBlob },
      );
    }
    case 'revoked': {
      const prompt: HostKeyPrompt = { ...key, changed: true };
      return new HostKeyError(
        'SSH_HOST_KEY_CHANGED',
        `${address.charAt(0).toUpperCase()}${address.slice(1)} presented the host key ${key.keyType} ${key.fingerprint}, which is marked @revoked on line ${check.line} of ${check.file}. A revoked key must never be used: the server may be compromised. Berth did not connect; ask the server's administrator for its new host key.`,
        { prompt },
      );
    }
  }
}

/** `127.0.0.1:22`, or for a jump host `jump host 1 of 2, 127.0.0.1:22221`: messages name the hop. */
export function describeHostKeyOwner(key: { host: string; port: number; jump?: JumpPosition }): string {
  const address = formatHostPort(key.host, key.port);
  return key.jump === undefined ? address : `the jump host ${address} (hop ${key.jump.number} of ${key.jump.count} before the Docker host)`;
}

const ALGORITHMS_FOR_KEY_TYPE: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/**
 * Host key algorithms to prefer for a host whose key types are on record, as OpenSSH does:
 * a server with both ed25519 and ecdsa keys, known by its ecdsa key, is then checked
 * against that key instead of looking unknown. Undefined keeps ssh2's defaults.
 */
export function preferredHostKeyAlgorithms(knownTypes: readonly string[]): ServerHostKeyAlgorithm[] | undefined {
  const preferred = knownTypes.flatMap((type) => ALGORITHMS_FOR_KEY_TYPE[type] ?? []);
  return preferred.length === 0 ? undefined : [...new Set(preferred)];
}
