import { useState } from 'react';
import { type AlertRules, type AlertSettings, alertSettingsSchema } from '../../../shared/alerts-contract';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { HostView } from '../../../shared/host-view';
import { ErrorNotice } from '../../components/error-notice';
import { ruleRows } from './alert-rule-rows';
import { effectiveRulesProblem } from './host-overrides';
import { HostOverridesEditor } from './host-overrides-editor';

type NumberField<R extends keyof AlertRules> = Exclude<keyof AlertRules[R], 'enabled'>;

export interface AlertSettingsFormProps {
  settings: AlertSettings;
  hosts: readonly HostView[];
  shell: 'electron' | 'browser' | undefined;
  onSave: (settings: AlertSettings) => Promise<void>;
}

/** The rules (switch and thresholds), one host's mute and rule overrides, and where alerts go. */
export function AlertSettingsForm({ settings, hosts, shell, onSave }: AlertSettingsFormProps) {
  const [draft, setDraft] = useState<AlertSettings>(settings);
  const [error, setError] = useState<ErrorEnvelope | null>(null);
  const [saved, setSaved] = useState(false);
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

  const setRule = <R extends keyof AlertRules>(id: R, patch: Partial<AlertRules[R]>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, rules: { ...current.rules, [id]: { ...current.rules[id], ...patch } } }));
  };
  const save = () => {
    const parsed = alertSettingsSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setError({ code: 'INVALID_ARGUMENT', message: `${issue.path.join('.')}: ${issue.message}` });
      return;
    }
    const problem = effectiveRulesProblem(parsed.data, (id) => hosts.find((host) => host.profile.id === id)?.profile.name ?? id);
    if (problem !== null) {
      setError({ code: 'INVALID_ARGUMENT', message: problem });
      return;
    }
    onSave(parsed.data).then(
      () => {
        setError(null);
        setSaved(true);
      },
      (failure: unknown) => setError(failure as ErrorEnvelope),
    );
  };

  return (
    <form
      className="alert-settings"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <fieldset className="alert-rules">
        <legend>Rules (every host)</legend>
        {ruleRows.map((row) => {
          const rule = draft.rules[row.id] as { enabled: boolean } & Record<string, number | boolean>;
          return (
            <div key={row.id} className="alert-rule">
              <label className="checkbox">
                <input type="checkbox" checked={rule.enabled} onChange={(event) => setRule(row.id, { enabled: event.target.checked })} />
                {row.label}
              </label>
              {row.fields.map((field) => (
                <label key={field.key} className="alert-threshold">
                  <span className="muted">{field.label}</span>
                  <input
                    className="input"
                    type="number"
                    aria-label={`${row.label}: ${field.label}`}
                    value={String(rule[field.key])}
                    disabled={!rule.enabled}
                    onChange={(event) =>
                      setRule(row.id, { [field.key as NumberField<typeof row.id>]: Number(event.target.value) } as Partial<
                        AlertRules[typeof row.id]
                      >)
                    }
                  />
                  <span className="muted">{field.unit}</span>
                </label>
              ))}
            </div>
          );
        })}
      </fieldset>
      {hosts.length > 0 ? (
        <HostOverridesEditor
          hosts={hosts}
          settings={draft}
          onChange={(next) => {
            setSaved(false);
            setDraft(next);
          }}
        />
      ) : null}
      <fieldset className="alert-delivery">
        <legend>Delivery</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.desktopNotifications}
            onChange={(event) => {
              setSaved(false);
              setDraft((current) => ({ ...current, desktopNotifications: event.target.checked }));
            }}
          />
          Desktop notifications
        </label>
        {shell === 'browser' && permission !== 'granted' && permission !== 'unsupported' ? (
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => void Notification.requestPermission().then((answer) => setPermission(answer))}
          >
            Allow this browser to show them
          </button>
        ) : null}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.webhook.enabled}
            onChange={(event) => {
              setSaved(false);
              setDraft((current) => ({ ...current, webhook: { ...current.webhook, enabled: event.target.checked } }));
            }}
          />
          Webhook
        </label>
        <input
          className="input alert-webhook-url"
          type="url"
          aria-label="Webhook URL"
          placeholder="https://hooks.example.com/berth"
          value={draft.webhook.url ?? ''}
          onChange={(event) => {
            setSaved(false);
            const url = event.target.value.trim();
            setDraft((current) => ({ ...current, webhook: { enabled: current.webhook.enabled, ...(url !== '' && { url }) } }));
          }}
        />
        <p className="muted alert-webhook-help">
          Each alert is POSTed as JSON (schema berth.alert/v1: the alert and when it was sent; no credentials), with a 5 s timeout and up to
          3 retries.
        </p>
      </fieldset>
      {error ? <ErrorNotice error={error} title="The settings were not saved:" /> : null}
      <div className="alert-settings-actions">
        <button type="submit" className="button button--primary button--small">
          Save rules
        </button>
        {saved ? (
          <span className="muted" role="status">
            Saved
          </span>
        ) : null}
      </div>
    </form>
  );
}
