/**
 * Docker prints sizes with go-units' HumanSize: decimal units, four significant digits,
 * "5.223 GB" in old engines and "65.54kB" (no space) since 17.x. Some fields carry plain byte
 * counts ("Space Used By Parent: 23552" from zfs), and binary units ("2.5 GiB") appear in a few
 * places; both are read too.
 */

const DECIMAL: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  p: 1e15,
  pb: 1e15,
  e: 1e18,
  eb: 1e18,
};

const BINARY: Readonly<Record<string, number>> = {
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
  pib: 2 ** 50,
  eib: 2 ** 60,
};

const SIZE_PATTERN = /^(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s*([a-z]*)$/i;

/**
 * Bytes (an integer) for a size as Docker prints it, or `undefined` for anything else
 * (empty, negative, percentages, unknown units, or beyond what a double holds exactly).
 * Never throws.
 */
export function parseDecimalSize(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.length > 64) return undefined;
  const match = SIZE_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, mantissa = '', exponent, unitText = ''] = match;
  const unit = unitText.toLowerCase();
  const multiplier = DECIMAL[unit] ?? BINARY[unit];
  if (multiplier === undefined) return undefined;
  const value = Number(exponent === undefined ? mantissa : `${mantissa}e${exponent}`);
  const bytes = Math.round(value * multiplier);
  if (!Number.isFinite(bytes) || bytes > Number.MAX_SAFE_INTEGER) return undefined;
  return bytes;
}
