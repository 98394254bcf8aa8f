import type { HostProfile } from '../../shared/profile.js';
import type { HostSnapshot, HostStatus } from '../../shared/snapshot.js';
import { type BackoffPolicy, defaultBackoff } from './backoff.js';
import { BerthError } from './errors.js';
import { DiskUsagePacer } from './fleet/disk-usage-pacer.js';
import { type HostSessionEvent, type HostSessionOptions, HostSession, type SessionMode } from './host-session.js';
import type { KnownHosts } from './ssh/known-hosts.js';
import type { DockerConnection } from './transports/docker-connection.js';

export type ConnectionEvent =
  | HostSessionEvent
  | { type: 'removed'; hostId: string }
  /** A new session starts with its snapshot from an earlier run: shown, never a live reading (no alerts, no saving). */
  | { type: 'restored'; hostId: string; snapshot: HostSnapshot };
export type ConnectionListener = (event: ConnectionEvent) => void;

export interface ConnectionManagerOptions {
  knownHosts: KnownHosts;
  timeoutMs?: number;
  backoff?: Partial<BackoffPolicy>;
  heartbeatMs?: number;
  openConnection?: HostSessionOptions['openConnection'];
  eventResume?: HostSessionOptions['eventResume'];
  restoredSnapshot?: HostSessionOptions['restoredSnapshot'];
  /** How standby hosts are read (main/core/fleet); without it every host is live. */
  standby?: HostSessionOptions['standby'];
  /** The mode a new host starts in (the connection policy's choice); default live. */
  modeOf?: (hostId: string) => SessionMode;
}

/** What the operator can tune of every session (Settings → Connections). */
export interface ConnectionTuning {
  timeoutMs: number;
  heartbeatMs: number;
  backoff: Pick<BackoffPolicy, 'initialMs' | 'maxMs'>;
}

/** Holds one live session per host and tells subscribers of every state and snapshot change. */
export class ConnectionManager {
  private readonly sessions = new Map<string, HostSession>();
  private readonly listeners = new Set<ConnectionListener>();
  /** Shared by every session and read at each connect, so tuning it reaches existing sessions. */
  private readonly sessionOptions: HostSessionOptions;
  private disposed = false;
  private readonly modeOf: (hostId: string) => SessionMode;
  /** At most one /system/df per daemon at once, across every session (and standby reads). */
  readonly diskUsagePacer = new DiskUsagePacer();

  constructor(options: ConnectionManagerOptions) {
    this.modeOf = options.modeOf ?? (() => 'live');
    this.sessionOptions = {
      knownHosts: options.knownHosts,
      timeoutMs: options.timeoutMs ?? 10_000,
      backoff: { ...defaultBackoff, ...options.backoff },
      heartbeatMs: options.heartbeatMs ?? 15_000,
      diskUsagePacer: this.diskUsagePacer,
      ...(options.openConnection ? { openConnection: options.openConnection } : {}),
      ...(options.eventResume ? { eventResume: options.eventResume } : {}),
      ...(options.restoredSnapshot ? { restoredSnapshot: options.restoredSnapshot } : {}),
      ...(options.standby ? { standby: options.standby } : {}),
    };
  }

  subscribe(listener: ConnectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * New deadlines and reconnect policy for every session, existing ones included: each uses them
   * from its next connect on (a connection already open keeps the deadline it was opened with,
   * and a reconnect already scheduled keeps its delay).
   */
  applyConnectionSettings(settings: ConnectionTuning): void {
    this.sessionOptions.timeoutMs = settings.timeoutMs;
    this.sessionOptions.heartbeatMs = settings.heartbeatMs;
    this.sessionOptions.backoff = { ...this.sessionOptions.backoff, initialMs: settings.backoff.initialMs, maxMs: settings.backoff.maxMs };
  }

  /** Adds a host and starts connecting; an existing host with the same id is reconnected with the new profile. */
  async upsertHost(profile: HostProfile): Promise<void> {
    if (this.disposed) throw new BerthError('INTERNAL', 'The connection manager has been shut down.');
    const existing = this.sessions.get(profile.id);
    if (existing) return existing.reconnect(profile);
    const session = new HostSession(profile, this.sessionOptions, (event) => this.publish(event), this.modeOf(profile.id));
    this.sessions.set(profile.id, session);
    const restored = session.currentSnapshot();
    if (restored) this.publish({ type: 'restored', hostId: profile.id, snapshot: restored });
    session.start();
  }

  async removeHost(hostId: string): Promise<void> {
    const session = this.sessions.get(hostId);
    if (!session) return;
    this.sessions.delete(hostId);
    await session.stop();
    this.publish({ type: 'removed', hostId });
  }

  /** Holds the host live, or puts it on standby (see HostSession.setMode). */
  setMode(hostId: string, mode: SessionMode): void {
    this.sessions.get(hostId)?.setMode(mode);
  }

  /** The host's mode; undefined for a host without a session. */
  mode(hostId: string): SessionMode | undefined {
    return this.sessions.get(hostId)?.currentMode();
  }

  status(hostId: string): HostStatus {
    return this.session(hostId).currentStatus();
  }

  snapshot(hostId: string): HostSnapshot | null {
    return this.session(hostId).currentSnapshot();
  }

  /** The snapshot read from the daemon in this run (null before the first read): what actions may rely on. */
  liveSnapshot(hostId: string): HostSnapshot | null {
    return this.session(hostId).liveSnapshot();
  }

  /** The host's held connection while it is ready (logs, exec, stats and actions use it), else null. */
  connection(hostId: string): DockerConnection | null {
    return this.session(hostId).currentConnection();
  }

  /** The host's /system/df, paced with the session's own reads; null while it is not ready. */
  readDiskUsage(hostId: string): Promise<unknown> | null {
    return this.session(hostId).readDiskUsage();
  }

  refresh(hostId: string): Promise<HostSnapshot> {
    return this.session(hostId).refresh();
  }

  retry(hostId: string): Promise<void> {
    return this.session(hostId).reconnect();
  }

  acceptHostKey(hostId: string, persist: boolean): Promise<void> {
    return this.session(hostId).acceptHostKey(persist);
  }

  rejectHostKey(hostId: string): void {
    this.session(hostId).rejectHostKey();
  }

  /** Resolves when the host reaches one of `states`, rejects after `timeoutMs`. */
  waitFor(hostId: string, states: HostStatus['state'][], timeoutMs: number): Promise<HostStatus> {
    const current = this.status(hostId);
    if (states.includes(current.state)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(
          new BerthError(
            'TIMEOUT',
            `Host ${hostId} did not reach ${states.join(' or ')} within ${timeoutMs} ms (it is ${this.status(hostId).state}).`,
          ),
        );
      }, timeoutMs);
      const unsubscribe = this.subscribe((event) => {
        if (event.type === 'status' && event.hostId === hostId && states.includes(event.status.state)) {
          clearTimeout(timer);
          unsubscribe();
          resolve(event.status);
        }
      });
    });
  }

  /** Closes every connection, tunnel and timer. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((session) => session.stop()));
    this.listeners.clear();
  }

  private session(hostId: string): HostSession {
    const session = this.sessions.get(hostId);
    if (!session) throw new BerthError('INVALID_ARGUMENT', `There is no host with id "${hostId}".`);
    return session;
  }

  private publish(event: ConnectionEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing subscriber must not break the session or the other subscribers.
      }
    }
  }
}
