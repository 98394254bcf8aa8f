import { type FleetSettingName, type FleetSettings, fleetSettingBounds, fleetSettingsSchema } from '../../../shared/settings';

/** Settings → Fleet as the form edits it: whole numbers, as typed. */
export type FleetForm = Record<FleetSettingName, string>;
export type FleetFormErrors = Partial<Record<FleetSettingName, string>>;

export const fleetFieldOrder: readonly FleetSettingName[] = [
  'liveSessionLimit',
  'healthIntervalSeconds',
  'healthConnections',
  'healthRequestsPerSecond',
];

export function fleetFormOf(settings: FleetSettings): FleetForm {
  return {
    liveSessionLimit: String(settings.liveSessionLimit),
    healthIntervalSeconds: String(settings.healthIntervalSeconds),
    healthConnections: String(settings.healthConnections),
    healthRequestsPerSecond: String(settings.healthRequestsPerSecond),
  };
}

/** "1 to 1000": a field's bounds, for its hint and its error. */
export function fleetBoundsText(name: FleetSettingName): string {
  const { min, max } = fleetSettingBounds[name];
  return `${min} to ${max}`;
}

/**
 * The fleet settings a form describes, or what is wrong with each field: the bounds of the schema
 * main validates with (shared/settings.ts), checked here first so the operator sees them by the field.
 */
export function readFleetForm(form: FleetForm): { ok: true; value: FleetSettings } | { ok: false; errors: FleetFormErrors } {
  const errors: FleetFormErrors = {};
  const value = {} as FleetSettings;
  for (const name of fleetFieldOrder) {
    const text = form[name].trim();
    const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    const { min, max } = fleetSettingBounds[name];
    if (!Number.isSafeInteger(number)) errors[name] = `Enter a whole number (${fleetBoundsText(name)}).`;
    else if (number < min || number > max) errors[name] = `Choose ${fleetBoundsText(name)}.`;
    else value[name] = number;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: fleetSettingsSchema.parse(value) };
}

export function sameFleetSettings(a: FleetSettings, b: FleetSettings): boolean {
  return fleetFieldOrder.every((name) => a[name] === b[name]);
}

/** The policy in one sentence, with the operator's numbers (or the defaults while a field is invalid). */
export function describeFleetPolicy(settings: FleetSettings): string {
  const { liveSessionLimit, healthIntervalSeconds, healthConnections, healthRequestsPerSecond } = settings;
  const every = healthIntervalSeconds % 60 === 0 ? `${healthIntervalSeconds / 60} min` : `${healthIntervalSeconds} s`;
  return (
    `Hosts held live: up to ${liveSessionLimit}. With more hosts saved, only the hosts you have open, pinned or recently used ` +
    `(and hosts with an open alert) stay live; the others are checked every ${every}, at most ${healthConnections} at once and ` +
    `${healthRequestsPerSecond} requests a second.`
  );
}
