import type { PortBinding } from '../../shared/snapshot';

export { formatAgo, formatBytes, formatPercent } from '../../shared/format';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Time until `then`, for "next attempt in 12 s". */
export function formatCountdown(then: number, now: number): string {
  const remaining = then - now;
  if (remaining <= 0) return 'now';
  if (remaining < MINUTE) return `in ${Math.ceil(remaining / SECOND)} s`;
  return `in ${Math.ceil(remaining / MINUTE)} min`;
}

/** A container's creation time (unix seconds) like `docker ps` prints it: "3 days ago". */
export function formatCreated(createdSeconds: number, now: number): string {
  if (!Number.isFinite(createdSeconds) || createdSeconds <= 0) return '–';
  const elapsed = Math.max(0, now - createdSeconds * SECOND);
  if (elapsed < MINUTE) return 'less than a minute ago';
  const units: Array<[number, string]> = [
    [365 * DAY, 'year'],
    [30 * DAY, 'month'],
    [7 * DAY, 'week'],
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
  ];
  for (const [size, name] of units) {
    if (elapsed >= size) {
      const count = Math.floor(elapsed / size);
      return `${count} ${name}${count === 1 ? '' : 's'} ago`;
    }
  }
  return 'less than a minute ago';
}

/** An absolute time for tooltips: "2026-11-28 05:12:16". */
export function formatTimestamp(epochMs: number): string {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return '–';
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** Ports the way `docker ps` prints them: `0.0.0.0:8080->80/tcp, 443/tcp`. */
export function formatPorts(ports: readonly PortBinding[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const port of ports) {
    const text =
      port.publicPort !== undefined
        ? `${port.ip ? `${port.ip.includes(':') ? `[${port.ip}]` : port.ip}:` : ''}${port.publicPort}->${port.privatePort}/${port.type}`
        : `${port.privatePort}/${port.type}`;
    if (!seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
  }
  return parts.join(', ');
}

/** Memory in binary units as `docker info` prints it: "23.54 GiB". */
export function formatMemory(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 2)} ${units[unit]}`;
}

/** A fraction as a whole percentage ("87 %"); floors so 99.6 % never shows as "100 %" while space is left. */
export function formatFraction(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '–';
  const percent = fraction * 100;
  return `${fraction < 1 ? Math.min(99, Math.floor(percent)) : Math.round(percent)} %`;
}

/** First name without the leading slash the API sometimes keeps. */
export function containerName(names: readonly string[], id: string): string {
  const first = names[0];
  return first ? first.replace(/^\//, '') : id.slice(0, 12);
}

export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
