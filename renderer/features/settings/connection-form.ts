import {
  type ConnectionSettingName,
  type ConnectionSettings,
  connectionSettingBounds,
  connectionSettingsSchema,
} from '../../../shared/settings';

/** The connection settings as the form edits them: seconds, as typed. */
export type ConnectionForm = Record<ConnectionSettingName, string>;
export type ConnectionFormErrors = Partial<Record<ConnectionSettingName, string>>;

export const connectionFieldOrder: readonly ConnectionSettingName[] = [
  'requestTimeoutMs',
  'heartbeatMs',
  'backoffInitialMs',
  'backoffMaxMs',
];

/** "0.5", "10", "3600": milliseconds shown as seconds without trailing zeros. */
export function secondsText(ms: number): string {
  return String(Math.round(ms) / 1000);
}

export function formOf(settings: ConnectionSettings): ConnectionForm {
  return {
    requestTimeoutMs: secondsText(settings.requestTimeoutMs),
    heartbeatMs: secondsText(settings.heartbeatMs),
    backoffInitialMs: secondsText(settings.backoffInitialMs),
    backoffMaxMs: secondsText(settings.backoffMaxMs),
  };
}

/** "0.1 s to 60 s": the bounds of a field, for its hint and its error. */
export function boundsText(name: ConnectionSettingName): string {
  const { min, max } = connectionSettingBounds[name];
  return `${secondsText(min)} s to ${secondsText(max)} s`;
}

/**
 * The settings a form describes, or what is wrong with each field. The same bounds as the schema
 * main validates with (shared/settings.ts), checked here first so the operator sees them by the field.
 */
export function readConnectionForm(
  form: ConnectionForm,
): { ok: true; value: ConnectionSettings } | { ok: false; errors: ConnectionFormErrors } {
  const errors: ConnectionFormErrors = {};
  const value = {} as ConnectionSettings;
  for (const name of connectionFieldOrder) {
    const text = form[name].trim().replace(',', '.');
    const seconds = text === '' ? Number.NaN : Number(text);
    const { min, max } = connectionSettingBounds[name];
    const ms = Math.round(seconds * 1000);
    if (!Number.isFinite(seconds)) errors[name] = `Enter a number of seconds (${boundsText(name)}).`;
    else if (ms < min || ms > max) errors[name] = `Choose ${boundsText(name)}.`;
    else value[name] = ms;
  }
  if (errors.backoffInitialMs === undefined && errors.backoffMaxMs === undefined && value.backoffMaxMs < value.backoffInitialMs) {
    errors.backoffMaxMs = 'The longest wait must be at least the first wait.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: connectionSettingsSchema.parse(value) };
}

export function sameConnectionSettings(a: ConnectionSettings, b: ConnectionSettings): boolean {
  return connectionFieldOrder.every((name) => a[name] === b[name]);
}
