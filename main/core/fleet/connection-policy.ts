import type { SessionMode } from '../host-session.js';

/** What the policy reads and steers: the hosts, their alerts, their sessions' modes. */
export interface ConnectionPolicyDeps {
  /** Every saved host that has (or is about to get) a session. */
  hostIds(): Iterable<string>;
  /** Hosts with an unacknowledged alert: held live so an operator looking at it sees it live. */
  alertHosts(): Iterable<string>;
  /** The session's mode now; undefined for a host without a session. */
  mode(hostId: string): SessionMode | undefined;
  setMode(hostId: string, mode: SessionMode): void;
}

/** How long a host that left view stays live, so flicking between hosts does not churn connections. */
export const defaultLingerMs = 30_000;

/**
 * Decides which hosts hold a live session (shared/fleet-contract.ts states the policy). Up to
 * `liveSessionLimit` saved hosts, every host is live. Beyond it, live = hosts an invoke is using
 * (always), then what the renderers focused (the most recently focused first), then hosts with an
 * unacknowledged alert, up to the limit. A host entering that set is promoted at once; one leaving
 * it is demoted after `lingerMs` unless it came back meanwhile.
 */
export class ConnectionPolicy {
  private limit: number;
  private readonly lingerMs: number;
  /** Per client: host → when it was focused (a higher stamp is more recent). */
  private readonly focusByClient = new Map<string, Map<string, number>>();
  private readonly inUse = new Map<string, number>();
  private readonly lingering = new Map<string, NodeJS.Timeout>();
  /** Hosts being loaded at start, before their sessions exist: they count towards the limit already. */
  private expected = new Set<string>();
  private stamp = 0;
  private updateQueued = false;
  private disposed = false;

  constructor(
    private readonly deps: ConnectionPolicyDeps,
    options: { liveSessionLimit: number; lingerMs?: number },
  ) {
    this.limit = options.liveSessionLimit;
    this.lingerMs = options.lingerMs ?? defaultLingerMs;
  }

  setLimit(liveSessionLimit: number): void {
    this.limit = liveSessionLimit;
    this.update();
  }

  /** The hosts about to be loaded (so the first ones do not start live only to be demoted); [] when loaded. */
  expect(hostIds: readonly string[]): void {
    this.expected = new Set(hostIds);
  }

  /** What one client has in view now, most important first; replaces what it named before. */
  focus(clientKey: string, hostIds: readonly string[]): void {
    const stamps = new Map<string, number>();
    const base = this.stamp;
    hostIds.forEach((hostId, index) => stamps.set(hostId, base + hostIds.length - index));
    this.stamp = base + hostIds.length;
    this.focusByClient.set(clientKey, stamps);
    this.update();
  }

  /** A client detached or reloaded: its focus no longer counts. */
  dropClient(clientKey: string): void {
    if (this.focusByClient.delete(clientKey)) this.update();
  }

  /** An invoke needs the host live: promoted now, held until the returned release (then it lingers). */
  use(hostId: string): () => void {
    this.inUse.set(hostId, (this.inUse.get(hostId) ?? 0) + 1);
    this.update();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const count = (this.inUse.get(hostId) ?? 1) - 1;
      if (count > 0) this.inUse.set(hostId, count);
      else this.inUse.delete(hostId);
      this.update();
    };
  }

  /** The mode a new session starts in; the set is re-checked right after (the fleet grew). */
  modeOf(hostId: string): SessionMode {
    this.queueUpdate();
    return this.wantedLive().has(hostId) ? 'live' : 'standby';
  }

  /** The hosts that should be live now. */
  wantedLive(): Set<string> {
    const ids = new Set([...this.deps.hostIds(), ...this.expected]);
    if (ids.size <= this.limit) return ids;
    const wanted = new Set([...this.inUse.keys()].filter((id) => ids.has(id)));
    const add = (id: string) => {
      if (wanted.size < this.limit && ids.has(id)) wanted.add(id);
    };
    for (const id of this.focusedByRecency()) add(id);
    // Alerting hosts already live keep their slot before the others get one: the order of open
    // alerts shifts as new ones come and the history rotates, and following it would promote and
    // demote hosts in turn.
    const alerting = [...this.deps.alertHosts()];
    for (const id of alerting) if (this.deps.mode(id) === 'live') add(id);
    for (const id of alerting) add(id);
    return wanted;
  }

  /** Promotes what should be live, starts the linger of what should not. */
  update(): void {
    if (this.disposed) return;
    const wanted = this.wantedLive();
    for (const id of this.deps.hostIds()) {
      const mode = this.deps.mode(id);
      if (wanted.has(id)) {
        this.stopLinger(id);
        if (mode === 'standby') this.deps.setMode(id, 'live');
      } else if (mode === 'live' && !this.lingering.has(id)) {
        const timer = setTimeout(() => {
          this.lingering.delete(id);
          if (!this.disposed && !this.wantedLive().has(id)) this.deps.setMode(id, 'standby');
        }, this.lingerMs);
        timer.unref?.();
        this.lingering.set(id, timer);
      }
    }
    for (const id of this.lingering.keys()) if (this.deps.mode(id) === undefined) this.stopLinger(id);
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.lingering.values()) clearTimeout(timer);
    this.lingering.clear();
  }

  private focusedByRecency(): string[] {
    const latest = new Map<string, number>();
    for (const stamps of this.focusByClient.values()) {
      for (const [id, stamp] of stamps) latest.set(id, Math.max(stamp, latest.get(id) ?? 0));
    }
    return [...latest.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }

  private stopLinger(hostId: string): void {
    clearTimeout(this.lingering.get(hostId));
    this.lingering.delete(hostId);
  }

  private queueUpdate(): void {
    if (this.updateQueued) return;
    this.updateQueued = true;
    queueMicrotask(() => {
      this.updateQueued = false;
      this.update();
    });
  }
}
