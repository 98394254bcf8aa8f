import { z } from 'zod';

/**
 * Alerts' part of the contract (spread into shared/contract.ts): rules with a switch and
 * thresholds, global with per-host overrides and a per-host mute; raised alerts with history and
 * acknowledge; delivery to desktop notifications, the in-app list and an optional webhook.
 */

export const alertRuleIds = [
  'hostDown',
  'containerDied',
  'oomKilled',
  'unhealthy',
  'restartLoop',
  'certificateExpiry',
  'storageUsage',
] as const;
export type AlertRuleId = (typeof alertRuleIds)[number];

const toggle = z.boolean();
export const alertRulesSchema = z
  .object({
    /** The host does not answer for longer than graceSeconds; "recovered" when it answers again. */
    hostDown: z.object({ enabled: toggle, graceSeconds: z.number().int().min(5).max(3600) }).strict(),
    /** A container exits with a non-zero code. */
    containerDied: z.object({ enabled: toggle }).strict(),
    /** The kernel's OOM killer ends a container's process. */
    oomKilled: z.object({ enabled: toggle }).strict(),
    /** A container's health check turns unhealthy. */
    unhealthy: z.object({ enabled: toggle }).strict(),
    /** `restarts` starts of one container within `minutes`: one alert for the loop. */
    restartLoop: z
      .object({ enabled: toggle, restarts: z.number().int().min(2).max(1000), minutes: z.number().int().min(1).max(1440) })
      .strict(),
    /** A TLS host's CA, client or server certificate expires within `days`. */
    certificateExpiry: z.object({ enabled: toggle, days: z.number().int().min(1).max(365) }).strict(),
    /** Thin pool or data-root usage at or above warningPercent, then criticalPercent. */
    storageUsage: z
      .object({
        enabled: toggle,
        warningPercent: z.number().int().min(1).max(100),
        criticalPercent: z.number().int().min(1).max(100),
      })
      .strict(),
  })
  .strict();
export type AlertRules = z.output<typeof alertRulesSchema>;

