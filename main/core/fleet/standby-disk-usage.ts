import type { DockerConnection } from '../transports/docker-connection.js';
import { type DiskUsagePacer, daemonKeyOf } from './disk-usage-pacer.js';

/** A standby host's disk usage is read again at most this often (it changes slowly; df is the costly read). */
export const standbyDiskUsageEveryMs = 10 * 60_000;

/**
 * When a standby read also reads `/system/df`: on a host's first read and then every
 * standbyDiskUsageEveryMs, through the fleet-wide pacer keyed by the daemon's identity, so 200 hosts of
 * one daemon reading at once cost one or two df, never a refused one. Between those, the host keeps
 * the disk usage it showed.
 */
export class StandbyDiskUsage {
  private readonly lastRead = new Map<string, number>();

  constructor(
    private readonly pacer: DiskUsagePacer,
    private readonly everyMs = standbyDiskUsageEveryMs,
    private readonly now: () => number = Date.now,
  ) {}

  /** The raw df for this read, or null to keep the previous reading. */
  read(hostId: string, connection: DockerConnection, info: Promise<unknown>): Promise<unknown> | null {
    const last = this.lastRead.get(hostId);
    if (last !== undefined && this.now() - last < this.everyMs) return null;
    this.lastRead.set(hostId, this.now());
    const key = info.then((body) => daemonKeyOf(body, connection.endpoint));
    const df = this.pacer.run(key, () => connection.api.get('/system/df'));
    // A failed df is retried at the next read, not in ten minutes.
    df.catch(() => this.lastRead.delete(hostId));
    return df;
  }

  forget(hostId: string): void {
    this.lastRead.delete(hostId);
  }
}
