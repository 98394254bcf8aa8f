import {
  type AlertRuleId,
  type AlertSettings,
  type HostAlertOverrides,
  alertRulesSchema,
  effectiveRules,
} from '../../../shared/alerts-contract';
import { ruleRows } from './alert-rule-rows';

/** One rule for one host: inherit the global switch, or force it on or off. */
export type RuleSwitch = 'inherit' | 'on' | 'off';

type RuleOverride = Record<string, number | boolean | undefined>;

function overrideOf(overrides: HostAlertOverrides | undefined, rule: AlertRuleId): RuleOverride {
  return (overrides?.rules?.[rule] ?? {}) as RuleOverride;
}

export function ruleSwitchOf(overrides: HostAlertOverrides | undefined, rule: AlertRuleId): RuleSwitch {
  const enabled = overrideOf(overrides, rule).enabled;
  return enabled === undefined ? 'inherit' : enabled ? 'on' : 'off';
}

/** A threshold the host overrides, or undefined when it inherits the global one. */
export function thresholdOf(overrides: HostAlertOverrides | undefined, rule: AlertRuleId, field: string): number | undefined {
  const value = overrideOf(overrides, rule)[field];
  return typeof value === 'number' ? value : undefined;
}

/**
 * A host's overrides with one rule's switch or threshold changed (undefined: inherit). Rules left
 * with nothing overridden are dropped, and so is `rules` when empty, so "inherit everything" is
 * stored as no entry at all.
 */
export function withRuleOverride(
  overrides: HostAlertOverrides | undefined,
  rule: AlertRuleId,
  change: { switch: RuleSwitch } | { field: string; value: number | undefined },
): HostAlertOverrides {
  const next: RuleOverride = { ...overrideOf(overrides, rule) };
  if ('switch' in change) next.enabled = change.switch === 'inherit' ? undefined : change.switch === 'on';
  else next[change.field] = change.value;
  const kept = Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined));
  const { [rule]: _old, ...otherRules } = overrides?.rules ?? {};
  const rules = Object.keys(kept).length > 0 ? { ...otherRules, [rule]: kept } : otherRules;
  return { ...(overrides?.muted && { muted: true }), ...(Object.keys(rules).length > 0 && { rules }) };
}

export function withMuted(overrides: HostAlertOverrides | undefined, muted: boolean): HostAlertOverrides {
  return { ...(muted && { muted: true }), ...(overrides?.rules && { rules: overrides.rules }) };
}

/** The settings with one host's overrides replaced; a host that overrides nothing has no entry. */
export function withHostOverrides(settings: AlertSettings, hostId: string, overrides: HostAlertOverrides): AlertSettings {
  const { [hostId]: _old, ...others } = settings.hosts;
  const empty = overrides.muted !== true && overrides.rules === undefined;
  return { ...settings, hosts: empty ? others : { ...others, [hostId]: overrides } };
}

/** How many rules a host overrides (for the host picker). */
export function overriddenRuleCount(overrides: HostAlertOverrides | undefined): number {
  return Object.keys(overrides?.rules ?? {}).length;
}

/**
 * What the schema cannot see on its own: the rules in force for each host (global plus its
 * overrides) must hold too — e.g. a host's warning at 95 % under a global critical at 90 %.
 * Answers "<host>: <rule>: <why>" for the first host that breaks one, or null.
 */
export function effectiveRulesProblem(settings: AlertSettings, hostName: (hostId: string) => string): string | null {
  for (const hostId of Object.keys(settings.hosts)) {
    const rules = effectiveRules(settings, hostId);
    const parsed = alertRulesSchema.safeParse(rules);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `${hostName(hostId)}: ${ruleLabel(issue?.path[0])}: ${issue?.message ?? 'not valid'}`;
    }
    if (rules.storageUsage.warningPercent > rules.storageUsage.criticalPercent) {
      return `${hostName(hostId)}: ${ruleLabel('storageUsage')}: the warning percentage (${rules.storageUsage.warningPercent} %) must not be above the critical one (${rules.storageUsage.criticalPercent} %)`;
    }
  }
  return null;
}

function ruleLabel(id: unknown): string {
  return ruleRows.find((row) => row.id === id)?.label ?? String(id);
}
