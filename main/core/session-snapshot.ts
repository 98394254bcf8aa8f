import type { ContainerSummary, DiskUsage, HostSnapshot } from '../../shared/snapshot.js';
import { type SnapshotPatch, applyContainersPatch, applyDiskUsage, containersPatchOf, sameJson } from '../../shared/snapshot-patch.js';
import { withContainers } from './snapshot-reader.js';

/** How a change of the snapshot goes out: whole, or with the patch renderers apply. */
export type SnapshotPublished = (snapshot: HostSnapshot, patch?: SnapshotPatch) => void;

/**
 * What one host's session shows, and each change of it as little as renderers need: the snapshot
 * restored from an earlier run until the first live read, then every read and event-driven
 * change. Main holds exactly what a renderer holds after applying the same patches.
 */
export class SessionSnapshot {
  private snapshot: HostSnapshot | null;
  /** The snapshot is the one restored from an earlier run, not read from the daemon in this one. */
  private restored: boolean;

  constructor(
    private readonly hostId: string,
    restored: HostSnapshot | undefined,
    private readonly published: SnapshotPublished,
  ) {
    this.snapshot = restored ?? null;
    this.restored = this.snapshot !== null;
  }

  /** What to show: the last live read, or before it the snapshot restored from an earlier run. */
  current(): HostSnapshot | null {
    return this.snapshot;
  }

  /** The snapshot read from the daemon in this run; null while only a restored one is held (not live truth). */
  live(): HostSnapshot | null {
    return this.restored ? null : this.snapshot;
  }

  /** A whole read (connect, refresh, a changed daemon), or a change with its patch. */
  publish(snapshot: HostSnapshot, patch?: SnapshotPatch): void {
    this.snapshot = snapshot;
    this.restored = false;
    this.published(snapshot, patch);
  }

  /** A container read, as a patch of the rows that changed; nothing before the first snapshot. */
  containers(containers: ContainerSummary[]): void {
    const previous = this.snapshot;
    if (!previous) return;
    const payload = containersPatchOf(previous, withContainers(previous, containers));
    this.publish(applyContainersPatch(previous, payload), { channel: 'host:containers-patch', payload });
  }

  /** A disk-usage read, as its own patch; nothing before the first snapshot. */
  diskUsage(diskUsage: DiskUsage | null): void {
    const previous = this.snapshot;
    if (!previous) return;
    const payload = { hostId: this.hostId, diskUsage, updatedAt: Date.now() };
    this.publish(applyDiskUsage(previous, payload), { channel: 'host:disk-usage', payload });
  }

  /**
   * A standby read, since 200 standby hosts read every minute: the changed rows and the disk usage
   * as patches, nothing when the daemon is as shown, a whole snapshot only when there is none yet
   * (or a restored one) or the daemon's info or storage changed.
   */
  standbyRead(next: HostSnapshot): void {
    const previous = this.live();
    if (!previous || !sameJson(previous.summary, next.summary) || !sameJson(previous.storage, next.storage)) {
      this.publish(next);
      return;
    }
    const payload = containersPatchOf(previous, next);
    if (payload.upserted.length > 0 || payload.removed.length > 0 || !sameJson(previous.counts, next.counts)) {
      this.publish(applyContainersPatch(previous, payload), { channel: 'host:containers-patch', payload });
    }
    const current = this.snapshot ?? previous;
    if (!sameJson(current.diskUsage, next.diskUsage)) this.diskUsage(next.diskUsage);
  }
}
