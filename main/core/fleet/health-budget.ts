/** The fleet-wide budget of standby health reads (Settings → Fleet). */
export interface HealthBudgetLimits {
  /** At most this many reads at once (each holds one connection). */
  connections: number;
  /** At most this many requests started per second, over any one-second window. */
  requestsPerSecond: number;
}

interface Waiter {
  requests: number;
  metered: boolean;
  start: () => void;
}

/**
 * A semaphore (open connections) and a token bucket (requests per second) in one queue. A read
 * waits for a slot first, then for its requests' tokens (a read names how many requests it makes,
 * taken at once). The bucket is a GCRA: tokens are a schedule of start times, one second of burst,
 * so a read making more requests than one second's rate still runs, just later. Unmetered reads
 * (each host's first, so a start knows every status fast) only wait for a slot.
 */
export class HealthBudget {
  private limits: HealthBudgetLimits;
  private running = 0;
  private readonly queue: Waiter[] = [];
  /** When the bucket would be empty again (ms): the "theoretical arrival time". */
  private bucketFullAt = 0;
  private tokenTimer: NodeJS.Timeout | undefined;

  constructor(
    limits: HealthBudgetLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...limits };
  }

  /** New limits, from the next read started on (reads running now finish). */
  setLimits(limits: HealthBudgetLimits): void {
    this.limits = { ...limits };
    this.pump();
  }

  /** Reads running now (holding a slot). */
  active(): number {
    return this.running;
  }

  /** Reads waiting for a slot or tokens. */
  waiting(): number {
    return this.queue.length;
  }

  /** Runs `work` within the budget; `requests` is how many requests it starts. */
  async run<T>(requests: number, work: () => Promise<T>, options: { metered?: boolean } = {}): Promise<T> {
    await new Promise<void>((start) => {
      this.queue.push({ requests, metered: options.metered ?? true, start });
      this.pump();
    });
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.pump();
    }
  }

  /** Starts queued reads, in order, while a slot is free and (for metered ones) the bucket allows. */
  private pump(): void {
    clearTimeout(this.tokenTimer);
    this.tokenTimer = undefined;
    while (this.queue.length > 0 && this.running < this.limits.connections) {
      const next = this.queue[0]!;
      if (next.metered) {
        const waitMs = this.tokenWaitMs(next.requests);
        if (waitMs > 0) {
          this.tokenTimer = setTimeout(() => this.pump(), waitMs);
          this.tokenTimer.unref?.();
          return;
        }
        this.take(next.requests);
      }
      this.queue.shift();
      this.running += 1;
      next.start();
    }
  }

  private tokenWaitMs(requests: number): number {
    const now = this.now();
    const after = Math.max(this.bucketFullAt, now) + (requests * 1_000) / this.limits.requestsPerSecond;
    // One second of burst: the bucket holds requestsPerSecond tokens.
    return Math.max(0, Math.ceil(after - 1_000 - now));
  }

  private take(requests: number): void {
    this.bucketFullAt = Math.max(this.bucketFullAt, this.now()) + (requests * 1_000) / this.limits.requestsPerSecond;
  }
}
