import { useId, useState } from 'react';
import type { AlertRules, AlertSettings } from '../../../shared/alerts-contract';
import type { HostView } from '../../../shared/host-view';
import { pluralize } from '../../lib/format';
import { type RuleField, ruleRows } from './alert-rule-rows';
import {
  type RuleSwitch,
  overriddenRuleCount,
  ruleSwitchOf,
  thresholdOf,
  withHostOverrides,
  withMuted,
  withRuleOverride,
} from './host-overrides';

const switches: ReadonlyArray<{ value: RuleSwitch; label: string }> = [
  { value: 'inherit', label: 'Inherit' },
  { value: 'on', label: 'On' },
  { value: 'off', label: 'Off' },
];

function globalText(rule: Record<string, number | boolean>, fields: readonly RuleField[]): string {
  const values = fields.map((field) => `${field.label} ${String(rule[field.key])}${field.unit ? ` ${field.unit}` : ''}`);
  return [rule.enabled ? 'on' : 'off', ...values].join(' · ');
}

export interface HostOverridesEditorProps {
  hosts: readonly HostView[];
  /** The whole alert settings being edited; changes come back through onChange. */
  settings: AlertSettings;
  onChange: (next: AlertSettings) => void;
}

/**
 * One host's exceptions to the global rules: mute it, and for each rule inherit the global
 * switch or force it on or off, and override any threshold (empty: the global value).
 */
export function HostOverridesEditor({ hosts, settings, onChange }: HostOverridesEditorProps) {
  const [hostId, setHostId] = useState(hosts[0]?.profile.id ?? '');
  const idPrefix = useId();
  const overrides = settings.hosts[hostId];
  const update = (next: ReturnType<typeof withMuted>) => onChange(withHostOverrides(settings, hostId, next));
  const hostName = hosts.find((host) => host.profile.id === hostId)?.profile.name ?? hostId;

  return (
    <fieldset className="alert-host">
      <legend>One host</legend>
      <select className="select" aria-label="Host to override" value={hostId} onChange={(event) => setHostId(event.target.value)}>
        {hosts.map((each) => {
          const own = settings.hosts[each.profile.id];
          const count = overriddenRuleCount(own);
          const marks = [own?.muted ? 'muted' : '', count > 0 ? pluralize(count, 'override') : ''].filter(Boolean).join(', ');
          return (
            <option key={each.profile.id} value={each.profile.id}>
              {each.profile.name}
              {marks ? ` (${marks})` : ''}
            </option>
          );
        })}
      </select>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={overrides?.muted === true}
          onChange={(event) => update(withMuted(overrides, event.target.checked))}
        />
        Mute (no alerts from this host)
      </label>
      <div
        className={`override-rules${overrides?.muted ? ' override-rules--muted' : ''}`}
        aria-label={`Rule overrides for ${hostName}`}
        role="group"
      >
        {ruleRows.map((row) => {
          const global = settings.rules[row.id] as AlertRules[typeof row.id] & Record<string, number | boolean>;
          const chosen = ruleSwitchOf(overrides, row.id);
          const enabled = chosen === 'inherit' ? global.enabled : chosen === 'on';
          return (
            <div key={row.id} className="override-rule" role="group" aria-label={row.label}>
              <div className="override-rule-head">
                <span className="override-rule-name">{row.label}</span>
                <span className="muted override-rule-global">global: {globalText(global, row.fields)}</span>
              </div>
              <div className="override-rule-controls">
                <div className="rule-switch" role="radiogroup" aria-label={`${row.label} on ${hostName}`}>
                  {switches.map((option) => (
                    <label
                      key={option.value}
                      className={`rule-switch-option${chosen === option.value ? ' rule-switch-option--selected' : ''}`}
                    >
                      <input
                        type="radio"
                        className="visually-hidden"
                        name={`${idPrefix}-${row.id}`}
                        value={option.value}
                        checked={chosen === option.value}
                        onChange={() => update(withRuleOverride(overrides, row.id, { switch: option.value }))}
                      />
                      {option.label}
                    </label>
                  ))}
                </div>
                {row.fields.length > 0 ? (
                  <div className="override-rule-thresholds">
                    {row.fields.map((field) => {
                      const own = thresholdOf(overrides, row.id, field.key);
                      return (
                        <label key={field.key} className="alert-threshold">
                          <span className="muted">{field.label}</span>
                          <input
                            className={`input${own !== undefined ? ' input--overridden' : ''}`}
                            type="number"
                            aria-label={`${row.label}: ${field.label} on ${hostName}`}
                            placeholder={String(global[field.key])}
                            title="Empty: the global value"
                            value={own === undefined ? '' : String(own)}
                            disabled={!enabled}
                            onChange={(event) =>
                              update(
                                withRuleOverride(overrides, row.id, {
                                  field: field.key,
                                  value: event.target.value === '' ? undefined : Number(event.target.value),
                                }),
                              )
                            }
                          />
                          {field.unit ? <span className="muted">{field.unit}</span> : null}
                        </label>
                      );
                    })}
                  </div>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      <p className="muted alert-webhook-help">Inherit follows the rule above; an empty threshold uses the global value.</p>
    </fieldset>
  );
}
