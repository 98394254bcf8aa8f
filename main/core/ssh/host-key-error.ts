import type { ErrorCode } from '../../../shared/errors.js';
import type { HostKeyPrompt } from '../../../shared/snapshot.js';
import { BerthError } from '../errors.js';

export type HostKeyErrorCode = Extract<ErrorCode, 'SSH_HOST_KEY_UNKNOWN' | 'SSH_HOST_KEY_CHANGED'>;

/**
 * A host key Berth refused: unknown (waits for the operator), changed or revoked (a possible
 * attack). Carries the prompt the UI shows and, for unknown and changed keys, the public key
 * to pass to KnownHosts.trust once the operator has confirmed its fingerprint.
 */
export class HostKeyError extends BerthError {
  readonly prompt: HostKeyPrompt;
  /** The key the server presented; undefined for a revoked key, which is never trusted. */
  readonly keyBlob: Buffer | undefined;

  constructor(code: HostKeyErrorCode, message: string, hostKey: { prompt: HostKeyPrompt; keyBlob?: Buffer }) {
    super(code, message);
    this.name = 'HostKeyError';
    this.prompt = hostKey.prompt;
    this.keyBlob = hostKey.keyBlob;
  }

  /** Marked @revoked in a known_hosts file: never forgotten or accepted by Berth. */
  get revoked(): boolean {
    return this.code === 'SSH_HOST_KEY_CHANGED' && this.keyBlob === undefined;
  }
}
