import { BerthError } from '../errors.js';

/**
 * Times as the daemon's `since` / `until` take them: unix seconds with up to nine decimals
 * ("1714557600.123456789"), exact to the nanosecond so a resume can start at a line's timestamp.
 */

/** An RFC 3339 time with nanoseconds (as the daemon prints it) → "seconds.nanoseconds". */
export function rfc3339ToUnix(time: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/.exec(time);
  if (!match) throw new BerthError('INVALID_ARGUMENT', `"${time.slice(0, 64)}" is not an RFC 3339 time such as 2024-05-01T10:00:00Z.`);
  const [, whole = '', fraction = '', zone = 'Z'] = match;
  const ms = Date.parse(`${whole}${zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  if (Number.isNaN(ms)) throw new BerthError('INVALID_ARGUMENT', `"${time.slice(0, 64)}" is not a valid time.`);
  return `${Math.floor(ms / 1000)}.${fraction.padEnd(9, '0')}`;
}

const durationUnits: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * What `docker logs --since/--until` accepts: RFC 3339 (a date alone means its midnight UTC),
 * unix seconds, or a duration back from `now` ("10m", "1h30m").
 */
export function logTimeToUnix(value: string, now = Date.now()): string {
  const text = value.trim();
  if (/^\d+(\.\d{1,9})?$/.test(text)) return text;
  if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) {
    let ms = 0;
    for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(part[1]) * (durationUnits[part[2] ?? 's'] ?? 0);
    return ((now - ms) / 1000).toFixed(3);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return rfc3339ToUnix(`${text}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) return rfc3339ToUnix(`${text.length === 16 ? `${text}:00` : text}Z`);
  return rfc3339ToUnix(text);
}

/** Orders two daemon timestamps (RFC 3339, UTC, nanoseconds): negative, zero or positive. */
export function compareLogTimes(a: string, b: string): number {
  // The daemon prints a fixed nine-digit fraction in UTC, so equal lengths compare as text.
  if (a.length === b.length) return a < b ? -1 : a > b ? 1 : 0;
  const [aSeconds = '0', aNanos = ''] = rfc3339ToUnix(a).split('.');
  const [bSeconds = '0', bNanos = ''] = rfc3339ToUnix(b).split('.');
  return Number(aSeconds) - Number(bSeconds) || aNanos.localeCompare(bNanos);
}
