import { describe, expect, it } from 'vitest';
import { defaultFleetSettings, fleetSettingBounds, fleetSettingsSchema } from '../../../shared/settings';
import { describeFleetPolicy, fleetFieldOrder, fleetFormOf, readFleetForm } from './fleet-form';

describe('the Settings → Fleet form', () => {
  it('reads the defaults back unchanged', () => {
    expect(readFleetForm(fleetFormOf(defaultFleetSettings))).toEqual({ ok: true, value: defaultFleetSettings });
  });

  it('accepts every bound and refuses one past it, on each field, as the schema does', () => {
    for (const name of fleetFieldOrder) {
      const { min, max } = fleetSettingBounds[name];
      for (const [value, ok] of [
        [min, true],
        [max, true],
        [min - 1, false],
        [max + 1, false],
      ] as const) {
        const form = { ...fleetFormOf(defaultFleetSettings), [name]: String(value) };
        const read = readFleetForm(form);
        expect(read.ok, `${name} = ${value}`).toBe(ok);
        expect(fleetSettingsSchema.safeParse({ ...defaultFleetSettings, [name]: value }).success).toBe(ok);
        if (!read.ok) expect(read.errors[name]).toBe(`Choose ${min} to ${max}.`);
      }
    }
  });

  it('says what to type for a fraction, a sign or letters', () => {
    for (const text of ['2.5', '-3', 'ten', '', '1e3']) {
      const read = readFleetForm({ ...fleetFormOf(defaultFleetSettings), healthConnections: text });
      expect(read).toEqual({ ok: false, errors: { healthConnections: 'Enter a whole number (1 to 256).' } });
    }
  });

  it('explains the policy in plain words with the numbers chosen', () => {
    expect(describeFleetPolicy(defaultFleetSettings)).toBe(
      'Hosts held live: up to 40. With more hosts saved, only the hosts you have open, pinned or recently used (and hosts with an ' +
        'open alert) stay live; the others are checked every 1 min, at most 64 at once and 40 requests a second.',
    );
    expect(describeFleetPolicy({ ...defaultFleetSettings, healthIntervalSeconds: 45 })).toContain('checked every 45 s');
  });
});
