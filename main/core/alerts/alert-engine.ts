import { type AlertRules, type AlertSettings, effectiveRules } from '../../../shared/alerts-contract.js';
import type { HostCertificates } from '../../../shared/certificate-health.js';
import type { HostSnapshot, HostStatus } from '../../../shared/snapshot.js';
import type { DockerEvent } from '../events-stream.js';
import type { AlertClock } from './alert-clock.js';
import { ConditionRules } from './condition-rules.js';
import { ContainerRules } from './container-rules.js';
import { HostOutageRule } from './host-outage-rule.js';
import type { NewAlert, RuleContext } from './new-alert.js';

export interface AlertEngineOptions {
  settings: () => AlertSettings;
  clock: AlertClock;
  raise: (alert: NewAlert) => void;
  seen: RuleContext['seen'];
}

/**
 * The rule engine: pure apart from the clock it is given. Fed host statuses, Docker events,
 * snapshots and certificate health; raises alerts through `raise`. A muted host raises nothing.
 */
export class AlertEngine {
  private readonly outage: HostOutageRule;
  private readonly containers: ContainerRules;
  private readonly conditions: ConditionRules;

  constructor(options: AlertEngineOptions) {
    const context: RuleContext = {
      rulesFor: (hostId) => this.rulesFor(options.settings(), hostId),
      now: () => options.clock.now(),
      raise: (alert) => {
        if (this.rulesFor(options.settings(), alert.hostId) || alert.kind === 'host-recovered') options.raise(alert);
      },
      seen: options.seen,
    };
    this.outage = new HostOutageRule(context, options.clock);
    this.containers = new ContainerRules(context);
    this.conditions = new ConditionRules(context);
  }

  hostStatus(hostId: string, status: HostStatus): void {
    this.outage.status(hostId, status);
  }

  dockerEvent(hostId: string, event: DockerEvent): void {
    this.containers.event(hostId, event);
  }

  snapshot(hostId: string, snapshot: HostSnapshot): void {
    this.conditions.snapshot(hostId, snapshot);
  }

  certificates(hostId: string, health: HostCertificates): void {
    this.conditions.certificates(hostId, health);
  }

  hostRemoved(hostId: string): void {
    this.outage.removed(hostId);
    this.containers.removed(hostId);
    this.conditions.removed(hostId);
  }

  dispose(): void {
    this.outage.dispose();
  }

  private rulesFor(settings: AlertSettings, hostId: string): AlertRules | undefined {
    return settings.hosts[hostId]?.muted ? undefined : effectiveRules(settings, hostId);
  }
}
