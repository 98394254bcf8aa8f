import type { ContainerSummary } from '../../shared/snapshot.js';

/** The two ways to read containers: the ids named, or the whole list. */
export interface ContainerReads {
  /** `/containers/json?all=1&filters={"id":[…]}`. */
  byIds(ids: readonly string[]): Promise<ContainerSummary[]>;
  /** `/containers/json?all=1`. */
  all(): Promise<ContainerSummary[]>;
}

export interface ContainerRefreshLimits {
  /** Events for this long are collected before a read goes out. */
  windowMs: number;
  /** Ids per filtered request. */
  chunkSize: number;
  /** More ids pending than this: the whole list is read once instead. */
  fullListThreshold: number;
  /** Reads in flight at once; further events wait for the next round. */
  maxInFlight: number;
}

export const defaultContainerRefreshLimits: ContainerRefreshLimits = {
  windowMs: 15,
  chunkSize: 100,
  fullListThreshold: 200,
  maxInFlight: 2,
};

/**
 * After a `die`, how long to wait before each further read while the daemon still lists the
 * container as running. dockerd sends `die` before it records the exit where `/containers/json`
 * reads (it cleans up mounts and networks in between), so a read right after the event can still
 * say "running"; seen on the 10,000-container bench daemon under load, where the row then stayed
 * "running" until the container's next event.
 */
export const diedRereadDelaysMs: readonly number[] = [100, 300, 1_000, 3_000];

export interface ContainerRefreshTarget {
  /** The containers as currently published; null before the first snapshot. */
  current(): readonly ContainerSummary[] | null;
  publish(containers: ContainerSummary[]): void;
  /** A read failed: the connection is in doubt. */
  failed(error: unknown): void;
}

/**
 * Turns a burst of container events into few reads: ids that change within a short window go
 * out in one filtered request (chunked), a large burst becomes one re-read of the whole list,
 * and no more than `maxInFlight` reads run at once. Reads may finish out of order, so each
 * answer carries the sequence number it was sent with and never overwrites a newer one; a
 * container destroyed while reads were in flight is never brought back by an older answer.
 */
export class ContainerRefreshQueue {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private sequence = 0;
  /** Per id, the sequence of the answer now published; kept only while reads are in flight. */
  private readonly answeredAt = new Map<string, number>();
  /** Destroyed while reads were in flight: no answer may bring these back. */
  private readonly destroyedDuringReads = new Set<string>();
  /** Died, and not yet read as stopped: how many re-reads each has had. */
  private readonly died = new Map<string, number>();
  private readonly rereadTimers = new Set<NodeJS.Timeout>();
  private disposed = false;
  /** For tests and benchmarks. */
  readonly counters = { requests: 0, fullLists: 0, peakInFlight: 0 };

  constructor(
    private readonly reads: ContainerReads,
    private readonly target: ContainerRefreshTarget,
    private readonly limits: ContainerRefreshLimits = defaultContainerRefreshLimits,
  ) {}

  /** A container was created, started, stopped, renamed, …: read it again soon. */
  changed(id: string): void {
    if (this.disposed) return;
    this.pending.add(id);
    this.schedule();
  }

  /** A container died: read it again soon, and again while the daemon still lists it running. */
  stopped(id: string): void {
    if (this.disposed) return;
    this.died.set(id, 0);
    this.changed(id);
  }

  /** A container is gone for good: drop it now, and ignore it in answers already on the way. */
  destroyed(id: string): void {
    if (this.disposed) return;
    this.pending.delete(id);
    this.died.delete(id);
    if (this.inFlight > 0) this.destroyedDuringReads.add(id);
    const current = this.target.current();
    if (current?.some((container) => container.id === id)) this.target.publish(current.filter((container) => container.id !== id));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    for (const timer of this.rereadTimers) clearTimeout(timer);
    this.rereadTimers.clear();
    this.died.clear();
  }

