import { BerthError } from '../../errors.js';
import type { TlsHostVerification, VerifyTlsHostOptions } from './verify-tls-host.js';

export interface WaitForTlsDaemonOptions extends Omit<VerifyTlsHostOptions, 'timeoutMs' | 'signal'> {
  /** Overall deadline. */
  timeoutMs: number;
  /** Pause between attempts. Default 500 ms. */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Called after each failed attempt. */
  onAttempt?: (attempt: number, error: BerthError) => void;
}

export interface WaitDependencies {
  verify(options: VerifyTlsHostOptions): Promise<TlsHostVerification>;
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
  now(): number;
}

const ATTEMPT_TIMEOUT_MS = 5_000;
/**
 * Errors that a daemon still starting never causes: once seen this many times in a row, waiting
 * longer cannot help (a restart that returns early may still show the old daemon once or twice).
 */
const DEFINITIVE_CODES = new Set([
  'TLS_HOSTNAME_MISMATCH',
  'TLS_UNTRUSTED_CERTIFICATE',
  'TLS_CERTIFICATE_EXPIRED',
  'TLS_CLIENT_CERT_REJECTED',
  'TLS_INVALID_PEM',
]);
const DEFINITIVE_REPEATS = 3;

/**
 * Polls the daemon over TLS until it answers /version with the new certificates, or the deadline
 * passes. Rejects with TLS_INSTALL_DAEMON_NOT_READY naming the last error, or TLS_INSTALL_CANCELLED.
 */
export async function waitForTlsDaemon(options: WaitForTlsDaemonOptions, dependencies: WaitDependencies): Promise<TlsHostVerification> {
  const { timeoutMs, signal, onAttempt, intervalMs = 500, ...target } = options;
  const deadline = dependencies.now() + timeoutMs;
  let attempt = 0;
  let last: BerthError | undefined;
  let repeats = 0;
  for (;;) {
    if (signal?.aborted) throw new BerthError('TLS_INSTALL_CANCELLED', 'The install was cancelled while waiting for the daemon.');
    attempt++;
    const remaining = Math.max(1, deadline - dependencies.now());
    try {
      return await dependencies.verify({ ...target, timeoutMs: Math.min(ATTEMPT_TIMEOUT_MS, remaining), ...(signal ? { signal } : {}) });
    } catch (error) {
      const failure =
        error instanceof BerthError ? error : new BerthError('INTERNAL', `Checking the daemon failed: ${String(error)}`, { cause: error });
      if (failure.code === 'TLS_INSTALL_CANCELLED') throw failure;
      repeats = last?.code === failure.code ? repeats + 1 : 1;
      last = failure;
      onAttempt?.(attempt, failure);
    }
    const stop = DEFINITIVE_CODES.has(last.code) && repeats >= DEFINITIVE_REPEATS;
    if (stop || dependencies.now() + intervalMs >= deadline) {
      throw new BerthError(
        'TLS_INSTALL_DAEMON_NOT_READY',
        stop
          ? `The daemon answers at ${target.host}:${target.port}, but the TLS check fails: ${last.code}: ${last.message}`
          : `The daemon did not answer over TLS at ${target.host}:${target.port} within ${Math.round(timeoutMs / 1000)} s (last error: ${last.code}: ${last.message}). Check that dockerd started (systemctl status docker, journalctl -u docker), that the port is not blocked by a firewall, and that the daemon.json the install wrote is in effect; roll back to return to the previous configuration.`,
        { cause: last },
      );
    }
    await dependencies.sleep(intervalMs, signal);
  }
}
