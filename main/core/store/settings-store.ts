import type Conf from 'conf';
import type { AppWarning } from '../../../shared/contract.js';
import { type Settings, defaultSettings, settingsSchema } from '../../../shared/settings.js';
import { type StoreLocation, moveAside, openConf, readStoreFile, storeFilePath } from './store-file.js';

/** Bumped when the file's shape changes; a file from a newer Berth is kept aside, never overwritten. */
export const SETTINGS_SCHEMA_VERSION = 1;
const DEFAULT_NAME = 'settings';

interface SettingsFile extends Record<string, unknown> {
  schemaVersion: number;
  settings: Settings;
}

/** Where the service reads and saves settings: the file store, or memory (tests, a service without a data directory). */
export interface SettingsSource {
  get(): Settings;
  save(next: Settings): Settings;
}

/** Settings held in memory only, validated like the file store's. */
export function memorySettings(initial: Settings = defaultSettings): SettingsSource {
  let current = settingsSchema.parse(initial);
  return {
    get: () => structuredClone(current),
    save: (next) => {
      current = settingsSchema.parse(next);
      return structuredClone(current);
    },
  };
}

/**
 * The operator's settings in `<cwd>/settings.json` (conf, like the profiles: atomic writes, 0600).
 * A missing file means the defaults. A file that does not validate is moved aside as
 * `settings.corrupt-<timestamp>.json` and the defaults are used, with a warning that says so;
 * nothing is lost and nothing invalid reaches the connections.
 */
export class SettingsStore implements SettingsSource {
  readonly file: string;
  readonly warnings: AppWarning[] = [];
  private readonly conf: Conf<SettingsFile>;
  private current: Settings;

  constructor(location: StoreLocation) {
    this.file = storeFilePath(location, DEFAULT_NAME);
    this.current = this.recover();
    this.conf = openConf<SettingsFile>(location, DEFAULT_NAME);
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  /** Validates and writes `next`; the settings held stay as they were when the write fails. */
  save(next: Settings): Settings {
    const clean = settingsSchema.parse(next);
    this.conf.store = { schemaVersion: SETTINGS_SCHEMA_VERSION, settings: clean };
    this.current = clean;
    return this.get();
  }

  private recover(): Settings {
    const read = readStoreFile(this.file);
    if (read.kind === 'missing') return structuredClone(defaultSettings);
    if (read.kind === 'unreadable') return this.setAside(read.reason);
    const record = read.value as { schemaVersion?: unknown; settings?: unknown } | null;
    const version = record?.schemaVersion;
    if (typeof version === 'number' && version > SETTINGS_SCHEMA_VERSION) {
      return this.setAside(`it was written by a newer Berth (schema version ${version})`);
    }
    const parsed = settingsSchema.safeParse(record?.settings);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    return this.setAside(`${where === '' ? 'it does not hold settings' : `${where}: ${issue?.message ?? 'not valid'}`}`);
  }

  private setAside(reason: string): Settings {
    const aside = moveAside(this.file);
    this.warnings.push({
      code: 'SETTINGS_RECOVERED',
      message: `The settings file ${this.file} could not be used as it was: ${reason}. Berth uses the default settings; the original file is kept as ${aside}. Open Settings to choose again.`,
    });
    return structuredClone(defaultSettings);
  }
}
