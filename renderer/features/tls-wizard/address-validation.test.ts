import { describe, expect, it } from 'vitest';
import { checkAddress, checkAddresses, splitAddresses } from './address-validation';

describe('checkAddress', () => {
  it.each([
    ['203.0.113.5', 'IP:203.0.113.5'],
    ['IP:10.0.0.1', 'IP:10.0.0.1'],
    ['2001:DB8::5', 'IP:2001:db8::5'],
    ['[::1]', 'IP:::1'],
    ['Docker.Example.com.', 'DNS:docker.example.com'],
    ['dns:*.example.com', 'DNS:*.example.com'],
    ['localhost', 'DNS:localhost'],
  ])('reads %s as %s', (text, san) => {
    expect(checkAddress(text)).toMatchObject({ ok: true, san });
  });

  it.each([
    ['', /Give an IP address/],
    ['10.0.0.300', /mistyped IP address/],
    ['IP:docker.example.com', /is not an IP address/],
    ['DNS:10.0.0.1', /is an IP address, not a DNS name/],
    ['bad_name.example.com', /letters, digits and inner hyphens/],
    ['a..b', /empty label/],
    ['*.com', /wildcard needs at least two labels/],
    ['foo.*.example.com', /leftmost label/],
  ])('refuses %j with a clear message', (text, message) => {
    const checked = checkAddress(text);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(message);
  });
});

describe('checkAddresses', () => {
  it('splits on commas, spaces and lines, and drops duplicates', () => {
    expect(splitAddresses(' a.example.com,b.example.com\n10.0.0.1  ')).toEqual(['a.example.com', 'b.example.com', '10.0.0.1']);
    expect(checkAddresses(['10.0.0.1', 'IP:10.0.0.1', 'a.example.com'])).toEqual({ ok: true, sans: ['IP:10.0.0.1', 'DNS:a.example.com'] });
    expect(checkAddresses(['10.0.0.1', 'nope..'])).toMatchObject({ ok: false });
  });
});
