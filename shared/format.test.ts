import { describe, expect, it } from 'vitest';
import { formatBytes, formatPercent } from './format.js';

describe('formatBytes', () => {
  it('prints decimal units like docker info does', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(65_540)).toBe('65.54 kB');
    expect(formatBytes(5_223_000_000)).toBe('5.223 GB');
    expect(formatBytes(107_400_000_000)).toBe('107.4 GB');
  });

  it('refuses nonsense instead of printing NaN', () => {
    expect(formatBytes(Number.NaN)).toBe('–');
    expect(formatBytes(-1)).toBe('–');
  });
});

describe('formatPercent', () => {
  it('rounds to a whole percentage and handles an unknown total', () => {
    expect(formatPercent(5_223, 107_400)).toBe('5 %');
    expect(formatPercent(1, 0)).toBe('–');
    expect(formatPercent(undefined, 10)).toBe('–');
  });
});
