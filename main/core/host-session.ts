import type { HostProfile } from '../../shared/profile.js';
import { isRetryable } from '../../shared/errors.js';
import type { HostKeyPrompt, HostSnapshot, HostStatus } from '../../shared/snapshot.js';
import type { SnapshotPatch } from '../../shared/snapshot-patch.js';
import { type BackoffPolicy, backoffDelay } from './backoff.js';
import type { ContainerRefreshLimits } from './container-refresh-queue.js';
import type { DiskUsagePacer } from './fleet/disk-usage-pacer.js';
import { BerthError, toEnvelope } from './errors.js';
import { type DockerEvent, consumeEventStream } from './events-stream.js';
import { LiveConnection } from './live-connection.js';
import { HostKeyError } from './ssh/host-key-error.js';
import { type EventResumePoint, EventResumeCursor } from './timeline/event-resume.js';
import type { KnownHosts } from './ssh/known-hosts.js';
import { type ConnectOptions, type DockerConnection, openDockerConnection } from './transports/docker-connection.js';
import { StandbyCycle, type StandbyReads } from './fleet/standby-read.js';
import { SessionSnapshot } from './session-snapshot.js';

/** Live: holds a connection and `/events`; standby: a budgeted health read now and then (main/core/fleet). */
export type SessionMode = 'live' | 'standby';

export type HostSessionEvent =
  | { type: 'status'; hostId: string; status: HostStatus }
  /**
   * The host's snapshot changed: `snapshot` is the whole of it, `patch` (absent for a full read:
   * connect, refresh, reconnect) what changed since the previous one, which is what renderers get.
   */
  | { type: 'snapshot'; hostId: string; snapshot: HostSnapshot; patch?: SnapshotPatch }
  /**
   * A Docker event seen for the first time (events re-sent after a reconnect are dropped before
   * this): the timeline, the resource views and the image catalog each read what they need from it.
   */
  | { type: 'docker-event'; hostId: string; event: DockerEvent };

export interface HostSessionOptions {
  knownHosts: KnownHosts;
  timeoutMs: number;
  backoff: BackoffPolicy;
  /** How often a ready host is pinged, to notice a silently dead connection. */
  heartbeatMs: number;
  openConnection?: (profile: HostProfile, options: ConnectOptions) => Promise<DockerConnection>;
  /** How container events are coalesced into reads (tests and benchmarks tune it). */
  containerRefresh?: ContainerRefreshLimits;
  /** Where this host's events left off in an earlier run (the timeline's last stored event), to resume from. */
  eventResume?: (hostId: string) => EventResumePoint | undefined;
  /** The host's snapshot kept from an earlier run: shown until the first live read replaces it. */
  restoredSnapshot?: (hostId: string) => HostSnapshot | undefined;
  /** How standby sessions read; without it every session is live. */
  standby?: StandbyReads;
  /** Fleet-wide: at most one /system/df per daemon at once (absent: paced per connection only). */
  diskUsagePacer?: DiskUsagePacer;
}

/**
 * One host's live session: connects, reads the snapshot, follows `/events`, and reconnects with
 * backoff when anything drops. Every async continuation checks `generation`, so results of an
 * attempt that was superseded (stop, reconnect) are dropped instead of racing the new one.
 */
export class HostSession {
  private status: HostStatus = { state: 'idle' };
  /** The snapshot shown (restored, then live) and how each change of it goes out. */
  private readonly shown: SessionSnapshot;
  private live: LiveConnection | null = null;
  private generation = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private streamAbort: AbortController | undefined;
  private pendingHostKey: { prompt: HostKeyPrompt; keyBlob: Buffer } | undefined;
  /** Survives reconnects: each new `/events` stream resumes where the last one stopped. */
  private readonly eventCursor: EventResumeCursor;
  /** Present when the manager reads standby hosts (main/core/fleet). */
  private readonly standby: StandbyCycle | undefined;

  constructor(
    private profile: HostProfile,
    private readonly options: HostSessionOptions,
    private readonly emit: (event: HostSessionEvent) => void,
    private mode: SessionMode = 'live',
  ) {
    this.eventCursor = new EventResumeCursor(options.eventResume?.(profile.id));
    this.shown = new SessionSnapshot(profile.id, options.restoredSnapshot?.(profile.id), (snapshot, patch) =>
      emit({ type: 'snapshot', hostId: profile.id, snapshot, ...(patch ? { patch } : {}) }),
    );
    this.standby = options.standby && new StandbyCycle(options.standby, this.eventCursor);
  }

  get id(): string {
    return this.profile.id;
  }

  currentStatus(): HostStatus {
    return this.status;
  }

