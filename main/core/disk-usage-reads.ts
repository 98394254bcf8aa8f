/**
 * `/system/df` for one connection: dockerd refuses a second disk-usage operation while one
 * runs, so reads never overlap (callers during a read share it), and refreshes asked for by
 * events are debounced. A refresh that comes due during a read waits for it and then reads
 * again, since that read may predate the event.
 */
export class DiskUsageReads {
  private inFlight: Promise<unknown> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private refreshing = false;
  /** Asked for during a refresh: one more round after it. */
  private again = false;
  private disposed = false;

  constructor(
    private readonly readOnce: () => Promise<unknown>,
    private readonly debounceMs: number,
    /** Receives each refreshed reading; failures are dropped (disk usage is best effort). */
    private readonly onRefreshed: (df: unknown) => void,
  ) {}

  /** One read, or the one already running. */
  read(): Promise<unknown> {
    this.inFlight ??= this.readOnce().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Asks for a fresh reading within `debounceMs`; requests meanwhile are the same request. */
  requestRefresh(): void {
    if (this.disposed) return;
    if (this.refreshing) this.again = true;
    else
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        void this.refresh();
      }, this.debounceMs);
  }

  /** A fresh reading now (after a read already running), delivered like a refresh. */
  refreshNow(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.refreshing) this.again = true;
    else void this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async refresh(): Promise<void> {
    this.refreshing = true;
    try {
      await this.inFlight?.catch(() => undefined);
      if (this.disposed) return;
      const df = await this.read();
      if (!this.disposed) this.onRefreshed(df);
    } catch {
      // best effort: the heartbeat notices a dead connection
    } finally {
      this.refreshing = false;
      if (this.again) {
        this.again = false;
        this.requestRefresh();
      }
    }
  }
}
