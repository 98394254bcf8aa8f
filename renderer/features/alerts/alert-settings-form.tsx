import { useState } from 'react';
import { type AlertRules, type AlertSettings, alertSettingsSchema } from '../../../shared/alerts-contract';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { HostView } from '../../../shared/host-view';
import { ErrorNotice } from '../../components/error-notice';

type NumberField<R extends keyof AlertRules> = Exclude<keyof AlertRules[R], 'enabled'>;

const ruleRows: Array<{ id: keyof AlertRules; label: string; fields: Array<{ key: string; label: string; unit: string }> }> = [
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

export interface AlertSettingsFormProps {
  settings: AlertSettings;
  hosts: readonly HostView[];
  shell: 'electron' | 'browser' | undefined;
  onSave: (settings: AlertSettings) => Promise<void>;
}

/** The rules (switch and thresholds), a host's mute and grace override, and where alerts go. */
export function AlertSettingsForm({ settings, hosts, shell, onSave }: AlertSettingsFormProps) {
  const [draft, setDraft] = useState<AlertSettings>(settings);
  const [hostId, setHostId] = useState(hosts[0]?.profile.id ?? '');
  const [error, setError] = useState<ErrorEnvelope | null>(null);
  const [saved, setSaved] = useState(false);
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

  const setRule = <R extends keyof AlertRules>(id: R, patch: Partial<AlertRules[R]>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, rules: { ...current.rules, [id]: { ...current.rules[id], ...patch } } }));
  };
  const host = draft.hosts[hostId] ?? {};
  const setHost = (patch: { muted?: boolean; grace?: number | null }) => {
    setSaved(false);
    setDraft((current) => {
      const existing = current.hosts[hostId] ?? {};
      const { hostDown: _grace, ...otherRules } = existing.rules ?? {};
      const grace = patch.grace === undefined ? existing.rules?.hostDown?.graceSeconds : patch.grace;
      const rules = { ...otherRules, ...(grace !== null && grace !== undefined && { hostDown: { graceSeconds: grace } }) };
      const muted = patch.muted ?? existing.muted;
      return {
        ...current,
        hosts: {
          ...current.hosts,
          [hostId]: { ...(muted && { muted: true }), ...(Object.keys(rules).length > 0 && { rules }) },
        },
      };
    });
  };
  const save = () => {
    const parsed = alertSettingsSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setError({ code: 'INVALID_ARGUMENT', message: `${issue.path.join('.')}: ${issue.message}` });
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
        <fieldset className="alert-host">
          <legend>One host</legend>
          <select className="select" aria-label="Host to override" value={hostId} onChange={(event) => setHostId(event.target.value)}>
            {hosts.map((each) => (
              <option key={each.profile.id} value={each.profile.id}>
                {each.profile.name}
              </option>
            ))}
          </select>
          <label className="checkbox">
            <input type="checkbox" checked={host.muted === true} onChange={(event) => setHost({ muted: event.target.checked })} />
            Mute (no alerts from this host)
          </label>
          <label className="alert-threshold">
            <span className="muted">unreachable after</span>
            <input
              className="input"
              type="number"
              aria-label="Host grace override"
              placeholder={String(draft.rules.hostDown.graceSeconds)}
              value={host.rules?.hostDown?.graceSeconds === undefined ? '' : String(host.rules.hostDown.graceSeconds)}
              onChange={(event) => setHost({ grace: event.target.value === '' ? null : Number(event.target.value) })}
            />
            <span className="muted">s (empty: global)</span>
          </label>
        </fieldset>
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
