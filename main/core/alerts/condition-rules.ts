import { type HostCertificates, certificateCriticalDays, certificateRoleLabels } from '../../../shared/certificate-health.js';
import type { HostSnapshot } from '../../../shared/snapshot.js';
import type { RuleContext } from './new-alert.js';

/**
 * Thin pool or data-root usage (0..1) from what the daemon reports: devicemapper's pool data
 * space, zfs's dataset space. Other drivers (overlay2, btrfs, vfs) report no free space through the
 * Engine API, so they have no reading.
 */
export function storageUsageOf(snapshot: HostSnapshot): { fraction: number; what: string } | undefined {
  const reading = snapshot.storage.reading;
  if (reading.driver === 'devicemapper' && reading.pool.dataUsedFraction !== undefined)
    return { fraction: reading.pool.dataUsedFraction, what: `thin pool ${reading.pool.poolName ?? ''}`.trim() };
  if (reading.driver === 'zfs' && reading.space?.used !== undefined && reading.space.available !== undefined) {
    const total = reading.space.used + reading.space.available;
    if (total > 0) return { fraction: reading.space.used / total, what: `zfs dataset ${reading.parentDataset ?? ''}`.trim() };
  }
  return undefined;
}

/**
 * Conditions read from state rather than events: a certificate expiring within N days (one
 * alert per certificate and expiry date, ever) and storage usage above the warning, then the
 * critical percentage (one alert per level reached; a level counts again only after usage fell
 * below the warning level).
 */
export class ConditionRules {
  private readonly storageLevel = new Map<string, 'warning' | 'critical'>();

  constructor(private readonly context: RuleContext) {}

  certificates(hostId: string, health: HostCertificates): void {
    const rules = this.context.rulesFor(hostId);
    if (!rules?.certificateExpiry.enabled) return;
    for (const entry of health.entries) {
      if (entry.daysLeft > rules.certificateExpiry.days) continue;
      const key = `${hostId}|certificate|${entry.role}|${entry.notAfter}`;
      if (this.context.seen(key, false)) continue;
      const label = certificateRoleLabels[entry.role];
      const expired = entry.daysLeft < 0;
      this.context.raise({
        kind: 'certificate-expiring',
        rule: 'certificateExpiry',
        severity: expired || entry.daysLeft <= certificateCriticalDays ? 'critical' : 'warning',
        hostId,
        key,
        title: expired ? `${label} expired` : `${label} expires in ${entry.daysLeft} days`,
        message: `${label} "${entry.subject}" ${expired ? 'expired on' : 'is valid until'} ${entry.notAfter}. Renew it (Set up TLS… or berth tls init) before clients are refused.`,
        at: this.context.now(),
      });
    }
  }

  snapshot(hostId: string, snapshot: HostSnapshot): void {
    const rules = this.context.rulesFor(hostId);
    const usage = storageUsageOf(snapshot);
    if (!rules?.storageUsage.enabled || !usage) return;
    const percent = usage.fraction * 100;
    const level =
      percent >= rules.storageUsage.criticalPercent ? 'critical' : percent >= rules.storageUsage.warningPercent ? 'warning' : undefined;
    const previous = this.storageLevel.get(hostId);
    if (level === undefined) {
      this.storageLevel.delete(hostId);
      return;
    }
    if (previous === level || previous === 'critical') return;
    this.storageLevel.set(hostId, level);
    const condition = `${hostId}|storage|${level}`;
    // A level already alerted and not yet acknowledged (e.g. before a restart) is not raised again.
    if (this.context.seen(condition, true)) return;
    const key = `${condition}|${this.context.now()}`;
    this.context.raise({
      kind: 'storage-usage',
      rule: 'storageUsage',
      severity: level,
      hostId,
      key,
      title: `${usage.what} ${percent.toFixed(0)} % full`,
      message: `${usage.what} is ${percent.toFixed(1)} % used (alert at ${level === 'critical' ? rules.storageUsage.criticalPercent : rules.storageUsage.warningPercent} %). Prune unused images and volumes or grow the pool.`,
      at: this.context.now(),
    });
  }

  removed(hostId: string): void {
    this.storageLevel.delete(hostId);
  }
}
