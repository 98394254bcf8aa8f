/**
 * Fleet-wide pacing of `/system/df`. dockerd runs one disk-usage operation at a time and refuses
 * a second one while it runs ("a disk usage operation is already running"), whichever client
 * asks. Several Berth hosts can be one daemon (a daemon listening on several addresses, or reached
 * both over tcp and SSH), so pacing per connection is not enough: reads are queued per daemon
 * identity — the daemon's `/info` ID, else the endpoint — and run one at a time per daemon, in the
 * order asked. Different daemons never wait for each other.
 *
 * A refusal can still come from outside Berth (the docker CLI, another Berth): such a read is tried
 * again a few times, shortly after, while keeping its turn.
 */

/** What `/info` says about which daemon answered; different endpoints of one daemon share it. */
export function daemonKeyOf(info: unknown, endpoint: string): string {
  const id = typeof info === 'object' && info !== null ? (info as Record<string, unknown>).ID : undefined;
  return typeof id === 'string' && id !== '' && id.length <= 256 ? `daemon:${id}` : `endpoint:${endpoint}`;
}

/** dockerd's refusal of a second concurrent disk-usage operation. */
export function isDiskUsageBusy(error: unknown): boolean {
  return error instanceof Error && /disk usage operation is already running/i.test(error.message);
}

export interface DiskUsagePacerOptions {
  /** Tries after a refusal from outside Berth (default 3). */
  busyRetries?: number;
  /** Wait before the n-th retry: n × this (default 250 ms). */
  busyRetryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export class DiskUsagePacer {
  /** Per daemon: the tail of its queue (settles when the last read asked so far has ended). */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly busyRetries: number;
  private readonly busyRetryDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: DiskUsagePacerOptions = {}) {
    this.busyRetries = options.busyRetries ?? 3;
    this.busyRetryDelayMs = options.busyRetryDelayMs ?? 250;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.()));
  }

  /**
   * Runs `read` once no other read of the same daemon runs (FIFO per daemon). `daemonKey` may be
   * a promise (e.g. of `/info` still on its way); a key that fails falls back to `fallbackKey`.
   */
  async run<T>(daemonKey: string | PromiseLike<string>, read: () => Promise<T>, fallbackKey = 'unknown'): Promise<T> {
    const key = await Promise.resolve(daemonKey).then(
      (value) => value,
      () => fallbackKey,
    );
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => turn);
    this.tails.set(key, tail);
    await previous;
    try {
      return await this.readWhileBusy(read);
    } finally {
      release();
      // The last in line leaves no entry behind: the map holds only daemons with reads queued.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Daemons with a read running or queued (for tests and leak checks). */
  get activeDaemons(): number {
    return this.tails.size;
  }

  private async readWhileBusy<T>(read: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await read();
      } catch (error) {
        if (!isDiskUsageBusy(error) || attempt >= this.busyRetries) throw error;
        await this.sleep(this.busyRetryDelayMs * (attempt + 1));
      }
    }
  }
}
