/**
 * A key whose plain string order (`<`) is the natural order of the text: letter case and accents
 * ignored, runs of digits compared as numbers ("web-9" before "web-10"), ASCII punctuation and
 * symbols before digits before letters, in the collator's order. For names, images and hosts this
 * is the order of `Intl.Collator('en', { numeric: true, sensitivity: 'base' })` at a fraction of its
 * cost: sorting 10,000 rows with the collator took about 100 ms here, comparing keys made once per
 * row a sixth of that.
 */
export function naturalSortKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\d+|[ -/:-@[-`{-~]/g, (run) => {
      const mark = MARK_RANK.get(run);
      // Marks become control characters, below digits, in the collator's order.
      if (mark !== undefined) return String.fromCharCode(1 + mark);
      // Length first, then the digits: a longer number (leading zeros dropped) sorts after a shorter one.
      const significant = run.replace(/^0+(?=\d)/, '');
      return String.fromCharCode(0x30 + Math.min(significant.length, 39)) + significant;
    });
}

/** ASCII punctuation and symbols in the order of Unicode's root collation (what the collator uses). */
const MARK_RANK = new Map([...' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$'].map((mark, rank) => [mark, rank]));

/** -1, 0 or 1 by code units: for keys from naturalSortKey (and container ids). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
