import { describe, expect, it } from 'vitest';
import { alertSettingsSchema, defaultAlertSettings, effectiveRules } from '../../../shared/alerts-contract';
import {
  effectiveRulesProblem,
  overriddenRuleCount,
  ruleSwitchOf,
  thresholdOf,
  withHostOverrides,
  withMuted,
  withRuleOverride,
} from './host-overrides';

describe('a host’s alert rule overrides', () => {
  it('forces a rule on or off, overrides a threshold, and goes back to inheriting without leaving empty entries', () => {
    let overrides = withRuleOverride(undefined, 'restartLoop', { switch: 'off' });
    expect(ruleSwitchOf(overrides, 'restartLoop')).toBe('off');
    overrides = withRuleOverride(overrides, 'storageUsage', { field: 'warningPercent', value: 70 });
    overrides = withMuted(overrides, true);
    expect(overrides).toEqual({ muted: true, rules: { restartLoop: { enabled: false }, storageUsage: { warningPercent: 70 } } });
    expect(thresholdOf(overrides, 'storageUsage', 'warningPercent')).toBe(70);
    expect(thresholdOf(overrides, 'storageUsage', 'criticalPercent')).toBeUndefined();
    expect(overriddenRuleCount(overrides)).toBe(2);

    const settings = withHostOverrides(defaultAlertSettings, 'db', overrides);
    expect(alertSettingsSchema.parse(settings)).toEqual(settings);
    expect(effectiveRules(settings, 'db').restartLoop).toEqual({ enabled: false, restarts: 5, minutes: 10 });
    expect(effectiveRules(settings, 'db').storageUsage).toEqual({ enabled: true, warningPercent: 70, criticalPercent: 90 });

    overrides = withRuleOverride(overrides, 'restartLoop', { switch: 'inherit' });
    overrides = withRuleOverride(overrides, 'storageUsage', { field: 'warningPercent', value: undefined });
    overrides = withMuted(overrides, false);
    expect(overrides).toEqual({});
    expect(withHostOverrides(settings, 'db', overrides).hosts).toEqual({});
  });

  it('names the host and rule whose rules in force break the schema’s own checks', () => {
    const name = (id: string) => `host ${id}`;
    const tooHigh = withHostOverrides(
      defaultAlertSettings,
      'db',
      withRuleOverride(undefined, 'storageUsage', { field: 'warningPercent', value: 95 }),
    );
    expect(alertSettingsSchema.safeParse(tooHigh).success).toBe(true);
    expect(effectiveRulesProblem(tooHigh, name)).toBe(
      'host db: Thin pool / data-root usage: the warning percentage (95 %) must not be above the critical one (90 %)',
    );
    const fraction = withHostOverrides(
      defaultAlertSettings,
      'db',
      withRuleOverride(undefined, 'restartLoop', { field: 'restarts', value: 2.5 }),
    );
    expect(alertSettingsSchema.safeParse(fraction).success).toBe(false);
    expect(effectiveRulesProblem(fraction, name)).toMatch(/^host db: Restart loop: /);
    expect(effectiveRulesProblem(withHostOverrides(defaultAlertSettings, 'db', withMuted(undefined, true)), name)).toBeNull();
  });
});