  private schedule(): void {
    if (this.timer || this.disposed || this.pending.size === 0 || this.inFlight >= this.limits.maxInFlight) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.startReads();
    }, this.limits.windowMs);
  }

  private startReads(): void {
    if (this.disposed) return;
    if (this.pending.size > this.limits.fullListThreshold) {
      // Everything pending happened before this request leaves, so the list answers for all of it.
      this.pending.clear();
      this.counters.fullLists += 1;
      this.run(() => this.reads.all(), undefined);
      return;
    }
    while (this.pending.size > 0 && this.inFlight < this.limits.maxInFlight) {
      const ids = [...this.pending].slice(0, this.limits.chunkSize);
      for (const id of ids) this.pending.delete(id);
      this.run(() => this.reads.byIds(ids), ids);
    }
  }

  private run(read: () => Promise<ContainerSummary[]>, ids: readonly string[] | undefined): void {
    const sequence = ++this.sequence;
    this.inFlight += 1;
    this.counters.requests += 1;
    this.counters.peakInFlight = Math.max(this.counters.peakInFlight, this.inFlight);
    read()
      .then(
        (containers) => {
          if (!this.disposed) this.apply(sequence, ids, containers);
        },
        (error: unknown) => {
          if (!this.disposed) this.target.failed(error);
        },
      )
      .finally(() => {
        this.inFlight -= 1;
        if (this.inFlight === 0) {
          // Nothing older can arrive any more.
          this.answeredAt.clear();
          this.destroyedDuringReads.clear();
        }
        this.schedule();
      });
  }

  private apply(sequence: number, ids: readonly string[] | undefined, answer: ContainerSummary[]): void {
    const current = this.target.current();
    if (current === null) return;
    const fresh = new Map(answer.filter((container) => !this.destroyedDuringReads.has(container.id)).map((c) => [c.id, c]));
    const isNewer = (id: string): boolean => (this.answeredAt.get(id) ?? 0) <= sequence;
    let next: Map<string, ContainerSummary>;
    if (ids) {
      next = new Map(current.map((container) => [container.id, container]));
      let changed = false;
      for (const id of ids.filter(isNewer)) {
        this.answeredAt.set(id, sequence);
        const container = fresh.get(id);
        const held = next.get(id);
        if (container && held && sameListing(held, container)) continue;
        changed = true;
        if (container) next.set(id, container);
        else next.delete(id);
      }
      // Nothing new (a `kill` read before its `die`, a re-read): no snapshot to publish and push.
      if (!changed) {
        this.rereadDied(ids, fresh);
        return;
      }
    } else {
      const published = new Map(current.map((container) => [container.id, container]));
      next = new Map([...fresh].filter(([id]) => isNewer(id)));
      for (const id of next.keys()) this.answeredAt.set(id, sequence);
      // Answers sent after this list stay as they are, present or absent.
      for (const [id, at] of this.answeredAt) {
        if (at <= sequence) continue;
        const container = published.get(id);
        if (container) next.set(id, container);
        else next.delete(id);
      }
    }
    this.target.publish([...next.values()].sort((a, b) => b.created - a.created));
    this.rereadDied(ids ?? [...this.died.keys()], fresh);
  }

  /** Died containers this answer still lists as running are read again, a few times, later. */
  private rereadDied(answered: readonly string[], fresh: ReadonlyMap<string, ContainerSummary>): void {
    for (const id of answered) {
      const rereads = this.died.get(id);
      if (rereads === undefined) continue;
      const delay = diedRereadDelaysMs[rereads];
      if (fresh.get(id)?.state !== 'running' || delay === undefined) {
        // Recorded as stopped (or gone), or still running after every re-read (restarted by its policy).
        this.died.delete(id);
        continue;
      }
      this.died.set(id, rereads + 1);
      const timer = setTimeout(() => {
        this.rereadTimers.delete(timer);
        if (this.died.has(id)) this.changed(id);
      }, delay);
      this.rereadTimers.add(timer);
    }
  }
}

/**
 * The same container as listed before. `statusSince` is worked out from the status text and the
 * time of each read ("Up 3 hours" read twice gives two anchors a read apart), so it is left out
 * while the status text is the same.
 */
function sameListing(held: ContainerSummary, read: ContainerSummary): boolean {
  const { statusSince: _heldSince, ...heldRest } = held;
  const { statusSince: _readSince, ...readRest } = read;
  return JSON.stringify(heldRest) === JSON.stringify(readRest);
}
