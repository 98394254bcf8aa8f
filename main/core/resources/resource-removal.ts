import { type ResourceKind, type ResourceRemoval, builtInNetworks } from '../../../shared/resources.js';
import { BerthError } from '../errors.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { readContainers } from './resource-reads.js';

const what: Record<ResourceKind, string> = { images: 'image', volumes: 'volume', networks: 'network' };

/**
 * Removes one image reference, volume or network. The built-in networks are refused here, before
 * any request. When the daemon refuses because containers use the resource, the error names them
 * (read from the container list: the daemon's own message gives ids at best).
 */
export async function removeResource(
  connection: DockerConnection,
  kind: ResourceKind,
  ref: string,
  force: boolean,
): Promise<ResourceRemoval> {
  const { api, endpoint } = connection;
  if (kind === 'networks') await refuseBuiltIn(connection, ref);
  const path = `/${kind}/${encodeURIComponent(ref)}`;
  try {
    const body = await api.delete(path, kind === 'images' ? { force, noprune: false } : kind === 'volumes' ? { force: false } : undefined);
    return { kind, ref, report: kind === 'images' ? imageReport(body) : [] };
  } catch (error) {
    const status = statusOf(error);
    const message = daemonMessageOf(error);
    if (status === 404)
      throw new BerthError(
        'RESOURCE_NOT_FOUND',
        `There is no ${what[kind]} "${ref}" on ${endpoint} any more (removed by another client?). Refresh the list.`,
      );
    if (status === 409 || (kind === 'networks' && status === 403 && /active endpoints/i.test(message))) {
      const users = await usersOf(connection, kind, ref).catch(() => []);
      throw inUse(kind, ref, users, message, force);
    }
    if (status === 403 && kind === 'networks')
      throw new BerthError('RESOURCE_PROTECTED', `The daemon refuses to remove network "${ref}": ${message.slice(0, 300)}`);
    throw error;
  }
}

async function refuseBuiltIn(connection: DockerConnection, ref: string): Promise<void> {
  let name = ref;
  if (!builtInNetworks.includes(ref)) {
    // An id (or id prefix) of a built-in network is refused too: ask the daemon which network it is.
    const inspect = await connection.api.get(`/networks/${encodeURIComponent(ref)}`).catch(() => null);
    const named = (inspect as { Name?: unknown } | null)?.Name;
    if (typeof named === 'string') name = named;
  }
  if (builtInNetworks.includes(name))
    throw new BerthError(
      'RESOURCE_PROTECTED',
      `"${name}" is one of the daemon's own networks (bridge, host, none): Berth never removes it, and the daemon needs it.`,
    );
}

/** Names of the containers using the resource (all of them, running or not). */
async function usersOf(connection: DockerConnection, kind: ResourceKind, ref: string): Promise<string[]> {
  const containers = await readContainers(connection.api);
  if (kind === 'volumes') return containers.filter((container) => container.volumes.includes(ref)).map((container) => container.name);
  if (kind === 'networks') {
    const inspect = (await connection.api.get(`/networks/${encodeURIComponent(ref)}`).catch(() => null)) as {
      Id?: unknown;
      Name?: unknown;
    } | null;
    const id = typeof inspect?.Id === 'string' ? inspect.Id : ref;
    const name = typeof inspect?.Name === 'string' ? inspect.Name : ref;
    return containers
      .filter((container) => container.networks.some((network) => network.networkId === id || network.name === name))
      .map((container) => container.name);
  }
  const image = (await connection.api.get(`/images/${encodeURIComponent(ref)}/json`).catch(() => null)) as { Id?: unknown } | null;
  const id = typeof image?.Id === 'string' ? image.Id : ref;
  return containers.filter((container) => container.imageId === id).map((container) => container.name);
}

function inUse(kind: ResourceKind, ref: string, users: string[], daemonMessage: string, force: boolean): BerthError {
  const names = users.length > 0 ? users.slice(0, 10).join(', ') + (users.length > 10 ? ` and ${users.length - 10} more` : '') : '';
  if (kind === 'images' && users.length === 0)
    // No container uses it: the daemon refused because the image has several tags or children.
    return new BerthError(
      'RESOURCE_IN_USE',
      `The daemon refused to remove image "${ref}": ${daemonMessage.slice(0, 300)}${force ? '' : ' Remove it with "force" to untag every reference.'}`,
    );
  const byWhom = names ? `used by container${users.length === 1 ? '' : 's'} ${names}` : 'in use';
  const advice =
    kind === 'images'
      ? force
        ? 'Remove the running container first.'
        : 'Remove the container first, or remove with "force" (a stopped container then keeps the image without a name).'
      : kind === 'volumes'
        ? 'Remove the container first (a stopped container keeps its volumes).'
        : 'Disconnect or remove the container first.';
  return new BerthError('RESOURCE_IN_USE', `${what[kind][0]?.toUpperCase()}${what[kind].slice(1)} "${ref}" is ${byWhom}. ${advice}`);
}

function imageReport(body: unknown): string[] {
  if (!Array.isArray(body)) return [];
  return body.slice(0, 1000).flatMap((item) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as { Untagged?: unknown; Deleted?: unknown };
    if (typeof entry.Untagged === 'string') return [`Untagged: ${entry.Untagged.slice(0, 1024)}`];
    if (typeof entry.Deleted === 'string') return [`Deleted: ${entry.Deleted.slice(0, 1024)}`];
    return [];
  });
}

/** The daemon's HTTP status, kept as the classified error's cause. */
function statusOf(error: unknown): number | undefined {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const status = (cause as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The daemon's own message ({"message": …}), kept as the classified error's cause. */
function daemonMessageOf(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
