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
