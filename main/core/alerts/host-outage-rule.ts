import type { HostStatus } from '../../../shared/snapshot.js';
import type { AlertClock } from './alert-clock.js';
import type { RuleContext } from './new-alert.js';

interface Outage {
  /** When the host stopped being ready (ms). */
  since: number;
  timer: unknown;
  /** The "down" alert went out: a "recovered" follows when the host is ready again. */
  declared: boolean;
  lastError?: string;
}

/**
 * "Host unreachable for more than N seconds" and "recovered". An outage starts when a host leaves
 * ready (or is not ready when first seen) and ends when it is ready again. Only an outage longer
 * than the grace period raises "down", once, however often the session retries meanwhile; the
 * "recovered" that ends it is raised once too. Outages shorter than the grace raise nothing.
 */
export class HostOutageRule {
  private readonly outages = new Map<string, Outage>();

  constructor(
    private readonly context: RuleContext,
    private readonly clock: AlertClock,
  ) {}

  status(hostId: string, status: HostStatus): void {
    const outage = this.outages.get(hostId);
    if (status.state === 'ready') {
      if (!outage) return;
      this.end(hostId, outage);
      if (outage.declared) {
        const downFor = Math.round((this.clock.now() - outage.since) / 1000);
        this.context.raise({
          kind: 'host-recovered',
          rule: 'hostDown',
          severity: 'info',
          hostId,
          key: `${hostId}|outage|${outage.since}|recovered`,
          title: 'recovered',
          message: `The host answers again after ${downFor} s without a connection.`,
          at: this.clock.now(),
        });
      }
      return;
    }
    if (status.state === 'idle') {
      // Stopped or removed by the operator: not an outage.
      if (outage) this.end(hostId, outage);
      return;
    }
    const lastError = status.state === 'reconnecting' ? status.lastError : status.state === 'failed' ? status.error : undefined;
    if (outage) {
      if (lastError) outage.lastError = `${lastError.code}: ${lastError.message}`;
      return;
    }
    const rules = this.context.rulesFor(hostId);
    const graceMs = (rules?.hostDown.graceSeconds ?? 30) * 1000;
    const started: Outage = { since: this.clock.now(), timer: undefined, declared: false };
    if (lastError) started.lastError = `${lastError.code}: ${lastError.message}`;
    started.timer = this.clock.setTimeout(() => this.graceEnded(hostId, started), graceMs);
    this.outages.set(hostId, started);
  }

  removed(hostId: string): void {
    const outage = this.outages.get(hostId);
    if (outage) this.end(hostId, outage);
  }

  dispose(): void {
    for (const [hostId, outage] of this.outages) this.end(hostId, outage);
  }

  private graceEnded(hostId: string, outage: Outage): void {
    if (this.outages.get(hostId) !== outage) return;
    const rules = this.context.rulesFor(hostId);
    if (!rules?.hostDown.enabled) return;
    outage.declared = true;
    const seconds = Math.round((this.clock.now() - outage.since) / 1000);
    this.context.raise({
      kind: 'host-down',
      rule: 'hostDown',
      severity: 'critical',
      hostId,
      key: `${hostId}|outage|${outage.since}|down`,
      title: 'unreachable',
      message: `No connection for ${seconds} s (grace ${rules.hostDown.graceSeconds} s).${outage.lastError ? ` Last error: ${outage.lastError}` : ''}`,
      at: this.clock.now(),
    });
  }

  private end(hostId: string, outage: Outage): void {
    this.clock.clearTimeout(outage.timer);
    this.outages.delete(hostId);
  }
}
