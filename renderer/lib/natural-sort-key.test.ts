import { describe, expect, it } from 'vitest';
import { compareKeys, naturalSortKey } from './natural-sort-key';

const byKey = (values: readonly string[]) => [...values].sort((a, b) => compareKeys(naturalSortKey(a), naturalSortKey(b)));
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

describe('naturalSortKey', () => {
  it('compares runs of digits as numbers, leading zeros aside', () => {
    expect(byKey(['web-10', 'web-9', 'web-100', 'web-09', 'web-1'])).toEqual(['web-1', 'web-9', 'web-09', 'web-10', 'web-100']);
    expect(naturalSortKey('v007')).toBe(naturalSortKey('v7'));
    expect(byKey(['a12345678901234567890', 'a9'])).toEqual(['a9', 'a12345678901234567890']);
  });

  it('ignores letter case and accents', () => {
    expect(naturalSortKey('Café-API')).toBe(naturalSortKey('cafe-api'));
    expect(byKey(['Zeta', 'alpha', 'Émile', 'beta'])).toEqual(['alpha', 'beta', 'Émile', 'Zeta']);
  });

  it('puts punctuation before digits before letters', () => {
    expect(byKey(['ab', 'a1', 'a-b', 'a'])).toEqual(['a', 'a-b', 'a1', 'ab']);
  });

  it('orders container names, images and host names as the collator does', () => {
    const names = [
      'bench-10000-mx4kg83e', 'bench-9998-mx4kg833', 'Bench-2', 'api', 'API-2', 'api-10', 'api-9',
      'registry.example.net/shop/api:3.4.1', 'nginx:1.25.4-alpine', 'nginx:1.9', 'postgres:16.2',
      'node-007', 'node-10', 'node 3', 'worker_1', 'worker-2', 'Ünïcode', 'unicode-2',
    ]; // prettier-ignore
    const byCollator = [...names].sort((a, b) => collator.compare(a, b) || compareKeys(a, b));
    const sorted = [...names].sort((a, b) => compareKeys(naturalSortKey(a), naturalSortKey(b)) || compareKeys(a, b));
    expect(sorted).toEqual(byCollator);
  });

  it('orders every ASCII punctuation mark and symbol as the collator does', () => {
    const marks = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ '].map((mark) => `a${mark}b`);
    const byCollator = [...marks].sort((a, b) => collator.compare(a, b));
    expect(byKey(marks)).toEqual(byCollator);
  });
});
