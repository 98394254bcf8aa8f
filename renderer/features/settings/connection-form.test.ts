import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { formOf, readConnectionForm, sameConnectionSettings, secondsText } from './connection-form';

describe('connection settings form', () => {
  it('shows milliseconds as seconds and reads them back exactly', () => {
    expect(secondsText(500)).toBe('0.5');
    expect(formOf(defaultSettings.connection)).toEqual({
      requestTimeoutMs: '10',
      heartbeatMs: '15',
      backoffInitialMs: '0.5',
      backoffMaxMs: '30',
    });
    expect(readConnectionForm(formOf(defaultSettings.connection))).toEqual({ ok: true, value: defaultSettings.connection });
  });

  it('accepts a decimal comma and surrounding spaces', () => {
    const read = readConnectionForm({ requestTimeoutMs: ' 2,5 ', heartbeatMs: '20', backoffInitialMs: '1', backoffMaxMs: '60' });
    expect(read).toEqual({
      ok: true,
      value: { requestTimeoutMs: 2_500, heartbeatMs: 20_000, backoffInitialMs: 1_000, backoffMaxMs: 60_000 },
    });
  });

  it('names the bounds of a field out of range, and a field that is not a number', () => {
    const read = readConnectionForm({ requestTimeoutMs: '0.2', heartbeatMs: 'soon', backoffInitialMs: '0.5', backoffMaxMs: '7200' });
    expect(read).toEqual({
      ok: false,
      errors: {
        requestTimeoutMs: 'Choose 1 s to 120 s.',
        heartbeatMs: 'Enter a number of seconds (5 s to 300 s).',
        backoffMaxMs: 'Choose 1 s to 3600 s.',
      },
    });
  });

  it('refuses a longest wait shorter than the first, by the longest wait', () => {
    const read = readConnectionForm({ requestTimeoutMs: '10', heartbeatMs: '15', backoffInitialMs: '20', backoffMaxMs: '5' });
    expect(read).toEqual({ ok: false, errors: { backoffMaxMs: 'The longest wait must be at least the first wait.' } });
  });

  it('compares settings field by field', () => {
    expect(sameConnectionSettings(defaultSettings.connection, { ...defaultSettings.connection })).toBe(true);
    expect(sameConnectionSettings(defaultSettings.connection, { ...defaultSettings.connection, heartbeatMs: 16_000 })).toBe(false);
  });
});
