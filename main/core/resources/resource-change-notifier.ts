import type { ResourceKind, ResourcesChanged } from '../../../shared/resources.js';

export interface ResourceChangeTiming {
  /** At most one notice per host this often (ms). */
  intervalMs: number;
  /** The first event of a quiet host waits this long, so its burst arrives as one notice. */
  settleMs: number;
}

export const defaultResourceChangeTiming: ResourceChangeTiming = { intervalMs: 500, settleMs: 50 };

/**
 * Coalesces a host's resource events into few `resources:changed` notices: whatever kinds arrive
 * until the notice goes out are one notice, and a host sends at most one per `intervalMs`. A burst
 * of 10,000 image events is one or two notices, and every notice makes an open view read its list
 * once (the renderer keeps at most one read in flight per view).
 */
export class ResourceChangeNotifier {
  private readonly pending = new Map<string, { kinds: Set<ResourceKind>; timer: NodeJS.Timeout }>();
  private readonly lastSent = new Map<string, number>();

  constructor(
    private readonly notify: (change: ResourcesChanged) => void,
    private readonly timing: ResourceChangeTiming = defaultResourceChangeTiming,
  ) {}

  changed(hostId: string, kinds: readonly ResourceKind[]): void {
    const held = this.pending.get(hostId);
    if (held) {
      for (const kind of kinds) held.kinds.add(kind);
      return;
    }
    const since = Date.now() - (this.lastSent.get(hostId) ?? 0);
    const delay = Math.max(this.timing.settleMs, this.timing.intervalMs - since);
    const timer = setTimeout(() => this.flush(hostId), delay);
    timer.unref?.();
    this.pending.set(hostId, { kinds: new Set(kinds), timer });
  }

  /** A removed host: nothing more is sent for it. */
  forget(hostId: string): void {
    clearTimeout(this.pending.get(hostId)?.timer);
    this.pending.delete(hostId);
    this.lastSent.delete(hostId);
  }

  dispose(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private flush(hostId: string): void {
    const held = this.pending.get(hostId);
    if (!held) return;
    this.pending.delete(hostId);
    this.lastSent.set(hostId, Date.now());
    this.notify({ hostId, kinds: [...held.kinds].sort() });
  }
}
