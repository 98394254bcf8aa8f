/**
 * Tolerant readers for JSON that came from a daemon: each returns a sane default instead of
 * throwing when a field is missing or of the wrong type.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is a plain object, else an empty one (for reading fields that may be missing). */
export function recordOr(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

/** An own property of `value` when it is a plain object; never reads the prototype chain. */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

export function stringOr(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A finite number, else `fallback`. */
export function numberOr(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * A finite, non-negative number rounded to an integer (counts and byte sizes), at most
 * Number.MAX_SAFE_INTEGER; anything else is 0.
 */
export function countOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(Math.round(value), Number.MAX_SAFE_INTEGER) : 0;
}

export function arrayOr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function stringArray(value: unknown): string[] {
  return arrayOr(value).filter((item): item is string => typeof item === 'string');
}
