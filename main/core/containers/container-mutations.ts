import type {
  AuditEntry,
  AuditResourceAction,
  ContainerAction,
  ContainerActionOutcome,
  ContainerActionResult,
} from '../../../shared/containers.js';
import { isDestructive, requiredConfirmation } from '../../../shared/containers.js';
import type { ContainerSummary } from '../../../shared/snapshot.js';
import { BerthError, toEnvelope } from '../errors.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import type { AuditLog } from './audit-log.js';
import { type ConnectionSource, inspectContainer, requireConnection } from './container-access.js';
import { containerError } from './container-errors.js';

export interface MutationHost {
  id: string;
  name: string;
  readOnly: boolean;
  production: boolean;
  connection: ConnectionSource;
  /** The host's last known containers (for names without a request); may be empty. */
  knownContainers(): readonly ContainerSummary[];
}

export interface MutationRequest {
  action: ContainerAction;
  containerIds: string[];
  signal?: string | undefined;
  force?: boolean | undefined;
  removeVolumes?: boolean | undefined;
  timeoutSeconds?: number | undefined;
  confirmation?: string | undefined;
  newName?: string | undefined;
  /** One container after the other in the given order (compose project actions), instead of 4 at once. */
  sequential?: boolean | undefined;
  /** What the audit line calls the action when it is part of something larger (`compose-stop`). */
  auditAction?: AuditResourceAction | undefined;
  /** Audit targets when they are not the containers' names (a compose project). */
  auditTargets?: string[] | undefined;
}

/** Containers acted on at once in a bulk action. */
const concurrency = 4;
/** Beyond the stop grace period, how long an action may take before it is reported as TIMEOUT. */
const actionSlackMs = 30_000;

/**
 * The one place container mutations go through: the host's read-only switch (refused before any
 * request reaches the daemon), the production guard (typed confirmation for destructive actions),
 * the action itself per container, and one audit line per action, refused or not.
 */
export class ContainerMutations {
  constructor(
    private readonly audit: AuditLog,
    private readonly osUser: string,
  ) {}

  async run(host: MutationHost, request: MutationRequest): Promise<ContainerActionResult> {
    const details = auditDetails(request);
    const entry = (targets: string[]): Omit<AuditEntry, 'result'> => ({
      time: new Date().toISOString(),
      user: this.osUser,
      hostId: host.id,
      hostName: host.name,
      action: request.auditAction ?? request.action,
      targets: request.auditTargets ?? targets,
      ...(details && { details }),
    });
    let targets = [...request.containerIds];
    try {
      if (host.readOnly)
        throw new BerthError(
          'READ_ONLY',
          `Host "${host.name}" is read-only: Berth does not ${request.action} containers there. Turn off "read-only" in the host's settings to act on it.`,
        );
      const connection = requireConnection(host.connection, host.name);
      targets = await this.names(host, connection, request.containerIds);
      if (host.production && isDestructive(request.action, targets.length)) checkConfirmation(host, request, targets);
    } catch (error) {
      await this.record({ ...entry(targets), result: 'error', errorCode: toEnvelope(error).code });
      throw error;
    }
    const connection = requireConnection(host.connection, host.name);
    const results = await mapLimited(
      request.containerIds,
      request.sequential ? 1 : concurrency,
      async (containerId, index): Promise<ContainerActionOutcome> => {
        const name = targets[index] ?? containerId;
        try {
          await perform(connection, containerId, request);
          return { containerId, name, ok: true };
        } catch (error) {
          return { containerId, name, ok: false, error: toEnvelope(containerError(error, name, connection.endpoint)) };
        }
      },
    );
    const failures = results.filter((result) => !result.ok);
    const firstError = failures.find((result) => !result.ok);
    await this.record({
      ...entry(targets),
      result: failures.length === 0 ? 'ok' : failures.length === results.length ? 'error' : 'partial',
      ...(firstError && !firstError.ok ? { errorCode: firstError.error.code } : {}),
    });
    return { action: request.action, results };
  }

  private async record(entry: AuditEntry): Promise<void> {
    // A full disk must not hide the action's own outcome; the failure is reported with it.
    await this.audit.append(entry).catch((error: unknown) => {
      throw new BerthError(
        'FILE_NOT_WRITABLE',
        `The audit log could not be written (${error instanceof Error ? error.message : String(error)}).`,
      );
    });
  }

  /** Each target's name (without the slash), from the host's container list or its inspect. */
  private async names(host: MutationHost, connection: DockerConnection, refs: string[]): Promise<string[]> {
    const known = host.knownContainers();
    return Promise.all(
      refs.map(async (ref) => {
        const summary = known.find(
          (container) => container.id.startsWith(ref) || container.names.some((name) => name.replace(/^\//, '') === ref),
        );
        const name = summary?.names[0]?.replace(/^\//, '');
        if (name) return name;
        const inspect = await inspectContainer(connection, ref).catch(() => undefined);
        return typeof inspect?.Name === 'string' ? inspect.Name.replace(/^\//, '') : ref;
      }),
    );
  }
}

function checkConfirmation(host: MutationHost, request: MutationRequest, names: string[]): void {
  const expected = requiredConfirmation(names);
  const what = names.length === 1 ? `the container's name (${expected})` : `the number of containers (${expected})`;
  if (request.confirmation === undefined || request.confirmation.trim() === '')
    throw new BerthError(
      'PRODUCTION_CONFIRMATION_REQUIRED',
      `"${host.name}" is a production host: to ${request.action} here, type ${what} to confirm.`,
    );
  if (request.confirmation.trim() !== expected)
    throw new BerthError(
      'PRODUCTION_CONFIRMATION_MISMATCH',
      `The confirmation does not match: on production host "${host.name}" type ${what} exactly. Nothing was done.`,
    );
}

async function perform(connection: DockerConnection, containerId: string, request: MutationRequest): Promise<void> {
  const container = connection.docker.getContainer(containerId);
  const grace = request.timeoutSeconds;
  const run = (): Promise<unknown> => {
    switch (request.action) {
      case 'start':
        return container.start();
      case 'stop':
        return container.stop(grace === undefined ? {} : { t: grace });
      case 'restart':
        return container.restart(grace === undefined ? {} : { t: grace });
      case 'kill':
        return container.kill({ signal: request.signal ?? 'SIGKILL' });
      case 'pause':
        return container.pause();
      case 'unpause':
        return container.unpause();
      case 'remove':
        return container.remove({ force: request.force === true, v: request.removeVolumes === true });
      case 'rename':
        return container.rename({ name: request.newName ?? '' });
    }
  };
  const deadlineMs = (grace ?? 10) * 1000 + actionSlackMs;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new BerthError(
            'TIMEOUT',
            `${request.action} of "${containerId}" did not finish within ${deadlineMs / 1000} s on ${connection.endpoint}; check the container's state.`,
          ),
        ),
      deadlineMs,
    );
  });
  try {
    await Promise.race([run(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function auditDetails(request: MutationRequest): Record<string, string | number | boolean> | undefined {
  const details: Record<string, string | number | boolean> = {};
  if (request.action === 'kill') details.signal = request.signal ?? 'SIGKILL';
  if (request.action === 'remove') {
    details.force = request.force === true;
    details.volumes = request.removeVolumes === true;
  }
  if (request.action === 'rename' && request.newName) details.newName = request.newName;
  if (request.timeoutSeconds !== undefined) details.timeoutSeconds = request.timeoutSeconds;
  return Object.keys(details).length > 0 ? details : undefined;
}

export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
