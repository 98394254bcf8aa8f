import os from 'node:os';
import type { InvokeResults, PushChannel, PushEvents } from '../../../shared/contract.js';
import type { ContainersInvokeChannel } from '../../../shared/containers-contract.js';
import { isProduction, isReadOnly } from '../../../shared/profile.js';
import type { ContainerSummary } from '../../../shared/snapshot.js';
import type { ContainerActionResult } from '../../../shared/containers.js';
import type { HostRegistry } from '../app/host-registry.js';
import type { ParsedInput } from '../app/validate-input.js';
import { BerthError } from '../errors.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { AuditLog } from './audit-log.js';
import { type ConnectionSource, inspectContainer, requireConnection } from './container-access.js';
import { parseContainerDetail } from './container-detail.js';
import { ContainerMutations, type MutationHost, type MutationRequest } from './container-mutations.js';
import { ExecSession } from './exec-session.js';
import { logTimeToUnix } from './log-time.js';
import { LogsStream } from './logs-stream.js';
import { StatsStream } from './stats-stream.js';
import { type StreamClient, type StreamKind, StreamRegistry } from './stream-registry.js';
import { readTopConsumers } from './top-consumers.js';

export interface ContainersServiceTestOptions {
  /** The OS user written to the audit log; default the user running Berth. */
  osUser?: string;
  auditMaxBytes?: number;
  auditFiles?: number;
  /** First pause before a dropped stream tries to resume (ms). */
  resumeRetryMs?: number;
}

export interface ContainersServiceOptions extends ContainersServiceTestOptions {
  hosts: HostRegistry;
  connectionOf(hostId: string): DockerConnection | null;
  containersOf(hostId: string): readonly ContainerSummary[];
  auditDir?: string | undefined;
}

type Context = { client?: StreamClient };
type ContainersHandlers = {
  [C in ContainersInvokeChannel]: (input: ParsedInput<C>, context: Context) => Promise<InvokeResults[C]>;
};

/**
 * The container channels: detail, logs, exec, stats, top consumers, actions and the audit log.
 * Streams are registered per client and closed when it goes away; mutations all go through
 * ContainerMutations (read-only switch, production guard, audit).
 */
export class ContainersService {
  private readonly streams = new StreamRegistry();
  /** The one audit log: container actions and prunes (main/core/cleanup) append to it. */
  readonly audit: AuditLog;
  private readonly mutations: ContainerMutations;

  constructor(private readonly options: ContainersServiceOptions) {
    this.audit = new AuditLog({
      dir: options.auditDir,
      ...(options.auditMaxBytes !== undefined ? { maxBytes: options.auditMaxBytes } : {}),
      ...(options.auditFiles !== undefined ? { files: options.auditFiles } : {}),
    });
    this.mutations = new ContainerMutations(this.audit, options.osUser ?? osUserName());
  }

