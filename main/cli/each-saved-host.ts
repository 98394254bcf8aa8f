import type { ErrorEnvelope } from '../../shared/errors.js';
import { exitStatusOf } from '../../shared/errors.js';
import { describeTransport } from '../../shared/profile.js';
import { toEnvelope } from '../core/errors.js';
import { withDaemon } from '../core/probe.js';
import type { DockerConnection } from '../core/transports/docker-connection.js';
import type { KnownHosts } from '../core/ssh/known-hosts.js';
import type { SavedHost } from './saved-hosts.js';

/** One saved host's outcome: what `use` read, or the error that stopped it. */
export interface HostOutcome<T> {
  id: string;
  name: string;
  tags: string[];
  endpoint: string;
  /** Milliseconds from the start of the connection to the answer (or the failure). */
  elapsedMs: number;
  result: { ok: true; value: T } | { ok: false; error: ErrorEnvelope };
}

/**
 * Connects to every saved host at once, each with the probe's rules (one connection, every step
 * under the timeout, no host key accepted that is not on record), runs `use`, and closes. One
 * host's failure never stops the others; the outcomes keep the saved order.
 */
export function eachSavedHost<T>(
  hosts: readonly SavedHost[],
  options: { timeoutMs: number; knownHosts: KnownHosts },
  use: (connection: DockerConnection) => Promise<T>,
): Promise<Array<HostOutcome<T>>> {
  return Promise.all(
    hosts.map(async (host): Promise<HostOutcome<T>> => {
      const started = performance.now();
      const base = {
        id: host.stored.id,
        name: host.stored.name,
        tags: host.stored.tags,
        endpoint: describeTransport(host.stored.transport),
      };
      const done = (result: HostOutcome<T>['result']) => ({ ...base, elapsedMs: Math.round(performance.now() - started), result });
      if ('error' in host) return done({ ok: false, error: host.error });
      try {
        const value = await withDaemon(host.profile.transport, { ...options, acceptNewHostKey: false }, use);
        return done({ ok: true, value });
      } catch (error) {
        return done({ ok: false, error: toEnvelope(error) });
      }
    }),
  );
}

/** 0 when every host answered, else the status of the first failure's kind (as `berth probe`). */
export function fleetExitStatus(outcomes: ReadonlyArray<HostOutcome<unknown>>): number {
  const failed = outcomes.find((outcome) => !outcome.result.ok)?.result;
  return failed && !failed.ok ? exitStatusOf(failed.error.code) : 0;
}
