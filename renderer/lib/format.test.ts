import { describe, expect, it } from 'vitest';
import { containerName, formatAgo, formatCountdown, formatCreated, formatFraction, formatMemory, formatPorts, pluralize } from './format';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('formatAgo', () => {
  it('says how long ago, coarsely', () => {
    expect(formatAgo(NOW - 3_000, NOW)).toBe('just now');
    expect(formatAgo(NOW - 42_000, NOW)).toBe('42 s ago');
    expect(formatAgo(NOW - 3 * 60_000 - 12_000, NOW)).toBe('3 min ago');
    expect(formatAgo(NOW - 5 * 3_600_000, NOW)).toBe('5 h ago');
    expect(formatAgo(NOW - 86_400_000, NOW)).toBe('1 day ago');
    expect(formatAgo(NOW - 3 * 86_400_000, NOW)).toBe('3 days ago');
    expect(formatAgo(NOW + 5_000, NOW)).toBe('just now');
  });
});

describe('formatCountdown', () => {
  it('counts down to the next attempt', () => {
    expect(formatCountdown(NOW + 11_200, NOW)).toBe('in 12 s');
    expect(formatCountdown(NOW + 90_000, NOW)).toBe('in 2 min');
    expect(formatCountdown(NOW - 1, NOW)).toBe('now');
  });
});

describe('formatCreated', () => {
  it('reads like docker ps', () => {
    const seconds = NOW / 1000;
    expect(formatCreated(seconds - 30, NOW)).toBe('less than a minute ago');
    expect(formatCreated(seconds - 3600, NOW)).toBe('1 hour ago');
    expect(formatCreated(seconds - 3 * 86_400, NOW)).toBe('3 days ago');
    expect(formatCreated(seconds - 400 * 86_400, NOW)).toBe('1 year ago');
    expect(formatCreated(0, NOW)).toBe('–');
  });
});

describe('formatPorts', () => {
  it('prints published and exposed ports like docker ps, without duplicates', () => {
    expect(
      formatPorts([
        { privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' },
        { privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' },
        { privatePort: 80, publicPort: 8080, ip: '::', type: 'tcp' },
        { privatePort: 443, type: 'tcp' },
      ]),
    ).toBe('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 443/tcp');
    expect(formatPorts([])).toBe('');
  });
});

describe('other formats', () => {
  it('memory in binary units', () => {
    expect(formatMemory(25_276_026_880)).toBe('23.54 GiB');
    expect(formatMemory(0)).toBe('–');
  });

  it('fractions never round up to 100 % while space is left', () => {
    expect(formatFraction(0.996)).toBe('99 %');
    expect(formatFraction(1)).toBe('100 %');
    expect(formatFraction(0.8)).toBe('80 %');
    expect(formatFraction(undefined)).toBe('–');
  });

  it('container names and counts', () => {
    expect(containerName(['/web-1'], 'abc')).toBe('web-1');
    expect(containerName([], '0123456789abcdef')).toBe('0123456789ab');
    expect(pluralize(1, 'container')).toBe('1 container');
    expect(pluralize(5000, 'container')).toBe('5,000 containers');
    expect(pluralize(2, 'match', 'matches')).toBe('2 matches');
  });
});
