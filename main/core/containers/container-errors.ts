import { BerthError } from '../errors.js';
import { classifyConnectionError } from '../transports/classify-error.js';

/**
 * A failed container request as the operator should read it. A 404 on a container path means the
 * container is gone (removed by another client a moment ago), not that the daemon is not Docker;
 * a 409 is a state conflict (not running, paused, already stopped).
 */
export function containerError(error: unknown, container: string, endpoint: string): BerthError {
  const status = statusOf(error);
  const daemonMessage = daemonMessageOf(error);
  if (status === 404 || (error instanceof BerthError && error.code === 'NOT_A_DOCKER_DAEMON')) {
    if (/no such exec/i.test(daemonMessage))
      return new BerthError('CONTAINER_NOT_FOUND', `The exec process ended and is gone on ${endpoint}.`);
    return new BerthError(
      'CONTAINER_NOT_FOUND',
      `There is no container "${container}" on ${endpoint} any more: it was removed (perhaps by another client). Refresh the list.`,
    );
  }
  if (status === 304)
    return new BerthError(
      'CONTAINER_CONFLICT',
      `Container "${container}" is already in that state (${trimDaemon(daemonMessage) || 'nothing to do'}).`,
    );
  if (status === 409 || /HTTP 409/.test(error instanceof Error ? error.message : '')) {
    if (/is not running/i.test(daemonMessage) || /is not running/i.test(String((error as Error).message)))
      return new BerthError('CONTAINER_NOT_RUNNING', `Container "${container}" is not running; start it first.`);
    return new BerthError('CONTAINER_CONFLICT', `Container "${container}": ${trimDaemon(daemonMessage || (error as Error).message)}`);
  }
  if (error instanceof BerthError) return error;
  if (typeof status === 'number' && daemonMessage !== '')
    return new BerthError(
      'DAEMON_ERROR',
      `The daemon at ${endpoint} refused this for "${container}" (HTTP ${status}): ${trimDaemon(daemonMessage)}`,
    );
  return classifyConnectionError(error, { endpoint, tls: false });
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** dockerode keeps the daemon's `{"message": …}` in `json`; docker-modem in `reason`. */
function daemonMessageOf(error: unknown): string {
  const json = (error as { json?: unknown } | null)?.json;
  if (typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string')
    return (json as { message: string }).message;
  if (typeof json === 'string') return json;
  return '';
}

function trimDaemon(message: string): string {
  return message
    .replace(/^\(HTTP code \d+\)\s*/, '')
    .trim()
    .slice(0, 500);
}