  /** What to show: the last live read, or before it the snapshot restored from an earlier run. */
  currentSnapshot(): HostSnapshot | null {
    return this.shown.current();
  }

  /** The snapshot read from the daemon in this run; null while only a restored one is held (not live truth). */
  liveSnapshot(): HostSnapshot | null {
    return this.shown.live();
  }

  currentMode(): SessionMode {
    return this.mode;
  }

  /** The held connection while the host is ready and live: container streams and actions ride on it. */
  currentConnection(): DockerConnection | null {
    return this.status.state === 'ready' ? (this.live?.connection ?? null) : null;
  }

  /**
   * Live → standby drops the connection (the snapshot stays; a ready host is ready on standby at
   * once, its next read one interval away); standby → live connects now, keeping the standby
   * status until the live snapshot is read. A failed host or one waiting on a host key stays as
   * it is until the operator acts; its next attempt uses the new mode.
   */
  setMode(mode: SessionMode): void {
    if (mode === this.mode || (mode === 'standby' && !this.standby)) return;
    this.mode = mode;
    const { state } = this.status;
    if (state === 'idle' || state === 'failed' || state === 'needs-host-key-confirmation') return;
    const wasReady = state === 'ready';
    void this.teardown().then(() => {
      if (this.mode !== mode) return;
      this.attempt = 0;
      if (mode === 'standby' && wasReady && this.standby) this.standbyReady(this.standby, Date.now());
      else void this.connect();
    });
  }

  /**
   * One /system/df through the session's pacing (never two at once: dockerd refuses that), or
   * null while the host is not ready.
   */
  readDiskUsage(): Promise<unknown> | null {
    return this.status.state === 'ready' && this.live ? this.live.diskUsage.read() : null;
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
    const live = this.live;
    if (!live || this.status.state !== 'ready') {
      throw new BerthError(
        'HOST_NOT_CONNECTED',
        `Host "${this.profile.name}" is not connected (${this.status.state}), so there is nothing to refresh. Wait until it is ready, or retry its connection.`,
      );
    }
    const snapshot = await live.readSnapshot();
    this.shown.publish(snapshot);
    return snapshot;
  }

  private async connect(): Promise<void> {
    if (this.mode === 'standby' && this.standby) return this.readStandby(this.standby);
    const generation = ++this.generation;
    // A standby host being promoted shows its standby status until it is live.
    if (this.attempt === 0 && !this.onStandbyReady()) this.setStatus({ state: 'connecting' });
    let connection: DockerConnection | undefined;
    try {
      connection = await this.open();
      if (generation !== this.generation) return void (await connection.close());
      const live = this.hold(generation, connection);
      connection.onLost((error) => this.connectionLost(generation, error));
      // Events since the last one seen (so nothing that happened while disconnected is lost), or on
      // a first connection since just before the read, so nothing that happens during it is missed.
      const since = this.eventCursor.sinceSeconds() ?? Math.floor(Date.now() / 1000) - 1;
      this.eventCursor.opened(since);
      // Ready without waiting for disk usage: df is paced per daemon and may queue behind other
      // hosts of the same daemon. The last reading is shown until the fresh one completes the snapshot.
      const snapshot = await live.readSnapshot(false);
      if (generation !== this.generation) return;
      this.attempt = 0;
      this.shown.publish({ ...snapshot, diskUsage: this.shown.current()?.diskUsage ?? null });
      this.setStatus({ state: 'ready', since: Date.now() });
      this.followEvents(generation, live, since);
      this.startHeartbeat(generation, connection);
      live.diskUsage.refreshNow();
    } catch (error) {
      if (generation !== this.generation) return void (await connection?.close());
      await this.closeConnection();
      this.failed(error);
    }
  }

  /** One health read of a standby host (main/core/fleet/standby-read.ts), then the next one scheduled. */
  private async readStandby(standby: StandbyCycle): Promise<void> {
    const generation = ++this.generation;
    if (this.attempt === 0 && this.status.state !== 'ready') this.setStatus({ state: 'connecting' });
    try {
      const shown = { shown: this.shown.current(), live: this.shown.live() };
      const read = await standby.read(this.profile.id, () => this.open(), shown, this.options.timeoutMs);
      if (generation !== this.generation) return;
      for (const event of read.commit()) this.emit({ type: 'docker-event', hostId: this.profile.id, event });
      this.attempt = 0;
      this.shown.standbyRead(read.snapshot);
      this.standbyReady(standby, Date.now());
    } catch (error) {
      if (generation !== this.generation) return;
      this.failed(error);
    }
  }

