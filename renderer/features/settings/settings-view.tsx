import { useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import { type ConnectionSettings, type Settings, type ThemeChoice, defaultSettings } from '../../../shared/settings';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Panel } from '../../components/panel';
import { Spinner } from '../../components/spinner';
import { TextField } from '../../components/text-field';
import { toApiError } from '../../lib/api';
import { useServices } from '../../lib/services';
import { applyTheme, chooseTheme } from '../../lib/theme';
import {
  type ConnectionForm,
  type ConnectionFormErrors,
  boundsText,
  connectionFieldOrder,
  formOf,
  readConnectionForm,
  sameConnectionSettings,
} from './connection-form';
import { FleetPanel } from './fleet-panel';
import { SettingsFormActions } from './settings-form-actions';
import { ThemeChoicePicker } from './theme-choice';
import { settingsShortcutLabel } from './use-settings-shortcut';
import { useSettings } from './use-settings';
import './settings.css';

const fieldText: Record<keyof ConnectionForm, { label: string; hint: string }> = {
  requestTimeoutMs: {
    label: 'Connect and request timeout (seconds)',
    hint: 'How long Berth waits to open a connection (TLS and SSH handshakes included) and for each answer of the daemon.',
  },
  heartbeatMs: {
    label: 'Heartbeat interval (seconds)',
    hint: 'How often a connected host is pinged, to notice a connection that died without a word.',
  },
  backoffInitialMs: {
    label: 'First reconnect wait (seconds)',
    hint: 'After a connection drops, Berth waits about this long before it tries again, and twice as long after each further failure.',
  },
  backoffMaxMs: {
    label: 'Longest reconnect wait (seconds)',
    hint: 'The wait stops growing here. Each host waits a random part of the upper half, so hosts that dropped together do not retry in lockstep.',
  },
};

/** Settings: the theme (applied at once) and how hosts are connected (saved to main, used from each host's next connect). */
export function SettingsView() {
  const { settings, loadError, save } = useSettings();
  if (loadError) {
    return (
      <div className="settings-view">
        <ErrorNotice error={loadError} title="Berth could not read its settings:" />
      </div>
    );
  }
  if (!settings) {
    return (
      <EmptyState title="Loading settings…">
        <Spinner label="Loading settings" />
      </EmptyState>
    );
  }
  return (
    <div className="settings-view">
      <h1 className="settings-title">Settings</h1>
      <AppearancePanel settings={settings} save={save} />
      <ConnectionsPanel settings={settings} save={save} />
      <FleetPanel settings={settings} save={save} />
      <p className="muted settings-shortcut">
        Open Settings from anywhere with <kbd>{settingsShortcutLabel()}</kbd>.
      </p>
    </div>
  );
}

export interface PanelProps {
  settings: Settings;
  save: (next: Settings) => Promise<Settings>;
}

function AppearancePanel({ settings, save }: PanelProps) {
  const { preferences } = useServices();
  const [error, setError] = useState<ErrorEnvelope | null>(null);
  const [choice, setChoice] = useState<ThemeChoice>(settings.theme);
  const choose = (next: ThemeChoice) => {
    // Shown at once; saved in the background, and put back if main refuses it.
    setChoice(next);
    applyTheme(next);
    setError(null);
    save({ ...settings, theme: next }).catch((failure: unknown) => {
      setChoice(settings.theme);
      chooseTheme(settings.theme, preferences);
      setError(toApiError(failure).toEnvelope());
    });
  };
  return (
    <Panel title="Appearance" className="settings-panel">
      <div className="settings-row">
        <span className="field-label" id="theme-label">
          Theme
        </span>
        <ThemeChoicePicker value={choice} onChange={choose} />
      </div>
      <p className="muted settings-note">
        Applies at once and is remembered. System follows your operating system&apos;s light or dark mode.
      </p>
      {error ? <ErrorNotice error={error} title="The theme could not be saved:" /> : null}
    </Panel>
  );
}

function ConnectionsPanel({ settings, save }: PanelProps) {
  const [form, setForm] = useState<ConnectionForm>(() => formOf(settings.connection));
  const [errors, setErrors] = useState<ConnectionFormErrors>({});
  const [saveError, setSaveError] = useState<ErrorEnvelope | null>(null);
  const [saving, setSaving] = useState(false);
  /** What the last Save stored: "Saved." shows while the form still says the same. */
  const [lastSaved, setLastSaved] = useState<ConnectionSettings | null>(null);

  const read = readConnectionForm(form);
  const unchanged = read.ok && sameConnectionSettings(read.value, settings.connection);
  const atDefaults = read.ok && sameConnectionSettings(read.value, defaultSettings.connection);
  const saved = read.ok && lastSaved !== null && sameConnectionSettings(read.value, lastSaved);

  const submit = () => {
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    setSaveError(null);
    setSaving(true);
    save({ ...settings, connection: read.value }).then(
      (value) => {
        setSaving(false);
        setForm(formOf(value.connection));
        setLastSaved(value.connection);
      },
      (failure: unknown) => {
        setSaving(false);
        setSaveError(toApiError(failure).toEnvelope());
      },
    );
  };

  return (
    <Panel title="Connections" className="settings-panel">
      <form
        className="settings-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="settings-fields">
          {connectionFieldOrder.map((name) => (
            <TextField
              key={name}
              label={fieldText[name].label}
              value={form[name]}
              onChange={(value) => {
                setForm((current) => ({ ...current, [name]: value }));
                setErrors((current) => ({ ...current, [name]: undefined }));
              }}
              error={errors[name]}
              hint={`${fieldText[name].hint} Allowed: ${boundsText(name)}.`}
              mono
              className="settings-field"
            />
          ))}
        </div>
        <p className="muted settings-note">
          New values apply to each host from its next connect — a reconnect, or Retry on its dashboard. Connections already open keep
          theirs.
        </p>
        {saveError ? <ErrorNotice error={saveError} title="The connection settings could not be saved:" /> : null}
        <SettingsFormActions
          saveLabel="Save connection settings"
          saving={saving}
          unchanged={unchanged}
          atDefaults={atDefaults}
          saved={saved}
          onRestoreDefaults={() => {
            setForm(formOf(defaultSettings.connection));
            setErrors({});
          }}
        />
      </form>
    </Panel>
  );
}
