const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Bytes in Docker's decimal style: 5223000000 → "5.223 GB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : value >= 100 ? 1 : value >= 10 ? 2 : 3;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** A ratio as a whole percentage, or "–" when the total is unknown. */
export function formatPercent(part: number | undefined, total: number | undefined): string {
  if (part === undefined || total === undefined || total <= 0) return '–';
  return `${Math.round((part / total) * 100)} %`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `then` was, for "data from 3 min ago": coarse and stable between ticks. */
export function formatAgo(then: number, now: number): string {
  const elapsed = Math.max(0, now - then);
  if (elapsed < 10 * SECOND) return 'just now';
  if (elapsed < MINUTE) return `${Math.floor(elapsed / SECOND)} s ago`;
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  const days = Math.floor(elapsed / DAY);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}
