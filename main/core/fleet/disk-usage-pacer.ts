/**
 * Fleet-wide pacing of `/system/df`. dockerd runs one disk-usage operation at a time and refuses
 * a second one while it runs ("a disk usage operation is already running"), whichever client
 * asks. Several Berth hosts can be one daemon (a daemon listening on several addresses, or reached
 * both over tcp and SSH), so pacing per connection is not enough: reads are paced per daemon
 * identity (`daemonKeyOf`: the daemon's `/info` ID on that machine, else the endpoint). Per daemon
 * one read runs at a time; everyone who asks while it runs is answered by ONE next read (the same
 * daemon gives the same answer), so a burst on 200 hosts of one daemon costs two reads, not 200.
 * Different daemons never wait for each other.
 *
 * A refusal can still come from outside Berth (the docker CLI, another Berth): such a read is tried
 * again a few times, shortly after, while keeping its turn.
 */

/**
 * Which daemon answers: its `/info` ID on the machine the endpoint names (so cloned VMs that
 * share an ID are not mixed up, and a daemon that lies about its ID reaches no other machine's
 * hosts), else the endpoint itself.
 */
export function daemonKeyOf(info: unknown, endpoint: string): string {
  const id = typeof info === 'object' && info !== null ? (info as Record<string, unknown>).ID : undefined;
  return typeof id === 'string' && id !== '' && id.length <= 256 ? `daemon:${id}@${machineOf(endpoint)}` : `endpoint:${endpoint}`;
}

/** The machine part of an endpoint: the host of tcp:// and ssh://, `local` for sockets and pipes. */
function machineOf(endpoint: string): string {
  const remote = /^(?:tcp|ssh):\/\/(?:[^@/\s]*@)?(\[[^\]]+\]|[^:/\s]+)/.exec(endpoint);
  return remote ? remote[1]!.toLowerCase() : 'local';
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

interface Waiter {
  read: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class DiskUsagePacer {
  /** Per daemon with a read running: who asked since it started (answered by the next read). */
  private readonly queues = new Map<string, Waiter[]>();
  private readonly busyRetries: number;
  private readonly busyRetryDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: DiskUsagePacerOptions = {}) {
    this.busyRetries = options.busyRetries ?? 3;
    this.busyRetryDelayMs = options.busyRetryDelayMs ?? 250;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.()));
  }

  /**
   * `read`'s answer, or that of a read of the same daemon that started after this call (callers
   * must not change what they get: it may be shared). `daemonKey` may be a promise (e.g. of
   * `/info` still on its way); a key that fails falls back to `fallbackKey`.
   */
  async run<T>(daemonKey: string | PromiseLike<string>, read: () => Promise<T>, fallbackKey = 'unknown'): Promise<T> {
    const key = await Promise.resolve(daemonKey).then(
      (value) => value,
      () => fallbackKey,
    );
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = { read, resolve: resolve as (value: unknown) => void, reject };
      const queue = this.queues.get(key);
      if (queue) queue.push(waiter);
      else {
        this.queues.set(key, [waiter]);
        void this.drain(key);
      }
    });
  }

  /** Daemons with a read running or asked for (for tests and leak checks). */
  get activeDaemons(): number {
    return this.queues.size;
  }

  /** Reads for one daemon until nobody waits: each read answers everyone who asked before it started. */
  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length > 0) {
      const [leader, ...others] = queue.splice(0);
      try {
        const value = await this.readWhileBusy(leader!.read);
        for (const waiter of [leader!, ...others]) waiter.resolve(value);
      } catch (error) {
        // The leader's own connection may be what failed: the others get a read of their own.
        leader!.reject(error);
        queue.unshift(...others);
      }
    }
    this.queues.delete(key);
  }

  private async readWhileBusy(read: () => Promise<unknown>): Promise<unknown> {
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
