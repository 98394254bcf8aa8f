/**
 * Filter-as-you-type for log lines: a substring or a regular expression, case-sensitive or
 * not. A compiled filter tests a line and finds the ranges to highlight.
 */
export interface FilterOptions {
  regex: boolean;
  caseSensitive: boolean;
}

export type MatchRange = readonly [start: number, end: number];

export interface LogFilter {
  test(line: string): boolean;
  /** Non-overlapping, ascending ranges of the matches in `line` (at most `limit`). */
  ranges(line: string, limit?: number): MatchRange[];
}

export type CompiledFilter = { ok: true; filter: LogFilter | null } | { ok: false; error: string };

const MAX_HIGHLIGHTS = 200;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles the operator's query. An empty query is no filter; a regex that does not compile is
 * an error message for the field (the view keeps the last working filter meanwhile).
 */
export function compileFilter(query: string, options: FilterOptions): CompiledFilter {
  if (query === '') return { ok: true, filter: null };
  let source = options.regex ? query : escapeRegex(query);
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, options.caseSensitive ? 'gu' : 'giu');
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : 'invalid';
    return { ok: false, error: `Not a valid regular expression: ${reason}` };
  }
  // A pattern that matches the empty string (a*, ^) would highlight nothing and loop forever.
  if (pattern.test('')) {
    source = `(?:${source})`;
    pattern = new RegExp(source, pattern.flags);
  }
  const tester = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  return {
    ok: true,
    filter: {
      test: (line) => tester.test(line),
      ranges: (line, limit = MAX_HIGHLIGHTS) => {
        const found: MatchRange[] = [];
        pattern.lastIndex = 0;
        for (let match = pattern.exec(line); match !== null && found.length < limit; match = pattern.exec(line)) {
          if (match[0].length === 0) {
            pattern.lastIndex += 1;
            continue;
          }
          found.push([match.index, match.index + match[0].length]);
        }
        return found;
      },
    },
  };
}
