import type { HostProfile } from '../../shared/profile.js';
import { errorKindOf } from '../../shared/errors.js';
import type { HostKeyPrompt, HostSnapshot, HostStatus } from '../../shared/snapshot.js';
import { type BackoffPolicy, backoffDelay } from './backoff.js';
import { BerthError, toEnvelope } from './errors.js';
import { type DockerEvent, consumeEventStream } from './events-stream.js';
import { readContainer, readSnapshot, withContainer } from './snapshot-reader.js';
import { readDiskUsage } from '../../shared/docker/disk-usage.js';
import type { KnownHosts } from './ssh/known-hosts.js';
import { type ConnectOptions, type DockerConnection, openDockerConnection } from './transports/docker-connection.js';

export type HostSessionEvent =
  { type: 'status'; hostId: string; status: HostStatus } | { type: 'snapshot'; hostId: string; snapshot: HostSnapshot };

export interface HostSessionOptions {
  knownHosts: KnownHosts;
  timeoutMs: number;
  backoff: BackoffPolicy;
  /** How often a ready host is pinged, to notice a silently dead connection. */
  heartbeatMs: number;
  openConnection?: (profile: HostProfile, options: ConnectOptions) => Promise<DockerConnection>;
}

/** Error kinds that retrying cannot fix: the operator has to change something first. */
const permanentKinds = new Set(['usage', 'tls', 'authentication', 'hostKey', 'internal']);
const permanentCodes = new Set([
  'SOCKET_PERMISSION_DENIED',
  'REMOTE_SOCKET_PERMISSION_DENIED',
  'NOT_A_DOCKER_DAEMON',
  'SSH_FORWARDING_REFUSED',
]);
const containerRefreshDelayMs = 15;
const diskUsageRefreshDelayMs = 1_000;

/**
 * One host's live session: connects, reads the snapshot, follows `/events`, and reconnects with
 * backoff when anything drops. Every async continuation checks `generation`, so results of an
 * attempt that was superseded (stop, reconnect) are dropped instead of racing the new one.
 */
export class HostSession {
  private status: HostStatus = { state: 'idle' };
  private snapshot: HostSnapshot | null = null;
  private connection: DockerConnection | null = null;
  private generation = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private streamAbort: AbortController | undefined;
  private pendingHostKey: { prompt: HostKeyPrompt; keyBlob: Buffer } | undefined;
  private readonly containerRefreshes = new Set<string>();
  private containerRefreshTimer: NodeJS.Timeout | undefined;
  private diskUsageTimer: NodeJS.Timeout | undefined;

  constructor(
    private profile: HostProfile,
    private readonly options: HostSessionOptions,
    private readonly emit: (event: HostSessionEvent) => void,
  ) {}

  get id(): string {
    return this.profile.id;
  }

  currentStatus(): HostStatus {
    return this.status;
  }

  currentSnapshot(): HostSnapshot | null {
    return this.snapshot;
  }

  /** Starts connecting unless already connected or on the way. */
  start(): void {
    if (this.status.state === 'idle' || this.status.state === 'failed') {
      this.attempt = 0;
      void this.connect();
    }
  }

  /** Drops the current connection and connects again now, e.g. after a profile change. */
  async reconnect(profile: HostProfile = this.profile): Promise<void> {
    this.profile = profile;
    await this.teardown();
    this.attempt = 0;
    void this.connect();
  }

  async stop(): Promise<void> {
    await this.teardown();
    this.setStatus({ state: 'idle' });
  }

  /** Trusts the host key the session is waiting on, once or for good, and connects again. */
  async acceptHostKey(persist: boolean): Promise<void> {
    const pending = this.pendingHostKey;
    if (!pending || this.status.state !== 'needs-host-key-confirmation') {
      throw new BerthError('INVALID_ARGUMENT', `Host "${this.profile.name}" is not waiting for a host-key confirmation.`);
    }
    const { host, port, keyType } = pending.prompt;
    await this.options.knownHosts.trust(host, port, keyType, pending.keyBlob, { persist });
    this.pendingHostKey = undefined;
    this.attempt = 0;
    void this.connect();
  }

  /** Rejects the key the session is waiting on: the host stays failed until the operator retries. */
  rejectHostKey(): void {
    if (this.status.state !== 'needs-host-key-confirmation') return;
    const prompt = this.pendingHostKey?.prompt;
    this.pendingHostKey = undefined;
    this.setStatus({
      state: 'failed',
      error: {
        code: 'SSH_HOST_KEY_UNKNOWN',
        message: `You rejected the host key of ${prompt?.host ?? this.profile.name}. Verify its fingerprint with the server's administrator, then retry.`,
      },
      ...(prompt ? { hostKey: prompt } : {}),
    });
  }