/** A host's overrides: any rule's fields, the rest inherited from the global rules. */
export const hostAlertOverridesSchema = z
  .object({
    muted: z.boolean().optional(),
    rules: z
      .object({
        hostDown: alertRulesSchema.shape.hostDown.partial().optional(),
        containerDied: alertRulesSchema.shape.containerDied.partial().optional(),
        oomKilled: alertRulesSchema.shape.oomKilled.partial().optional(),
        unhealthy: alertRulesSchema.shape.unhealthy.partial().optional(),
        restartLoop: alertRulesSchema.shape.restartLoop.partial().optional(),
        certificateExpiry: alertRulesSchema.shape.certificateExpiry.partial().optional(),
        storageUsage: alertRulesSchema.shape.storageUsage.partial().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type HostAlertOverrides = z.output<typeof hostAlertOverridesSchema>;

/** Webhook URLs: http(s) only, no user:password part (the body and URL carry no Berth secrets). */
export const webhookUrlSchema = z
  .string()
  .max(2048)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'give an http:// or https:// URL without a user name or password');

export const alertSettingsSchema = z
  .object({
    rules: alertRulesSchema,
    hosts: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), hostAlertOverridesSchema),
    /** Desktop notifications (Electron's Notification, or the page's Notification API in the browser shell). */
    desktopNotifications: z.boolean(),
    webhook: z.object({ enabled: z.boolean(), url: webhookUrlSchema.optional() }).strict(),
  })
  .strict()
  .refine((settings) => !settings.webhook.enabled || settings.webhook.url !== undefined, {
    message: 'give the webhook URL, or turn the webhook off',
    path: ['webhook', 'url'],
  })
  .refine((settings) => settings.rules.storageUsage.warningPercent <= settings.rules.storageUsage.criticalPercent, {
    message: 'the warning percentage must not be above the critical one',
    path: ['rules', 'storageUsage'],
  });
export type AlertSettings = z.output<typeof alertSettingsSchema>;

export const defaultAlertRules: AlertRules = {
  hostDown: { enabled: true, graceSeconds: 30 },
  containerDied: { enabled: true },
  oomKilled: { enabled: true },
  unhealthy: { enabled: true },
  restartLoop: { enabled: true, restarts: 5, minutes: 10 },
  certificateExpiry: { enabled: true, days: 14 },
  storageUsage: { enabled: true, warningPercent: 80, criticalPercent: 90 },
};

export const defaultAlertSettings: AlertSettings = {
  rules: defaultAlertRules,
  hosts: {},
  desktopNotifications: true,
  webhook: { enabled: false },
};

/** The rules in force for one host: the global ones with its overrides applied. */
export function effectiveRules(settings: AlertSettings, hostId: string): AlertRules {
  const overrides = settings.hosts[hostId]?.rules;
  if (!overrides) return settings.rules;
  const merged = { ...settings.rules } as Record<AlertRuleId, unknown>;
  for (const id of alertRuleIds) {
    const override = overrides[id];
    if (override) merged[id] = { ...settings.rules[id], ...override };
  }
  return merged as AlertRules;
}

export type AlertKind =
  | 'host-down'
  | 'host-recovered'
  | 'container-died'
  | 'container-oom'
  | 'container-unhealthy'
  | 'restart-loop'
  | 'certificate-expiring'
  | 'storage-usage';
export type AlertSeverity = 'info' | 'warning' | 'critical';

/** One raised alert, as the list, notifications and the webhook carry it. */
export interface Alert {
  /** Unique, stable (the history's key). */
  id: string;
  /** What makes two alerts the same condition (one host's outage, one certificate's expiry): never raised twice. */
  key: string;
  kind: AlertKind;
  rule: AlertRuleId;
  severity: AlertSeverity;
  hostId: string;
  hostName: string;
  /** One line: "api died (137) on build-01". */
  title: string;
  /** What happened and what to look at. */
  message: string;
  container?: { id: string; name: string; exitCode?: number };
  /** Epoch milliseconds when it happened (the event's time, or when the grace period ran out). */
  at: number;
  acknowledgedAt?: number;
}

/** The webhook's JSON body (documented in docs/alerts-webhook.md). */
export interface AlertWebhookBody {
  schema: 'berth.alert/v1';
  alert: Omit<Alert, 'acknowledgedAt'>;
  sentAt: string;
}

export const alertsMaxHistory = 5_000;

const alertId = z.string().min(1).max(128);
export const alertsInvokeSchemas = {
  /** Alerts newest first (history kept: alertsMaxHistory), optionally of one host or only unacknowledged. */
  'alerts:list': z
    .object({
      hostId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .optional(),
      unacknowledgedOnly: z.boolean().default(false),
      limit: z.number().int().min(1).max(alertsMaxHistory).default(500),
    })
    .strict(),
  /** Marks alerts acknowledged: the given ids, or every one when `all`. */
  'alerts:acknowledge': z.object({ ids: z.array(alertId).max(alertsMaxHistory).default([]), all: z.boolean().default(false) }).strict(),
  'alerts:settings': z.object({}).strict(),
  /** Replaces the settings (validated: thresholds in range, webhook URL http(s) without credentials). */
  'alerts:save-settings': z.object({ settings: alertSettingsSchema }).strict(),
} as const;

export interface AlertList {
  alerts: Alert[];
  unacknowledged: number;
}

export interface AlertsInvokeResults {
  'alerts:list': AlertList;
  'alerts:acknowledge': { acknowledged: number };
  'alerts:settings': AlertSettings;
  'alerts:save-settings': AlertSettings;
}

export interface AlertsPushEvents {
  /** A new alert (also how the browser shell shows a desktop notification: `notify` says whether to). */
  'alerts:raised': { alert: Alert; notify: boolean; unacknowledged: number };
  /** Acknowledgements changed the count. */
  'alerts:acknowledged': { ids: string[]; all: boolean; unacknowledged: number };
}
