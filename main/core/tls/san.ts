import { dnsNameProblem } from '../../../shared/dns-name.js';
import { isIP } from 'node:net';
import { BerthError } from '../errors.js';

/** One subjectAltName entry of a server certificate. */
export interface San {
  type: 'ip' | 'dns';
  value: string;
}

/** What every Berth server certificate also carries unless asked not to, so the daemon can be reached on the host itself. */
export const loopbackSans: readonly San[] = [
  { type: 'ip', value: '127.0.0.1' },
  { type: 'dns', value: 'localhost' },
];

/**
 * Reads one SAN as an operator types it: `IP:203.0.113.5`, `DNS:docker.example.com`, or the bare
 * address or name (an IP when it parses as one, a DNS name otherwise). IPv6 may be bracketed.
 */
export function parseSan(text: string): San {
  const trimmed = text.trim();
  const prefixed = /^(ip|dns):(.*)$/i.exec(trimmed);
  const kind = prefixed ? (prefixed[1]!.toLowerCase() as San['type']) : undefined;
  const raw = (prefixed ? prefixed[2]! : trimmed).trim();
  if (raw === '') {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `"${text}" names no address. Give an IP (IP:203.0.113.5) or a DNS name (DNS:docker.example.com).`,
    );
  }
  const ip = normalizeIp(raw);
  if (kind === 'ip' || (kind === undefined && ip !== undefined)) {
    if (ip === undefined) {
      throw new BerthError(
        'INVALID_ARGUMENT',
        `"${text}" is not an IP address. Write IPv4 as 203.0.113.5 and IPv6 as 2001:db8::5, or use DNS: for a name.`,
      );
    }
    return { type: 'ip', value: ip };
  }
  if (ip !== undefined) {
    throw new BerthError('INVALID_ARGUMENT', `"${text}" is an IP address, not a DNS name: write it as IP:${ip}.`);
  }
  const problem = dnsNameProblem(raw);
  if (problem !== undefined) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `"${text}" is neither an IP address nor a valid DNS name: ${problem}. Examples: IP:203.0.113.5, DNS:docker.example.com, DNS:*.example.com.`,
    );
  }
  return { type: 'dns', value: raw.toLowerCase().replace(/\.$/, '') };
}

/** The form parseSan reads back and openssl's subjectAltName syntax uses: `IP:…` or `DNS:…`. */
export function formatSan(san: San): string {
  return `${san.type === 'ip' ? 'IP' : 'DNS'}:${san.value}`;
}

/** The given SANs, plus loopback ones when asked, without duplicates and in the given order. */
export function withLoopback(sans: readonly San[], includeLoopback: boolean): San[] {
  const all = includeLoopback ? [...sans, ...loopbackSans] : [...sans];
  const seen = new Set<string>();
  return all.filter((san) => {
    const key = formatSan(san);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An IPv4 or IPv6 address in canonical text form, or undefined when `text` is not one. */
export function normalizeIp(text: string): string | undefined {
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const version = isIP(unbracketed);
  if (version === 4) return unbracketed;
  if (version === 6) return new URL(`http://[${unbracketed}]/`).hostname.slice(1, -1);
  return undefined;
}

export { dnsNameProblem };
