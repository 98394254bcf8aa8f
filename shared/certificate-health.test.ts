import { describe, expect, it } from 'vitest';
import { daysLeftUntil, expiryLevel } from './certificate-health.js';

const DAY = 86_400_000;

describe('daysLeftUntil', () => {
  const made = new Date('2030-06-01T17:45:00Z');
  const notAfter = new Date(made.getTime() + 365 * DAY);

  it('counts calendar days as the validity was chosen: 365 all through the day it was made', () => {
    expect(daysLeftUntil(notAfter, made)).toBe(365);
    expect(daysLeftUntil(notAfter, new Date(made.getTime() + 1_000))).toBe(365);
    expect(daysLeftUntil(notAfter, new Date('2030-06-01T23:59:59Z'))).toBe(365);
    expect(daysLeftUntil(notAfter, new Date('2030-06-02T00:00:00Z'))).toBe(364);
  });

  it('is 0 on the day it expires, before and after the moment, and negative on the days after', () => {
    expect(daysLeftUntil(notAfter, new Date(notAfter.getTime() - 60_000))).toBe(0);
    expect(daysLeftUntil(notAfter, new Date(notAfter.getTime() + 60_000))).toBe(0);
    expect(daysLeftUntil(notAfter, new Date(notAfter.getTime() + 2 * DAY))).toBe(-2);
  });

  it('gives the levels their thresholds in those days', () => {
    expect(expiryLevel(daysLeftUntil(notAfter, new Date(notAfter.getTime() - 30 * DAY)), false)).toBe('warning');
    expect(expiryLevel(daysLeftUntil(notAfter, new Date(notAfter.getTime() - 31 * DAY)), false)).toBe('ok');
    expect(expiryLevel(daysLeftUntil(notAfter, new Date(notAfter.getTime() - 7 * DAY)), false)).toBe('critical');
  });
});
