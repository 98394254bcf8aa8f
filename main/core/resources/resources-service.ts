import type { ResourceKind } from '../../../shared/resources.js';
import { composeActionOrder, composeLabels, composeLogPrefix, composeProjects } from '../../../shared/compose.js';
import { composeLogContainers, type ResourcesInvokeChannel } from '../../../shared/resources-contract.js';
import type { AuditResourceAction } from '../../../shared/containers.js';
import { readContainers as readContainerSummaries } from '../../../shared/docker/containers.js';
import { isProduction, isReadOnly } from '../../../shared/profile.js';
import type { InvokeResults } from '../../../shared/contract.js';
import type { HostRegistry } from '../app/host-registry.js';
import type { ParsedInput } from '../app/validate-input.js';
import { type ConnectionSource, requireConnection } from '../containers/container-access.js';
import type { ContainersService } from '../containers/containers-service.js';
import { pushTo, requireClient } from '../containers/containers-service.js';
import { logTimeToUnix } from '../containers/log-time.js';
import type { StreamClient } from '../containers/stream-registry.js';
import { BerthError, toEnvelope } from '../errors.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { ComposeLogs } from './compose-logs.js';
import { type DiskUsageSource, readImages, readNetworks, readVolumes } from './resource-reads.js';
import { removeResource } from './resource-removal.js';

export interface ResourcesServiceOptions {
  hosts: HostRegistry;
  connectionOf(hostId: string): DockerConnection | null;
  diskUsageOf(hostId: string): DiskUsageSource;
  /** Mutations, the audit log and the stream registry are the containers' own. */
  containers: ContainersService;
}

type Context = { client?: StreamClient };
type ResourcesHandlers = {
  [C in ResourcesInvokeChannel]: (input: ParsedInput<C>, context: Context) => Promise<InvokeResults[C]>;
};

const removalAction: Record<ResourceKind, AuditResourceAction> = {
  images: 'image-remove',
  volumes: 'volume-remove',
  networks: 'network-remove',
};

/**
 * The resource channels: image, volume and network lists, their removal (read-only switch,
 * production confirmation, audit), compose project actions (through the container mutations) and
 * a project's merged log (a logs stream of the opening client).
 */
export class ResourcesService {
  constructor(private readonly options: ResourcesServiceOptions) {}

  handlers(): ResourcesHandlers {
    return {
      'images:list': ({ hostId }) => readImages(this.readTarget(hostId)),
      'volumes:list': ({ hostId }) => readVolumes(this.readTarget(hostId)),
      'networks:list': ({ hostId }) => readNetworks(this.readTarget(hostId)),
      'resources:remove': (input) => this.remove(input),
      'compose:action': async ({ hostId, project, action, timeoutSeconds, confirmation }) => {
        const found = await this.project(hostId, project);
        const ordered = composeActionOrder(found, action);
        return this.options.containers.runMutation(hostId, {
          action,
          containerIds: ordered.map((container) => container.id),
          sequential: true,
          auditAction: `compose-${action}`,
          ...(timeoutSeconds !== undefined && { timeoutSeconds }),
          ...(confirmation !== undefined && { confirmation }),
        });
      },
      'compose:logs-open': async (input, { client }) => {
        const owner = requireClient(client);
        const registry = this.options.containers.streamRegistry;
        const streamId = registry.reserve(owner, 'logs');
        const found = await this.project(input.hostId, input.project);
        const ordered = composeActionOrder(found, 'start');
        const shown = ordered.slice(0, composeLogContainers);
        const sources = shown.map((container) => ({ containerId: container.id, prefix: composeLogPrefix(container) }));
        const logs = new ComposeLogs({
          sources,
          follow: input.follow,
          tail: input.tail,
          since: input.since === undefined ? undefined : logTimeToUnix(input.since),
          until: input.until === undefined ? undefined : logTimeToUnix(input.until),
          connection: this.source(input.hostId),
          emit: (event) => pushTo(owner, 'logs:event', { ...event, streamId }),
        });
        await logs.open();
        registry.add(streamId, owner, 'logs', logs);
        return { streamId, tty: logs.tty, containers: sources.map((source) => source.prefix), cut: ordered.length - shown.length };
      },
    };
  }

  private async remove(input: ParsedInput<'resources:remove'>) {
    const { hostId, kind, ref, force, confirmation } = input;
    const { profile } = this.options.hosts.view(hostId);
    const containers = this.options.containers;
    const entry = {
      time: new Date().toISOString(),
      user: containers.auditUser,
      hostId,
      hostName: profile.name,
      action: removalAction[kind],
      targets: [ref],
      ...(kind === 'images' && { details: { force } }),
    };
    try {
      if (isReadOnly(profile))
        throw new BerthError(
          'READ_ONLY',
          `Host "${profile.name}" is read-only: Berth removes nothing there. Turn off "read-only" in the host's settings to act on it.`,
        );
      if (isProduction(profile)) checkConfirmation(profile.name, ref, confirmation);
      const removal = await removeResource(requireConnection(this.source(hostId), profile.name), kind, ref, force);
      await containers.auditLog.append({ ...entry, result: 'ok' });
      return removal;
    } catch (error) {
      await containers.auditLog.append({ ...entry, result: 'error', errorCode: toEnvelope(error).code }).catch(() => undefined);
      throw error;
    }
  }

  /** The project's containers as the daemon lists them now (its label filter), not as the last snapshot had them. */
  private async project(hostId: string, name: string) {
    const connection = requireConnection(this.source(hostId), this.hostName(hostId));
    const listed = await connection.api.get('/containers/json', {
      all: 1,
      filters: { label: [`${composeLabels.project}=${name}`] },
    });
    const found = composeProjects(readContainerSummaries(listed)).find((project) => project.name === name);
    if (!found)
      throw new BerthError(
        'RESOURCE_NOT_FOUND',
        `No container on host "${this.hostName(hostId)}" carries the label ${composeLabels.project}=${name}: the project is gone (taken down?). Refresh the list.`,
      );
    return found;
  }

  private readTarget(hostId: string) {
    this.options.hosts.requireConnectable(hostId);
    const connection = requireConnection(this.source(hostId), this.hostName(hostId));
    return { hostId, api: connection.api, diskUsage: this.options.diskUsageOf(hostId) };
  }

  private source(hostId: string): ConnectionSource {
    return () => this.options.connectionOf(hostId);
  }

  private hostName(hostId: string): string {
    return this.options.hosts.view(hostId).profile.name;
  }
}

function checkConfirmation(hostName: string, ref: string, confirmation: string | undefined): void {
  if (confirmation === undefined || confirmation.trim() === '')
    throw new BerthError(
      'PRODUCTION_CONFIRMATION_REQUIRED',
      `"${hostName}" is a production host: to remove "${ref}" here, type its name to confirm.`,
    );
  if (confirmation.trim() !== ref)
    throw new BerthError(
      'PRODUCTION_CONFIRMATION_MISMATCH',
      `The confirmation does not match: on production host "${hostName}" type "${ref}" exactly. Nothing was removed.`,
    );
}
