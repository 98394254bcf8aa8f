import {
  type Alert,
  type AlertSettings,
  type AlertsInvokeResults,
  alertSettingsSchema,
  defaultAlertSettings,
} from '../../../shared/alerts-contract';
import type { InvokeInput, PushEvents } from '../../../shared/contract';
import {
  type TimelineEvent,
  type TimelineInvokeResults,
  matchesTimelineFilter,
  timelineMaxAgeDays,
  timelineMaxEventsPerHost,
} from '../../../shared/timeline-contract';
import type { DemoHost } from './demo-hosts';

type Channel = keyof TimelineInvokeResults | keyof AlertsInvokeResults;
type Results = TimelineInvokeResults & AlertsInvokeResults;

/** The demo's events: each listed container's create and start (and die, for exited ones), at the times its snapshot gives. */
function demoEvents(hosts: Iterable<DemoHost>): TimelineEvent[] {
  const events: Omit<TimelineEvent, 'seq'>[] = [];
  for (const host of hosts) {
    for (const container of host.snapshot?.containers.slice(0, 200) ?? []) {
      const base = {
        hostId: host.profile.id,
        type: 'container',
        actorId: container.id,
        name: (container.names[0] ?? container.id).replace(/^\//, ''),
        image: container.image,
      };
      const created = container.created * 1e9;
      events.push({ ...base, timeNano: created, action: 'create', attributes: {} });
      events.push({ ...base, timeNano: created + 350e6, action: 'start', attributes: {} });
      const exit = /Exited \((\d+)\)/.exec(container.status)?.[1];
      if (exit !== undefined && container.statusSince !== undefined)
        events.push({ ...base, timeNano: container.statusSince * 1e6, action: 'die', attributes: { exitCode: exit } });
    }
  }
  return events.sort((a, b) => a.timeNano - b.timeNano).map((event, index) => ({ ...event, seq: index + 1 }));
}

/** The demo's alerts: what its hosts' states, exited containers and certificates would have raised. */
function demoAlerts(hosts: Iterable<DemoHost>, now: number): Alert[] {
  const alerts: Alert[] = [];
  for (const host of hosts) {
    const base = { hostId: host.profile.id, hostName: host.profile.name };
    if (host.status.state === 'reconnecting' || host.status.state === 'failed') {
      alerts.push({
        ...base,
        id: `demo-down-${host.profile.id}`,
        key: `${host.profile.id}|outage|demo|down`,
        kind: 'host-down',
        rule: 'hostDown',
        severity: 'critical',
        title: `${host.profile.name}: unreachable`,
        message: `No connection for 45 s (grace 30 s). Last error: ${host.status.state === 'failed' ? host.status.error.code : host.status.lastError.code}`,
        at: now - 12 * 60_000,
      });
    }
    for (const container of host.snapshot?.containers.slice(0, 200) ?? []) {
      const exit = Number(/Exited \((\d+)\)/.exec(container.status)?.[1] ?? '0');
      if (exit === 0) continue;
      const name = (container.names[0] ?? container.id).replace(/^\//, '');
      alerts.push({
        ...base,
        id: `demo-died-${container.id}`,
        key: `${host.profile.id}|died|${container.id}|demo`,
        kind: 'container-died',
        rule: 'containerDied',
        severity: 'warning',
        title: `${host.profile.name}: ${name} died (${exit})`,
        message: `Container ${name} (image ${container.image}) exited with code ${exit}.`,
        container: { id: container.id, name, exitCode: exit },
        at: container.statusSince ?? now - 3600_000,
      });
    }
    for (const entry of host.certificates?.entries ?? []) {
      if (entry.daysLeft > defaultAlertSettings.rules.certificateExpiry.days) continue;
      alerts.push({
        ...base,
        id: `demo-cert-${host.profile.id}-${entry.role}`,
        key: `${host.profile.id}|certificate|${entry.role}|${entry.notAfter}`,
        kind: 'certificate-expiring',
        rule: 'certificateExpiry',
        severity: entry.daysLeft <= 7 ? 'critical' : 'warning',
        title: `${host.profile.name}: ${entry.role} certificate expires in ${entry.daysLeft} days`,
        message: `"${entry.subject}" is valid until ${entry.notAfter}.`,
        at: now - 2 * 3600_000,
      });
    }
  }
  return alerts.sort((a, b) => b.at - a.at);
}

/** The timeline and alert channels of the demo, answered from its hosts with the shared filter and settings schema. */
export class DemoFleetEvents {
  private events: TimelineEvent[] | undefined;
  private alerts: Alert[] | undefined;
  private settings: AlertSettings = defaultAlertSettings;

  constructor(
    private readonly hosts: Map<string, DemoHost>,
    private readonly now: () => number,
    private readonly acknowledged: (payload: PushEvents['alerts:acknowledged']) => void,
  ) {}

  answer<C extends Channel>(channel: C, input: InvokeInput<C>): Results[C] {
    const events = (this.events ??= demoEvents(this.hosts.values()));
    const alerts = (this.alerts ??= demoAlerts(this.hosts.values(), this.now()));
    const answers: { [K in Channel]: (input: InvokeInput<K>) => Results[K] } = {
      'timeline:query': (query) => {
        const limit = query.limit ?? 1_000;
        const matching = events
          .filter((event) => (query.beforeSeq === undefined || event.seq < query.beforeSeq) && matchesTimelineFilter(event, query))
          .reverse();
        return {
          events: matching.slice(0, limit),
          more: matching.length > limit,
          retention: { maxEventsPerHost: timelineMaxEventsPerHost, maxAgeDays: timelineMaxAgeDays, store: 'memory' },
        };
      },
      'alerts:list': (filter) => ({
        alerts: alerts
          .filter(
            (alert) =>
              (filter.hostId === undefined || alert.hostId === filter.hostId) && (!filter.unacknowledgedOnly || !alert.acknowledgedAt),
          )
          .slice(0, filter.limit ?? 500),
        unacknowledged: alerts.filter((alert) => !alert.acknowledgedAt).length,
      }),
      'alerts:acknowledge': ({ ids, all }) => {
        let acknowledged = 0;
        this.alerts = alerts.map((alert) => {
          if (alert.acknowledgedAt || !(all || ids?.includes(alert.id))) return alert;
          acknowledged += 1;
          return { ...alert, acknowledgedAt: this.now() };
        });
        const unacknowledged = this.alerts.filter((alert) => !alert.acknowledgedAt).length;
        if (acknowledged > 0) this.acknowledged({ ids: ids ?? [], all: all ?? false, unacknowledged });
        return { acknowledged };
      },
      'alerts:settings': () => this.settings,
      'alerts:save-settings': ({ settings }) => (this.settings = alertSettingsSchema.parse(settings)),
    };
    return (answers[channel] as (input: InvokeInput<C>) => Results[C])(input);
  }
}
