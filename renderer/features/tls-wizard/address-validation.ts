import { dnsNameProblem } from '../../../shared/dns-name';
/**
 * The names and addresses a server certificate will carry, checked in the form the way the main
 * side checks them (main/core/tls/san.ts), so mistakes show next to the field before anything runs.
 */
export type CheckedAddress = { ok: true; kind: 'ip' | 'dns'; value: string; san: string } | { ok: false; error: string };

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 or IPv6 address in canonical form, or undefined. */
export function normalizeIp(text: string): string | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipv4.test(bare)) return bare;
  if (!bare.includes(':') || !/^[0-9a-fA-F:.]+$/.test(bare)) return undefined;
  try {
    return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

/** One address as typed: `IP:…`, `DNS:…`, or bare (an IP when it parses as one). */
export function checkAddress(text: string): CheckedAddress {
  const trimmed = text.trim();
  const prefixed = /^(ip|dns):(.*)$/i.exec(trimmed);
  const kind = prefixed ? (prefixed[1]!.toLowerCase() as 'ip' | 'dns') : undefined;
  const raw = (prefixed ? prefixed[2]! : trimmed).trim();
  if (raw === '') return { ok: false, error: 'Give an IP address (203.0.113.5) or a DNS name (docker.example.com).' };
  const ip = normalizeIp(raw);
  if (kind === 'ip' || (kind === undefined && ip !== undefined)) {
    if (ip === undefined) return { ok: false, error: `"${raw}" is not an IP address. Write IPv4 as 203.0.113.5 and IPv6 as 2001:db8::5.` };
    return { ok: true, kind: 'ip', value: ip, san: `IP:${ip}` };
  }
  if (ip !== undefined) return { ok: false, error: `"${raw}" is an IP address, not a DNS name: write it as IP:${ip}.` };
  const problem = dnsNameProblem(raw);
  if (problem !== undefined) return { ok: false, error: `"${raw}" is neither an IP address nor a valid DNS name: ${problem}.` };
  const value = raw.toLowerCase().replace(/\.$/, '');
  return { ok: true, kind: 'dns', value, san: `DNS:${value}` };
}

/** Several addresses separated by commas, spaces or new lines. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** The first problem among several addresses, or the SANs they make. */
export function checkAddresses(texts: readonly string[]): { ok: true; sans: string[] } | { ok: false; error: string } {
  const sans: string[] = [];
  for (const text of texts) {
    const checked = checkAddress(text);
    if (!checked.ok) return checked;
    if (!sans.includes(checked.san)) sans.push(checked.san);
  }
  return { ok: true, sans };
}
