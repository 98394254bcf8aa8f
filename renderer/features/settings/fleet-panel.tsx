import { useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import { type FleetSettings, defaultFleetSettings } from '../../../shared/settings';
import { ErrorNotice } from '../../components/error-notice';
import { Panel } from '../../components/panel';
import { TextField } from '../../components/text-field';
import { toApiError } from '../../lib/api';
import {
  type FleetForm,
  type FleetFormErrors,
  describeFleetPolicy,
  fleetBoundsText,
  fleetFieldOrder,
  fleetFormOf,
  readFleetForm,
  sameFleetSettings,
} from './fleet-form';
import { SettingsFormActions } from './settings-form-actions';
import type { PanelProps } from './settings-view';

const fieldText: Record<keyof FleetForm, { label: string; hint: string }> = {
  liveSessionLimit: {
    label: 'Hosts held live',
    hint: 'Up to this many saved hosts, every host keeps a live connection and events stream.',
  },
  healthIntervalSeconds: {
    label: 'Standby check interval (seconds)',
    hint: 'How often each host on standby gets its light health read.',
  },
  healthConnections: {
    label: 'Standby checks at once',
    hint: 'At most this many standby hosts are read at the same time.',
  },
  healthRequestsPerSecond: {
    label: 'Standby requests per second',
    hint: 'At most this many requests of those checks start each second, across the fleet.',
  },
};

/** Settings → Fleet: the large-fleet connection policy (shared/fleet-contract.ts), in plain words. */
export function FleetPanel({ settings, save }: PanelProps) {
  const [form, setForm] = useState<FleetForm>(() => fleetFormOf(settings.fleet));
  const [errors, setErrors] = useState<FleetFormErrors>({});
  const [saveError, setSaveError] = useState<ErrorEnvelope | null>(null);
  const [saving, setSaving] = useState(false);
  const [lastSaved, setLastSaved] = useState<FleetSettings | null>(null);

  const read = readFleetForm(form);
  const unchanged = read.ok && sameFleetSettings(read.value, settings.fleet);
  const atDefaults = read.ok && sameFleetSettings(read.value, defaultFleetSettings);
  const saved = read.ok && lastSaved !== null && sameFleetSettings(read.value, lastSaved);

  const submit = () => {
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    setSaveError(null);
    setSaving(true);
    save({ ...settings, fleet: read.value }).then(
      (value) => {
        setSaving(false);
        setForm(fleetFormOf(value.fleet));
        setLastSaved(value.fleet);
      },
      (failure: unknown) => {
        setSaving(false);
        setSaveError(toApiError(failure).toEnvelope());
      },
    );
  };

  return (
    <Panel title="Fleet" className="settings-panel">
      <form
        className="settings-form"
        aria-label="Fleet settings"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p className="settings-policy" aria-live="polite">
          {describeFleetPolicy(read.ok ? read.value : settings.fleet)}
        </p>
        <div className="settings-fields">
          {fleetFieldOrder.map((name) => (
            <TextField
              key={name}
              label={fieldText[name].label}
              value={form[name]}
              inputMode="numeric"
              onChange={(value) => {
                setForm((current) => ({ ...current, [name]: value }));
                setErrors((current) => ({ ...current, [name]: undefined }));
              }}
              error={errors[name]}
              hint={`${fieldText[name].hint} Allowed: ${fleetBoundsText(name)}.`}
              mono
              className="settings-field"
            />
          ))}
        </div>
        <p className="muted settings-note">
          A standby host shows its last snapshot and a hollow status dot; opening or pinning it brings it live at once.
        </p>
        {saveError ? <ErrorNotice error={saveError} title="The fleet settings could not be saved:" /> : null}
        <SettingsFormActions
          saveLabel="Save fleet settings"
          saving={saving}
          unchanged={unchanged}
          atDefaults={atDefaults}
          saved={saved}
          onRestoreDefaults={() => {
            setForm(fleetFormOf(defaultFleetSettings));
            setErrors({});
          }}
        />
      </form>
    </Panel>
  );
}
