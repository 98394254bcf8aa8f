import path from 'node:path';
import { z } from 'zod';
import { type Alert, alertsMaxHistory } from '../../../shared/alerts-contract.js';
import { readJsonFile, writeJsonFile } from './alert-files.js';

const storedAlertSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    kind: z.string(),
    rule: z.string(),
    severity: z.enum(['info', 'warning', 'critical']),
    hostId: z.string(),
    hostName: z.string(),
    title: z.string(),
    message: z.string(),
    container: z.object({ id: z.string(), name: z.string(), exitCode: z.number().optional() }).optional(),
    at: z.number(),
    acknowledgedAt: z.number().optional(),
  })
  .transform((alert) => alert as Alert);
const historyFileSchema = z.object({ version: z.literal(1), alerts: z.array(storedAlertSchema) });

/** Writes wait this long, so a burst of alerts or acknowledgements is one write. */
const writeDelayMs = 200;

/**
 * The alerts raised, oldest first, at most alertsMaxHistory (the oldest dropped beyond), kept in
 * `<data dir>/alerts.json` (0600, written atomically; a damaged file is moved aside). Without a
 * directory it lives in memory (tests).
 */
export class AlertHistory {
  private alerts: Alert[] = [];
  private readonly keys = new Map<string, Alert>();
  private timer: NodeJS.Timeout | undefined;
  private readonly file: string | undefined;

  constructor(dataDir: string | undefined, recovered: (message: string) => void = () => undefined) {
    this.file = dataDir === undefined ? undefined : path.join(dataDir, 'alerts.json');
    if (this.file) {
      const stored = readJsonFile(this.file, historyFileSchema, (movedTo) =>
        recovered(`The alert history could not be read and was moved to ${movedTo}; it starts empty.`),
      );
      for (const alert of stored?.alerts.slice(-alertsMaxHistory) ?? []) this.remember(alert);
    }
  }

  add(alert: Alert): void {
    this.remember(alert);
    while (this.alerts.length > alertsMaxHistory) {
      const dropped = this.alerts.shift()!;
      if (this.keys.get(dropped.key) === dropped) this.keys.delete(dropped.key);
    }
    this.scheduleWrite();
  }

  /** Whether an alert with this key is kept; with `openOnly`, an unacknowledged one with this key or `key|…`. */
  has(key: string, openOnly: boolean): boolean {
    if (!openOnly) return this.keys.has(key);
    const prefix = `${key}|`;
    return this.alerts.some((alert) => alert.acknowledgedAt === undefined && (alert.key === key || alert.key.startsWith(prefix)));
  }

  /** Newest first. */
  list(filter: { hostId?: string | undefined; unacknowledgedOnly: boolean; limit: number }): Alert[] {
    const result: Alert[] = [];
    for (let index = this.alerts.length - 1; index >= 0 && result.length < filter.limit; index -= 1) {
      const alert = this.alerts[index]!;
      if (filter.hostId !== undefined && alert.hostId !== filter.hostId) continue;
      if (filter.unacknowledgedOnly && alert.acknowledgedAt !== undefined) continue;
      result.push(alert);
    }
    return result;
  }

  /** Acknowledges the given alerts (or all): answers how many changed. */
  acknowledge(ids: readonly string[], all: boolean, now: number): number {
    const wanted = new Set(ids);
    let changed = 0;
    this.alerts = this.alerts.map((alert) => {
      if (alert.acknowledgedAt !== undefined || (!all && !wanted.has(alert.id))) return alert;
      changed += 1;
      const acknowledged = { ...alert, acknowledgedAt: now };
      this.keys.set(alert.key, acknowledged);
      return acknowledged;
    });
    if (changed > 0) this.scheduleWrite();
    return changed;
  }

  /**
   * Hosts with an unacknowledged alert, by their oldest such alert first: the connection policy
   * keeps the first ones live up to its limit, and this order is stable, so a burst of new alerts
   * across a fleet (one daemon event seen by 200 hosts) never displaces the hosts already held and
   * promotes every host in turn.
   */
  hostsWithOpenAlerts(): Set<string> {
    const hosts = new Set<string>();
    for (const alert of this.alerts) if (alert.acknowledgedAt === undefined) hosts.add(alert.hostId);
    return hosts;
  }

  unacknowledged(): number {
    return this.alerts.filter((alert) => alert.acknowledgedAt === undefined).length;
  }

  /** Writes what is pending now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.file) writeJsonFile(this.file, { version: 1, alerts: this.alerts });
  }

  dispose(): void {
    if (this.timer) this.flush();
  }

  private remember(alert: Alert): void {
    this.alerts.push(alert);
    this.keys.set(alert.key, alert);
  }

  private scheduleWrite(): void {
    if (!this.file) return;
    this.timer ??= setTimeout(() => {
      try {
        this.flush();
      } catch {
        // A failed write (disk full) is retried with the next change; the alerts stay in memory.
      }
    }, writeDelayMs);
  }
}
