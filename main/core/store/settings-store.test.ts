import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Settings, defaultFleetSettings, defaultSettings } from '../../../shared/settings.js';
import { TempDirs } from '../../../test-support/service-fakes.js';
import { SETTINGS_SCHEMA_VERSION, SettingsStore, memorySettings } from './settings-store.js';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const chosen: Settings = {
  theme: 'dark',
  connection: { requestTimeoutMs: 4_000, heartbeatMs: 30_000, backoffInitialMs: 1_000, backoffMaxMs: 60_000 },
  fleet: defaultFleetSettings,
};

describe('SettingsStore', () => {
  it('starts from the defaults when there is no file, and writes none until something is saved', () => {
    const dir = temp.make();
    const store = new SettingsStore({ cwd: dir });
    expect(store.get()).toEqual(defaultSettings);
    expect(store.warnings).toEqual([]);
    expect(existsSync(store.file)).toBe(false);
  });

  it('saves to settings.json (mode 0600) and a new store reads the same settings back', () => {
    const dir = temp.make();
    const saved = new SettingsStore({ cwd: dir }).save(chosen);
    expect(saved).toEqual(chosen);
    const file = path.join(dir, 'settings.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ schemaVersion: SETTINGS_SCHEMA_VERSION, settings: chosen });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new SettingsStore({ cwd: dir }).get()).toEqual(chosen);
  });

  it('refuses invalid settings and keeps what it held', () => {
    const store = new SettingsStore({ cwd: temp.make() });
    store.save(chosen);
    const backwards = { ...chosen, connection: { ...chosen.connection, backoffInitialMs: 20_000, backoffMaxMs: 5_000 } };
    expect(() => store.save(backwards)).toThrow(/longest reconnect wait/);
    expect(() => store.save({ ...chosen, theme: 'sepia' } as unknown as Settings)).toThrow();
    expect(store.get()).toEqual(chosen);
  });

  it('hands out copies: changing one does not change the store', () => {
    const store = new SettingsStore({ cwd: temp.make() });
    store.get().connection.requestTimeoutMs = 1;
    expect(store.get()).toEqual(defaultSettings);
  });

  it.each([
    ['not JSON', '{"schemaVersion": 1, "settings": ', 'it is not valid JSON'],
    [
      'a value out of bounds',
      JSON.stringify({ schemaVersion: 1, settings: { ...chosen, connection: { ...chosen.connection, requestTimeoutMs: 5 } } }),
      'connection.requestTimeoutMs',
    ],
    ['no settings', JSON.stringify({ schemaVersion: 1 }), 'it does not hold settings'],
    ['a newer Berth', JSON.stringify({ schemaVersion: 99, settings: chosen }), 'newer Berth (schema version 99)'],
  ])('moves a file with %s aside, uses the defaults and says so', (_name, text, reason) => {
    const dir = temp.make();
    writeFileSync(path.join(dir, 'settings.json'), text);
    const store = new SettingsStore({ cwd: dir });
    expect(store.get()).toEqual(defaultSettings);
    expect(store.warnings).toEqual([{ code: 'SETTINGS_RECOVERED', message: expect.stringContaining(reason) }]);
    const aside = readdirSync(dir).filter((name) => name.startsWith('settings.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0] ?? ''), 'utf8')).toBe(text);
    expect(store.warnings[0]?.message).toContain(aside[0]);
  });
});

describe('memorySettings', () => {
  it('validates like the file store', () => {
    const settings = memorySettings();
    expect(settings.save(chosen)).toEqual(chosen);
    expect(() => settings.save({ ...chosen, connection: { ...chosen.connection, heartbeatMs: 10 } })).toThrow();
    expect(settings.get()).toEqual(chosen);
  });
});
