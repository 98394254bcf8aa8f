/** Pool usage from which Berth warns, and from which it is critical (same as the core's storage warnings). */
export const WARNING_FRACTION = 0.8;
export const CRITICAL_FRACTION = 0.9;

export type UsageLevel = 'ok' | 'warning' | 'critical' | 'unknown';

export function usageLevel(fraction: number | undefined): UsageLevel {
  if (fraction === undefined || !Number.isFinite(fraction)) return 'unknown';
  if (fraction >= CRITICAL_FRACTION) return 'critical';
  if (fraction >= WARNING_FRACTION) return 'warning';
  return 'ok';
}