  /** Ready on standby as of `checkedAt`, with the next read scheduled. */
  private standbyReady(standby: StandbyCycle, checkedAt: number): void {
    const delay = standby.nextReadDelayMs();
    const since = this.status.state === 'ready' ? this.status.since : checkedAt;
    this.setStatus({ state: 'ready', since, standby: { checkedAt, nextCheckAt: checkedAt + delay } });
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref?.();
  }

  private onStandbyReady(): boolean {
    return this.status.state === 'ready' && this.status.standby !== undefined;
  }

  private open(): Promise<DockerConnection> {
    const open = this.options.openConnection ?? ((profile, options) => openDockerConnection(profile.transport, options));
    return open(this.profile, { knownHosts: this.options.knownHosts, timeoutMs: this.options.timeoutMs });
  }

  /** Everything the session keeps for one open connection; its reads land only while `generation` is current. */
  private hold(generation: number, connection: DockerConnection): LiveConnection {
    const current = () => generation === this.generation;
    const live = new LiveConnection(
      connection,
      this.profile.id,
      {
        containers: () => (current() ? (this.shown.current()?.containers ?? null) : null),
        publishContainers: (containers) => {
          if (current()) this.shown.containers(containers);
        },
        publishDiskUsage: (diskUsage) => {
          if (current()) this.shown.diskUsage(diskUsage);
        },
        failed: (error) => this.connectionLost(generation, error),
      },
      { diskUsagePacer: this.options.diskUsagePacer, containerRefresh: this.options.containerRefresh },
    );
    this.live = live;
    return live;
  }

  private failed(error: unknown): void {
    const envelope = toEnvelope(error);
    const hostKey = error instanceof HostKeyError ? error : undefined;
    const pending = pendingHostKeyOf(hostKey);
    if (pending) {
      this.pendingHostKey = pending;
      this.setStatus({ state: 'needs-host-key-confirmation', hostKey: pending.prompt });
      return;
    }
    if (!isRetryable(envelope.code)) {
      this.setStatus({ state: 'failed', error: envelope, ...(hostKey ? { hostKey: hostKey.prompt } : {}) });
      return;
    }
    this.attempt += 1;
    // On standby, retries back off up to the next health read, no further.
    const backoff = backoffDelay(this.attempt, this.options.backoff);
    const delay = this.mode === 'standby' && this.standby ? Math.min(backoff, this.standby.nextReadDelayMs()) : backoff;
    this.setStatus({ state: 'reconnecting', attempt: this.attempt, nextAttemptAt: Date.now() + delay, lastError: envelope });
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private connectionLost(generation: number, error: unknown): void {
    if (generation !== this.generation) return;
    this.generation += 1;
    this.clearTimers();
    void this.closeConnection().then(() => this.failed(error));
  }

  private followEvents(generation: number, live: LiveConnection, since: number): void {
    const { connection } = live;
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
      .then((response) => consumeEventStream(response, (event) => this.onDockerEvent(generation, live, event)))
      .then(
        () => lost(undefined),
        (error: unknown) => lost(error),
      );
  }

  private onDockerEvent(generation: number, live: LiveConnection, event: DockerEvent): void {
    if (generation !== this.generation) return;
    if (!this.eventCursor.accept(event)) return;
    this.emit({ type: 'docker-event', hostId: this.profile.id, event });
    live.follow(event);
  }

  private startHeartbeat(generation: number, connection: DockerConnection): void {
    this.heartbeatTimer = setInterval(() => {
      connection.api.get('/_ping').catch((error: unknown) => this.connectionLost(generation, error));
    }, this.options.heartbeatMs);
    this.heartbeatTimer.unref?.();
  }

  private setStatus(status: HostStatus): void {
    this.status = status;
    this.emit({ type: 'status', hostId: this.profile.id, status });
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    this.retryTimer = this.heartbeatTimer = undefined;
    this.live?.dispose();
    this.streamAbort?.abort();
    this.streamAbort = undefined;
  }

  private async teardown(): Promise<void> {
    this.generation += 1;
    this.clearTimers();
    await this.closeConnection();
  }

  private async closeConnection(): Promise<void> {
    const live = this.live;
    this.live = null;
    live?.dispose();
    this.streamAbort?.abort();
    await live?.connection.close().catch(() => undefined);
  }
}

/** An unknown key the operator may confirm; changed and revoked keys never wait for that. */
function pendingHostKeyOf(error: HostKeyError | undefined): { prompt: HostKeyPrompt; keyBlob: Buffer } | undefined {
  if (error?.code !== 'SSH_HOST_KEY_UNKNOWN' || error.keyBlob === undefined) return undefined;
  return { prompt: error.prompt, keyBlob: error.keyBlob };
}
