import { BerthError } from '../errors.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { containerError } from './container-errors.js';

/** How a container feature reaches its host: the host's current live connection, or null while it is not ready. */
export type ConnectionSource = () => DockerConnection | null;

export function requireConnection(source: ConnectionSource, hostName: string): DockerConnection {
  const connection = source();
  if (!connection)
    throw new BerthError(
      'HOST_NOT_CONNECTED',
      `Host "${hostName}" is not connected right now; wait until it is ready (or retry it) and try again.`,
    );
  return connection;
}

export function containerPath(container: string, suffix = ''): string {
  return `/containers/${encodeURIComponent(container)}${suffix}`;
}

/** GET /containers/{id}/json with the container's errors (gone, …) said as such. */
export async function inspectContainer(connection: DockerConnection, container: string): Promise<Record<string, unknown>> {
  try {
    const inspect = await connection.api.get(containerPath(container, '/json'));
    if (typeof inspect !== 'object' || inspect === null)
      throw new BerthError('DAEMON_ERROR', `The daemon at ${connection.endpoint} sent no inspect data for "${container}".`);
    return inspect as Record<string, unknown>;
  } catch (error) {
    throw containerError(error, container, connection.endpoint);
  }
}

/** Waits `ms`, or less when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export interface RetryOptions {
  retryMs?: number | undefined;
  retryMaxMs?: number | undefined;
}

/**
 * Tries `attempt` with growing pauses until it succeeds (its value), the signal aborts (undefined)
 * or it fails with the container gone (that error is thrown).
 */
export async function retryUntilBack<T>(attempt: () => Promise<T>, signal: AbortSignal, options: RetryOptions): Promise<T | undefined> {
  let wait = options.retryMs ?? 500;
  while (!signal.aborted) {
    await pause(wait, signal);
    if (signal.aborted) return undefined;
    wait = Math.min(wait * 2, options.retryMaxMs ?? 5_000);
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof BerthError && error.code === 'CONTAINER_NOT_FOUND') throw error;
    }
  }
  return undefined;
}

/**
 * After a followed stream ended without an error: 'stopped' when the container no longer runs,
 * 'gone' (with the error) when it was removed, 'resume' when it still runs or the host cannot say.
 */
export async function whyStreamEnded(
  source: ConnectionSource,
  container: string,
): Promise<{ outcome: 'stopped' | 'resume' } | { outcome: 'gone'; error: BerthError }> {
  const connection = source();
  if (!connection) return { outcome: 'resume' };
  try {
    const inspect = await inspectContainer(connection, container);
    return (inspect.State as { Running?: unknown } | undefined)?.Running === true ? { outcome: 'resume' } : { outcome: 'stopped' };
  } catch (error) {
    if (error instanceof BerthError && error.code === 'CONTAINER_NOT_FOUND') return { outcome: 'gone', error };
    return { outcome: 'resume' };
  }
}

/** The message a stream pushes with `disconnected`. */
export const droppedError = {
  code: 'CONNECTION_RESET',
  message: 'The connection to the host dropped; following again as soon as it is back.',
} as const;
