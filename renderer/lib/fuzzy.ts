/**
 * Fuzzy matching for the quick switcher: every query character must appear in order
 * (case-insensitive). The best alignment wins: matches at word starts and runs of
 * consecutive characters score high, gaps cost a little.
 */
export interface FuzzyMatch {
  score: number;
  /** Indices in the text of the matched characters, ascending (for highlighting). */
  indices: number[];
}

const BOUNDARY = /[\s\-_./:@]/;

const SCORE_MATCH = 16;
const BONUS_START = 24;
const BONUS_BOUNDARY = 18;
const BONUS_CAMEL = 10;
const BONUS_CONSECUTIVE = 20;
const PENALTY_GAP_START = 3;
const PENALTY_GAP = 1;

function boundaryBonus(text: string, index: number): number {
  if (index === 0) return BONUS_START;
  const previous = text[index - 1]!;
  if (BOUNDARY.test(previous)) return BONUS_BOUNDARY;
  const current = text[index]!;
  if (previous === previous.toLowerCase() && current !== current.toLowerCase()) return BONUS_CAMEL;
  if (/[a-zA-Z]/.test(previous) && /[0-9]/.test(current)) return BONUS_CAMEL;
  return 0;
}

/** The best match of `query` in `text`, or null when some character is missing. */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const needle = query.toLowerCase();
  const hay = text.toLowerCase();
  const n = needle.length;
  const m = hay.length;
  if (n === 0) return { score: 0, indices: [] };
  if (n > m) return null;

  // Quick reject: is it a subsequence at all?
  for (let i = 0, j = 0; i < n; j += 1) {
    if (j >= m) return null;
    if (needle[i] === hay[j]) i += 1;
  }

  // best[i][j]: best score with needle[i] matched at hay[j]; from[i][j]: where needle[i-1] sat.
  const NONE = Number.NEGATIVE_INFINITY;
  const best: Float64Array[] = [];
  const from: Int32Array[] = [];
  for (let i = 0; i < n; i += 1) {
    const row = new Float64Array(m).fill(NONE);
    const back = new Int32Array(m).fill(-1);
    for (let j = i; j < m; j += 1) {
      if (hay[j] !== needle[i]) continue;
      const bonus = SCORE_MATCH + boundaryBonus(text, j);
      if (i === 0) {
        row[j] = bonus - Math.min(j, 10) * PENALTY_GAP;
        continue;
      }
      const previousRow = best[i - 1]!;
      let top = NONE;
      let topAt = -1;
      for (let k = i - 1; k < j; k += 1) {
        const previous = previousRow[k]!;
        if (previous === NONE) continue;
        const gap = j - k - 1;
        const score = previous + (gap === 0 ? BONUS_CONSECUTIVE : -(PENALTY_GAP_START + gap * PENALTY_GAP));
        if (score > top) {
          top = score;
          topAt = k;
        }
      }
      if (topAt !== -1) {
        row[j] = top + bonus;
        back[j] = topAt;
      }
    }
    best.push(row);
    from.push(back);
  }

  const lastRow = best[n - 1]!;
  let end = -1;
  let score = NONE;
  for (let j = 0; j < m; j += 1) {
    if (lastRow[j]! > score) {
      score = lastRow[j]!;
      end = j;
    }
  }
  if (end === -1) return null;
  const indices = new Array<number>(n);
  for (let i = n - 1, j = end; i >= 0; i -= 1) {
    indices[i] = j;
    j = from[i]![j]!;
  }
  // An exact (case-insensitive) match of the whole text ranks above any partial one.
  if (hay === needle) score += 100;
  return { score, indices };
}

/** Splits `text` into runs marked as matched or not, for rendering highlights. */
export function highlightRuns(text: string, indices: readonly number[]): Array<{ text: string; match: boolean }> {
  const marked = new Set(indices);
  const runs: Array<{ text: string; match: boolean }> = [];
  for (let index = 0; index < text.length; index += 1) {
    const match = marked.has(index);
    const last = runs[runs.length - 1];
    if (last && last.match === match) last.text += text[index];
    else runs.push({ text: text[index]!, match });
  }
  return runs;
}
