import { useCallback, useEffect, useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import { toApiError } from '../../lib/api';
import { useServices } from '../../lib/services';
import { chooseTheme } from '../../lib/theme';

export interface SettingsState {
  settings: Settings | null;
  loadError: ErrorEnvelope | null;
  /** Saves every setting; the window's theme follows what main saved. Rejects with an ApiError. */
  save: (next: Settings) => Promise<Settings>;
}

/** The settings main holds, read when the view opens; saving applies the saved theme at once. */
export function useSettings(): SettingsState {
  const { api, preferences } = useServices();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<ErrorEnvelope | null>(null);

  useEffect(() => {
    let live = true;
    api.invoke('settings:get', {}).then(
      (value) => {
        if (!live) return;
        setSettings(value);
        chooseTheme(value.theme, preferences);
      },
      (error: unknown) => live && setLoadError(toApiError(error).toEnvelope()),
    );
    return () => {
      live = false;
    };
  }, [api, preferences]);

  const save = useCallback(
    async (next: Settings) => {
      const saved = await api.invoke('settings:save', { settings: next });
      setSettings(saved);
      chooseTheme(saved.theme, preferences);
      return saved;
    },
    [api, preferences],
  );

  return { settings, loadError, save };
}

/**
 * At start-up: the theme main has on record wins over the copy the UI remembered (another
 * window, or the CLI's data directory, may have changed it). Failures keep the remembered one.
 */
export function useStartupTheme(): void {
  const { api, preferences } = useServices();
  useEffect(() => {
    let live = true;
    api.invoke('settings:get', {}).then(
      (value) => live && chooseTheme(value.theme, preferences),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, preferences]);
}
