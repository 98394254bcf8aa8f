import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../format.js';
import { parseDecimalSize } from './sizes.js';

describe('parseDecimalSize', () => {
  it.each([
    ['5.223 GB', 5_223_000_000],
    ['107.4 GB', 107_400_000_000],
    ['65.54kB', 65_540],
    ['65.54 kB', 65_540],
    ['1.049 MB', 1_049_000],
    ['0 B', 0],
    ['0B', 0],
    ['2.147GB', 2_147_000_000],
    ['10.74 GB', 10_740_000_000],
    ['524.3kB', 524_300],
    ['994.1MB', 994_100_000],
    ['160 GB', 160_000_000_000],
    ['1.2 TB', 1_200_000_000_000],
    ['1302740992', 1_302_740_992],
    ['  3.965GB  ', 3_965_000_000],
    ['2 KiB', 2048],
    ['1.5 MiB', 1_572_864],
    ['2 GiB', 2_147_483_648],
    ['12 kb', 12_000],
    ['2.5e+08 B', 250_000_000],
  ])('%s is %d bytes', (text, bytes) => {
    expect(parseDecimalSize(text)).toBe(bytes);
  });

  it.each(['', ' ', 'GB', 'ten GB', '5.2.3 GB', '-2.5e+08 B', '10%', '5 XB', '5 G B', '1e400 B', '9.1 EB', 'NaN B'])(
    '%j is not a size',
    (text) => {
      expect(parseDecimalSize(text)).toBeUndefined();
    },
  );

  it('answers undefined for anything that is not a string', () => {
    for (const value of [undefined, null, 5, true, {}, [], ['5 GB']]) {
      expect(parseDecimalSize(value)).toBeUndefined();
    }
  });

  it('never throws and answers a safe non-negative integer or undefined', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (value) => {
        const bytes = parseDecimalSize(value);
        return bytes === undefined || (Number.isSafeInteger(bytes) && bytes >= 0);
      }),
    );
  });

  it('round-trips generated "N.NNN UNIT" strings within rounding', () => {
    const units = [
      ['B', 1],
      ['kB', 1e3],
      ['MB', 1e6],
      ['GB', 1e9],
      ['TB', 1e12],
    ] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...units),
        fc.boolean(),
        (digits, decimals, [unit, multiplier], space) => {
          const number = (digits / 10 ** decimals).toFixed(decimals);
          fc.pre(Number(number) * multiplier <= Number.MAX_SAFE_INTEGER);
          const bytes = parseDecimalSize(`${number}${space ? ' ' : ''}${unit}`);
          expect(bytes).toBeDefined();
          expect(Math.abs((bytes ?? 0) - Number(number) * multiplier)).toBeLessThanOrEqual(Math.max(0.5, multiplier * 1e-9));
        },
      ),
    );
  });

  it('reads back what formatBytes writes, within its four significant digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (bytes) => {
        const back = parseDecimalSize(formatBytes(bytes).replace(' ', ''));
        expect(back).toBeDefined();
        expect(Math.abs((back ?? 0) - bytes)).toBeLessThanOrEqual(Math.max(1, bytes * 5e-4));
      }),
    );
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [65_540, '65.54 kB'],
    [5_223_000_000, '5.223 GB'],
    [107_400_000_000, '107.4 GB'],
  ])('%d is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