  /** Re-reads the whole snapshot over the held connection. */
  async refresh(): Promise<HostSnapshot> {
    const connection = this.connection;
    if (!connection || this.status.state !== 'ready') {
      throw new BerthError('INVALID_ARGUMENT', `Host "${this.profile.name}" is not connected (${this.status.state}).`);
    }
    const snapshot = await readSnapshot(connection.api, this.profile.id);
    this.publishSnapshot(snapshot);
    return snapshot;
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    if (this.attempt === 0) this.setStatus({ state: 'connecting' });
    const open = this.options.openConnection ?? ((profile, options) => openDockerConnection(profile.transport, options));
    let connection: DockerConnection | undefined;
    try {
      connection = await open(this.profile, { knownHosts: this.options.knownHosts, timeoutMs: this.options.timeoutMs });
      if (generation !== this.generation) return void (await connection.close());
      this.connection = connection;
      const heldConnection = connection;
      connection.onLost((error) => this.connectionLost(generation, error));
      // Events since just before the read, so nothing that happens during it is missed.
      const since = Math.floor(Date.now() / 1000) - 1;
      const snapshot = await readSnapshot(connection.api, this.profile.id);
      if (generation !== this.generation) return;
      this.attempt = 0;
      this.publishSnapshot(snapshot);
      this.setStatus({ state: 'ready', since: Date.now() });
      this.followEvents(generation, heldConnection, since);
      this.startHeartbeat(generation, heldConnection);
    } catch (error) {
      if (generation !== this.generation) return void (await connection?.close());
      await this.closeConnection();
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    const envelope = toEnvelope(error);
    const hostKey = error instanceof BerthError ? readHostKeyDetail(error) : undefined;
    if (envelope.code === 'SSH_HOST_KEY_UNKNOWN' && hostKey) {
      this.pendingHostKey = hostKey;
      this.setStatus({ state: 'needs-host-key-confirmation', hostKey: hostKey.prompt });
      return;
    }
    if (permanentKinds.has(errorKindOf(envelope.code)) || permanentCodes.has(envelope.code)) {
      this.setStatus({ state: 'failed', error: envelope, ...(hostKey ? { hostKey: hostKey.prompt } : {}) });
      return;
    }
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, this.options.backoff);
    this.setStatus({ state: 'reconnecting', attempt: this.attempt, nextAttemptAt: Date.now() + delay, lastError: envelope });
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private connectionLost(generation: number, error: unknown): void {
    if (generation !== this.generation) return;
    this.generation += 1;
    this.clearTimers();
    void this.closeConnection().then(() => this.failed(error));
  }

  private followEvents(generation: number, connection: DockerConnection, since: number): void {
    const abort = new AbortController();
    this.streamAbort = abort;
    const lost = (error: unknown) =>
      this.connectionLost(
        generation,
        error instanceof BerthError
          ? error
          : new BerthError('CONNECTION_RESET', `The event stream from ${connection.endpoint} ended. Reconnecting.`),
      );
    connection.streamApi
      .stream('/events', { since: String(since) }, abort.signal)
      .then((response) => consumeEventStream(response, (event) => this.onDockerEvent(generation, connection, event)))
      .then(
        () => lost(undefined),
        (error: unknown) => lost(error),
      );
  }

  private onDockerEvent(generation: number, connection: DockerConnection, event: DockerEvent): void {
    if (generation !== this.generation) return;
    if (event.type === 'container' && event.id !== '') {
      if (event.action === 'destroy') {
        this.containerRefreshes.delete(event.id);
        if (this.snapshot) this.publishSnapshot(withContainer(this.snapshot, event.id, null));
      } else if (!event.action.startsWith('exec_')) {
        this.scheduleContainerRefresh(generation, connection, event.id);
      }
    }
    if (['container', 'image', 'volume', 'builder'].includes(event.type)) this.scheduleDiskUsageRefresh(generation, connection);
  }

  /** Coalesces bursts of events (create, start, …) into one read per container. */
  private scheduleContainerRefresh(generation: number, connection: DockerConnection, id: string): void {
    this.containerRefreshes.add(id);
    if (this.containerRefreshTimer) return;
    this.containerRefreshTimer = setTimeout(() => {
      this.containerRefreshTimer = undefined;
      const ids = [...this.containerRefreshes];
      this.containerRefreshes.clear();
      for (const containerId of ids) {
        readContainer(connection.api, containerId).then(
          (container) => {
            if (generation === this.generation && this.snapshot) this.publishSnapshot(withContainer(this.snapshot, containerId, container));
          },
          (error: unknown) => this.connectionLost(generation, error),
        );
      }
    }, containerRefreshDelayMs);
  }

  private scheduleDiskUsageRefresh(generation: number, connection: DockerConnection): void {
    if (this.diskUsageTimer) return;
    this.diskUsageTimer = setTimeout(() => {
      this.diskUsageTimer = undefined;
      connection.api.get('/system/df').then(
        (df) => {
          if (generation === this.generation && this.snapshot)
            this.publishSnapshot({ ...this.snapshot, diskUsage: readDiskUsage(df), updatedAt: Date.now() });
        },
        () => undefined, // disk usage is best effort; the heartbeat notices a dead connection
      );
    }, diskUsageRefreshDelayMs);
  }

  private startHeartbeat(generation: number, connection: DockerConnection): void {
    this.heartbeatTimer = setInterval(() => {
      connection.api.get('/_ping').catch((error: unknown) => this.connectionLost(generation, error));
    }, this.options.heartbeatMs);
    this.heartbeatTimer.unref?.();
  }

  private publishSnapshot(snapshot: HostSnapshot): void {
    this.snapshot = snapshot;
    this.emit({ type: 'snapshot', hostId: this.profile.id, snapshot });
  }

  private setStatus(status: HostStatus): void {
    this.status = status;
    this.emit({ type: 'status', hostId: this.profile.id, status });
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.containerRefreshTimer);
    clearTimeout(this.diskUsageTimer);
    this.retryTimer = this.heartbeatTimer = this.containerRefreshTimer = this.diskUsageTimer = undefined;
    this.containerRefreshes.clear();
    this.streamAbort?.abort();
    this.streamAbort = undefined;
  }

  private async teardown(): Promise<void> {
    this.generation += 1;
    this.clearTimers();
    await this.closeConnection();
  }

  private async closeConnection(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.streamAbort?.abort();
    await connection?.close().catch(() => undefined);
  }
}

function readHostKeyDetail(error: BerthError): { prompt: HostKeyPrompt; keyBlob: Buffer } | undefined {
  const prompt = error.detail?.hostKey as HostKeyPrompt | undefined;
  const keyBlob = error.detail?.keyBlob;
  if (!prompt || !Buffer.isBuffer(keyBlob)) return undefined;
  return { prompt, keyBlob };
}