  handlers(): ContainersHandlers {
    return {
      'containers:inspect': async ({ hostId, containerId }) => {
        const connection = requireConnection(this.source(hostId), this.hostName(hostId));
        return parseContainerDetail(await inspectContainer(connection, containerId));
      },
      'logs:open': async (input, { client }) => {
        const owner = requireClient(client);
        const streamId = this.streams.reserve(owner, 'logs');
        const stream = new LogsStream({
          container: input.containerId,
          follow: input.follow,
          tail: input.tail,
          since: input.since === undefined ? undefined : logTimeToUnix(input.since),
          until: input.until === undefined ? undefined : logTimeToUnix(input.until),
          connection: this.source(input.hostId),
          emit: (event) => pushTo(owner, 'logs:event', { ...event, streamId }),
          ...this.retry(),
        });
        this.requireHost(input.hostId);
        await stream.open();
        this.streams.add(streamId, owner, 'logs', stream);
        return { streamId, tty: stream.tty };
      },
      'logs:close': async ({ streamId }, { client }) => this.close(streamId, client, 'logs'),
      'exec:open': async (input, { client }) => {
        const owner = requireClient(client);
        const streamId = this.streams.reserve(owner, 'exec');
        const source = this.source(input.hostId);
        const connection = requireConnection(source, this.hostName(input.hostId));
        const session = new ExecSession({
          connection,
          currentConnection: source,
          container: input.containerId,
          command: input.command,
          user: input.user,
          workingDir: input.workingDir,
          cols: input.cols,
          rows: input.rows,
          emit: (event) => pushTo(owner, 'exec:event', { ...event, streamId }),
        });
        await session.open();
        this.streams.add(streamId, owner, 'exec', session);
        return { streamId, execId: session.execId };
      },
      'exec:input': async ({ streamId, data }, { client }) => {
        (this.streams.get(streamId, client, 'exec') as ExecSession).write(data);
        return null;
      },
      'exec:resize': async ({ streamId, cols, rows }, { client }) => {
        await (this.streams.get(streamId, client, 'exec') as ExecSession).resize(cols, rows);
        return null;
      },
      'exec:close': async ({ streamId }, { client }) => this.close(streamId, client, 'exec'),
      'stats:open': async ({ hostId, containerId }, { client }) => {
        const owner = requireClient(client);
        const streamId = this.streams.reserve(owner, 'stats');
        this.requireHost(hostId);
        const stream = new StatsStream({
          container: containerId,
          connection: this.source(hostId),
          emit: (event) => pushTo(owner, 'stats:event', { ...event, streamId }),
          ...this.retry(),
        });
        await stream.open();
        this.streams.add(streamId, owner, 'stats', stream);
        return { streamId };
      },
      'stats:close': async ({ streamId }, { client }) => this.close(streamId, client, 'stats'),
      'stats:top': async ({ hostId, limit }) =>
        readTopConsumers(hostId, requireConnection(this.source(hostId), this.hostName(hostId)), limit),
      'containers:action': async ({ hostId, ...request }) => this.mutations.run(this.mutationHost(hostId), request),
      'containers:rename': async ({ hostId, containerId, newName }) =>
        this.mutations.run(this.mutationHost(hostId), {
          action: 'rename',
          containerIds: [containerId],
          newName: newName.replace(/^\//, ''),
        }),
      'audit:list': async ({ hostId, limit }) => this.audit.list(hostId, limit),
    };
  }

  /** Runs a container mutation for another feature (compose project actions): same guard and audit. */
  runMutation(hostId: string, request: MutationRequest): Promise<ContainerActionResult> {
    return this.mutations.run(this.mutationHost(hostId), request);
  }

  /** The OS user the audit log names. */
  get auditUser(): string {
    return this.options.osUser ?? osUserName();
  }

  /** The audit log, for other features' mutations (resource removal). */
  get auditLog(): AuditLog {
    return this.audit;
  }

  /** Registers a stream another feature opened (a compose project's merged log) under its client. */
  get streamRegistry(): StreamRegistry {
    return this.streams;
  }

  /** Open streams, by kind (for leak checks). */
  openStreams(kind?: StreamKind): number {
    return this.streams.count(kind);
  }

  closeClientStreams(clientKey: string): void {
    void this.streams.closeClient(clientKey);
  }

  dispose(): Promise<void> {
    return this.streams.closeAll();
  }

  private async close(streamId: string, client: StreamClient | undefined, kind: StreamKind): Promise<null> {
    await this.streams.close(streamId, client, kind);
    return null;
  }

  private retry(): { retryMs?: number } {
    return this.options.resumeRetryMs !== undefined ? { retryMs: this.options.resumeRetryMs } : {};
  }

  private source(hostId: string): ConnectionSource {
    return () => this.options.connectionOf(hostId);
  }

  private requireHost(hostId: string): void {
    this.options.hosts.requireConnectable(hostId);
    requireConnection(this.source(hostId), this.hostName(hostId));
  }

  private hostName(hostId: string): string {
    return this.options.hosts.view(hostId).profile.name;
  }

  private mutationHost(hostId: string): MutationHost {
    const { profile } = this.options.hosts.view(hostId);
    return {
      id: hostId,
      name: profile.name,
      readOnly: isReadOnly(profile),
      production: isProduction(profile),
      connection: this.source(hostId),
      knownContainers: () => this.options.containersOf(hostId),
    };
  }
}

export function requireClient(client: StreamClient | undefined): StreamClient {
  if (!client)
    throw new BerthError(
      'INVALID_ARGUMENT',
      'Streams are opened by an attached window (Electron IPC or the browser shell), not by a plain call.',
    );
  return client;
}

export function pushTo<P extends PushChannel>(client: StreamClient, channel: P, payload: PushEvents[P]): void {
  client.push({ channel, payload } as Parameters<StreamClient['push']>[0]);
}

/** The OS user running Berth, as the audit log names it. */
export function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
