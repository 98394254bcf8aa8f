import { useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { Settings, ThemeChoice } from '../../../shared/settings';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Panel } from '../../components/panel';
import { Spinner } from '../../components/spinner';
import { toApiError } from '../../lib/api';
import { useServices } from '../../lib/services';
import { applyTheme, chooseTheme } from '../../lib/theme';
import { connectionSection } from './connection-section';
import { fleetSection } from './fleet-section';
import { SettingsSection } from './settings-section';
import { ThemeChoicePicker } from './theme-choice';
import { settingsShortcutLabel } from './use-settings-shortcut';
import { useSettings } from './use-settings';
import './settings.css';

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
      <SettingsSection spec={connectionSection} settings={settings} save={save} />
      <SettingsSection spec={fleetSection} settings={settings} save={save} />
      <p className="muted settings-shortcut">
        Open Settings from anywhere with <kbd>{settingsShortcutLabel()}</kbd>.
      </p>
    </div>
  );
}

interface PanelProps {
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
