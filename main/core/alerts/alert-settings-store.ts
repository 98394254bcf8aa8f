import path from 'node:path';
import { type AlertSettings, alertSettingsSchema, defaultAlertSettings } from '../../../shared/alerts-contract.js';
import { readJsonFile, writeJsonFile } from './alert-files.js';

/** The alert rules, per-host overrides and delivery settings, in `<data dir>/alert-settings.json` (0600). */
export class AlertSettingsStore {
  private current: AlertSettings;
  private readonly file: string | undefined;

  constructor(dataDir: string | undefined, recovered: (message: string) => void = () => undefined) {
    this.file = dataDir === undefined ? undefined : path.join(dataDir, 'alert-settings.json');
    this.current =
      (this.file &&
        readJsonFile(this.file, alertSettingsSchema, (movedTo) =>
          recovered(`The alert settings could not be read and were moved to ${movedTo}; the defaults apply.`),
        )) ||
      defaultAlertSettings;
  }

  get(): AlertSettings {
    return this.current;
  }

  save(settings: AlertSettings): AlertSettings {
    if (this.file) writeJsonFile(this.file, settings);
    this.current = settings;
    return settings;
  }
}
