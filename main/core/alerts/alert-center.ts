import { randomUUID } from 'node:crypto';
import type { Alert, AlertList, AlertSettings, AlertsInvokeResults } from '../../../shared/alerts-contract.js';
import type { HostCertificates } from '../../../shared/certificate-health.js';
import type { ConnectionEvent } from '../connection-manager.js';
import { type AlertClock, systemClock } from './alert-clock.js';
import { AlertEngine } from './alert-engine.js';
import { AlertHistory } from './alert-history.js';
import { AlertSettingsStore } from './alert-settings-store.js';
import type { NewAlert } from './new-alert.js';
import { type WebhookOptions, WebhookSender, postJson } from './webhook-sender.js';

export type AlertPush =
  | { channel: 'alerts:raised'; payload: { alert: Alert; notify: boolean; unacknowledged: number } }
  | { channel: 'alerts:acknowledged'; payload: { ids: string[]; all: boolean; unacknowledged: number } };

export interface AlertCenterOptions {
  /** Where alerts.json and alert-settings.json live; in memory without it. */
  dataDir?: string;
  hostName: (hostId: string) => string;
  /** To every attached client. */
  push: (message: AlertPush) => void;
  /** The desktop shell's own notification (Electron); the browser shell shows it from the push instead. */
  notify?: (alert: Alert) => void;
  /** Start-up problems (a damaged file moved aside) and webhook failures. */
  warn?: (message: string) => void;
  clock?: AlertClock;
  webhook?: Partial<WebhookOptions> & { post?: typeof postJson };
}

/**
 * Alerts end to end: the rule engine fed from the connection manager and certificate health,
 * the history (acknowledge), the settings, and delivery — a push to every client (the in-app list,
 * and the browser shell's desktop notification), Electron's Notification, and the webhook.
 * An alert whose key is already in the history is never raised again.
 */
export class AlertCenter {
  private readonly engine: AlertEngine;
  private readonly history: AlertHistory;
  private readonly settingsStore: AlertSettingsStore;
  private readonly webhook: WebhookSender;
  private lastWebhookFailure: string | undefined;

  constructor(private readonly options: AlertCenterOptions) {
    const warn = options.warn ?? (() => undefined);
    this.history = new AlertHistory(options.dataDir, warn);
    this.settingsStore = new AlertSettingsStore(options.dataDir, warn);
    const { post, ...webhookOptions } = options.webhook ?? {};
    this.webhook = new WebhookSender(
      (alert, reason) => {
        this.lastWebhookFailure = `The webhook did not take alert "${alert.title}": ${reason}.`;
        warn(this.lastWebhookFailure);
      },
      { timeoutMs: 5_000, retryDelaysMs: [1_000, 5_000, 25_000], maxQueued: 100, ...webhookOptions },
      post ?? postJson,
    );
    this.engine = new AlertEngine({
      settings: () => this.settingsStore.get(),
      clock: options.clock ?? systemClock,
      raise: (alert) => this.raise(alert),
      seen: (key, unacknowledgedOnly) => this.history.has(key, unacknowledgedOnly),
    });
  }

  onConnectionEvent(event: ConnectionEvent): void {
    if (event.type === 'status') this.engine.hostStatus(event.hostId, event.status);
    else if (event.type === 'docker-event') this.engine.dockerEvent(event.hostId, event.event);
    else if (event.type === 'snapshot') this.engine.snapshot(event.hostId, event.snapshot);
    else if (event.type === 'removed') this.engine.hostRemoved(event.hostId);
  }

  certificates(hostId: string, health: HostCertificates): void {
    this.engine.certificates(hostId, health);
  }

  list(filter: { hostId?: string | undefined; unacknowledgedOnly: boolean; limit: number }): AlertList {
    return { alerts: this.history.list(filter), unacknowledged: this.history.unacknowledged() };
  }

  /** The hosts with an unacknowledged alert. */
  hostsWithOpenAlerts(): Set<string> {
    return this.history.hostsWithOpenAlerts();
  }

  acknowledge(ids: string[], all: boolean): AlertsInvokeResults['alerts:acknowledge'] {
    const acknowledged = this.history.acknowledge(ids, all, (this.options.clock ?? systemClock).now());
    if (acknowledged > 0)
      this.options.push({ channel: 'alerts:acknowledged', payload: { ids, all, unacknowledged: this.history.unacknowledged() } });
    return { acknowledged };
  }

  settings(): AlertSettings {
    return this.settingsStore.get();
  }

  saveSettings(settings: AlertSettings): AlertSettings {
    return this.settingsStore.save(settings);
  }

  /** The last webhook delivery that failed, for the settings view. */
  webhookFailure(): string | undefined {
    return this.lastWebhookFailure;
  }

  dispose(): void {
    this.engine.dispose();
    this.webhook.dispose();
    this.history.dispose();
  }

  private raise(raised: NewAlert): void {
    if (this.history.has(raised.key, false)) return;
    const hostName = this.options.hostName(raised.hostId);
    const alert: Alert = { ...raised, id: randomUUID(), hostName, title: `${hostName}: ${raised.title}` };
    this.history.add(alert);
    const settings = this.settingsStore.get();
    this.options.push({
      channel: 'alerts:raised',
      payload: { alert, notify: settings.desktopNotifications, unacknowledged: this.history.unacknowledged() },
    });
    if (settings.desktopNotifications) this.options.notify?.(alert);
    if (settings.webhook.enabled && settings.webhook.url) this.webhook.send(settings.webhook.url, alert);
  }
}
