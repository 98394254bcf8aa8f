import type { AlertRuleId } from '../../../shared/alerts-contract';

export interface RuleField {
  key: string;
  label: string;
  unit: string;
}

/** Every alert rule as the forms show it: its name and its thresholds (global rules and a host's overrides alike). */
export const ruleRows: ReadonlyArray<{ id: AlertRuleId; label: string; fields: readonly RuleField[] }> = [
  { id: 'hostDown', label: 'Host unreachable', fields: [{ key: 'graceSeconds', label: 'for more than', unit: 's' }] },
  { id: 'containerDied', label: 'Container died with a non-zero exit', fields: [] },
  { id: 'oomKilled', label: 'Container OOM-killed', fields: [] },
  { id: 'unhealthy', label: 'Container became unhealthy', fields: [] },
  {
    id: 'restartLoop',
    label: 'Restart loop',
    fields: [
      { key: 'restarts', label: 'starts', unit: '' },
      { key: 'minutes', label: 'within', unit: 'min' },
    ],
  },
  { id: 'certificateExpiry', label: 'Certificate expiring', fields: [{ key: 'days', label: 'within', unit: 'days' }] },
  {
    id: 'storageUsage',
    label: 'Thin pool / data-root usage',
    fields: [
      { key: 'warningPercent', label: 'warn at', unit: '%' },
      { key: 'criticalPercent', label: 'critical at', unit: '%' },
    ],
  },
];
