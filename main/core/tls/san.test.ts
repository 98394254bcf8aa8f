import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors.js';
import { dnsNameProblem, formatSan, parseSan, withLoopback } from './san.js';

function errorOf(run: () => unknown): BerthError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  return undefined;
}

describe('parseSan', () => {
  it('reads prefixed and bare IPs and names', () => {
    expect(parseSan('IP:203.0.113.5')).toEqual({ type: 'ip', value: '203.0.113.5' });
    expect(parseSan('ip:203.0.113.5')).toEqual({ type: 'ip', value: '203.0.113.5' });
    expect(parseSan('203.0.113.5')).toEqual({ type: 'ip', value: '203.0.113.5' });
    expect(parseSan('DNS:docker.example.com')).toEqual({ type: 'dns', value: 'docker.example.com' });
    expect(parseSan('Docker.Example.COM')).toEqual({ type: 'dns', value: 'docker.example.com' });
    expect(parseSan('docker.example.com.')).toEqual({ type: 'dns', value: 'docker.example.com' });
    expect(parseSan(' DNS:build-01 ')).toEqual({ type: 'dns', value: 'build-01' });
    expect(parseSan('DNS:*.example.com')).toEqual({ type: 'dns', value: '*.example.com' });
  });

  it('reads IPv6, bracketed or not, in canonical form', () => {
    expect(parseSan('IP:2001:DB8:0:0::5')).toEqual({ type: 'ip', value: '2001:db8::5' });
    expect(parseSan('[::1]')).toEqual({ type: 'ip', value: '::1' });
    expect(parseSan('fe80::1')).toEqual({ type: 'ip', value: 'fe80::1' });
  });

  it.each([
    ['IP:docker.example.com', /not an IP address/],
    ['IP:203.0.113.256', /not an IP address/],
    ['DNS:203.0.113.5', /is an IP address, not a DNS name: write it as IP:203.0.113.5/],
    ['203.0.113', /mistyped IP address/],
    ['203.0.113.999', /mistyped IP address/],
    ['docker_host.example.com', /label "docker_host"/],
    ['-docker.example.com', /label "-docker"/],
    ['docker..example.com', /empty label/],
    ['.example.com', /empty label/],
    ['host.*.example.com', /wildcard is allowed only as the whole leftmost label/],
    ['do*ker.example.com', /wildcard is allowed only/],
    ['*.com', /at least two labels after it/],
    ['*', /at least two labels/],
    ['exa mple.com', /label "exa mple"/],
    ['http://docker.example.com', /neither an IP address nor a valid DNS name/],
    ['', /names no address/],
    ['DNS:', /names no address/],
    [`${'a'.repeat(64)}.example.com`, /63 characters/],
    [`${'abc.'.repeat(64)}com`, /longer than 253/],
  ])('refuses %j', (text, message) => {
    const error = errorOf(() => parseSan(text));
    expect(error?.code).toBe('INVALID_ARGUMENT');
    expect(error?.message).toMatch(message);
  });

  it('reads back what formatSan writes, for any IPv4, IPv6 or valid name', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
    const name = fc
      .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.stringMatching(/^[a-z]{2,6}$/))
      .map(([labels, tld]) => [...labels, tld].join('.'));
    const san = fc.oneof(
      fc.ipV4().map((value) => ({ type: 'ip' as const, value })),
      fc.ipV6().map((value) => parseSan(`IP:${value}`)),
      name.map((value) => ({ type: 'dns' as const, value })),
    );
    fc.assert(
      fc.property(san, (value) => {
        expect(parseSan(formatSan(value))).toEqual(value);
      }),
    );
  });

  it('never throws anything but an INVALID_ARGUMENT BerthError', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          const san = parseSan(text);
          expect(['ip', 'dns']).toContain(san.type);
        } catch (error) {
          expect(error).toBeInstanceOf(BerthError);
          expect((error as BerthError).code).toBe('INVALID_ARGUMENT');
        }
      }),
    );
  });
});

describe('withLoopback', () => {
  it('appends loopback once, keeping order', () => {
    const given = [parseSan('docker.example.com'), parseSan('127.0.0.1')];
    expect(withLoopback(given, true).map(formatSan)).toEqual(['DNS:docker.example.com', 'IP:127.0.0.1', 'DNS:localhost']);
    expect(withLoopback(given, false).map(formatSan)).toEqual(['DNS:docker.example.com', 'IP:127.0.0.1']);
  });
});

describe('dnsNameProblem', () => {
  it('accepts single-label names and names with digits', () => {
    expect(dnsNameProblem('localhost')).toBeUndefined();
    expect(dnsNameProblem('build-01')).toBeUndefined();
    expect(dnsNameProblem('1password.example.com')).toBeUndefined();
  });
});
