import { describe, expect, it } from 'vitest';
import { compileFilter } from './log-filter';

function filterOf(query: string, regex = false, caseSensitive = false) {
  const compiled = compileFilter(query, { regex, caseSensitive });
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.filter;
}

describe('compileFilter', () => {
  it('is no filter for an empty query', () => {
    expect(filterOf('')).toBeNull();
  });

  it('matches substrings literally, ignoring case unless asked', () => {
    const filter = filterOf('a.b')!;
    expect(filter.test('xx A.B yy')).toBe(true);
    expect(filter.test('axb')).toBe(false);
    expect(filter.ranges('a.b and A.b')).toEqual([
      [0, 3],
      [8, 11],
    ]);
    expect(filterOf('Error', false, true)!.test('error')).toBe(false);
  });

  it('compiles regular expressions and reports ones that do not compile', () => {
    expect(filterOf('err(or)?\\b', true)!.ranges('err error')).toEqual([
      [0, 3],
      [4, 9],
    ]);
    const broken = compileFilter('(unclosed', { regex: true, caseSensitive: false });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/^Not a valid regular expression: /);
  });

  it('survives patterns that match the empty string and bounds the highlights', () => {
    const filter = filterOf('x*', true)!;
    expect(filter.ranges('aaxxa')).toEqual([[2, 4]]);
    expect(filterOf('a')!.ranges('a'.repeat(1000), 5)).toHaveLength(5);
  });

  it('is stable across repeated calls (no lastIndex leaking between lines)', () => {
    const filter = filterOf('ab')!;
    expect([filter.test('ab'), filter.test('ab'), filter.test('ab')]).toEqual([true, true, true]);
  });
});
