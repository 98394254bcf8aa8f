import { describe, expect, it } from 'vitest';
import { FilteredLines } from './filtered-lines';
import { type LogFilter, compileFilter } from './log-filter';
import { LogStore } from './log-store';

const lines = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => ({ stream: 'stdout' as const, text: `line ${from + i}` }));

function filterOf(query: string): LogFilter {
  const compiled = compileFilter(query, { regex: true, caseSensitive: false });
  if (!compiled.ok || !compiled.filter) throw new Error('no filter');
  return compiled.filter;
}

/** Counts the lines a filter is asked about, to show updates test only new lines. */
function counting(filter: LogFilter): { filter: LogFilter; tested: () => number } {
  let tested = 0;
  return {
    filter: { ...filter, test: (line) => ((tested += 1), filter.test(line)) },
    tested: () => tested,
  };
}

describe('FilteredLines', () => {
  it('is the store itself without a filter', () => {
    const store = new LogStore(10);
    store.append(lines(0, 4));
    const view = new FilteredLines(store, null);
    expect(view.size).toBe(4);
    expect(view.at(2)?.plain).toBe('line 2');
  });

  it('tests each appended line once, however often it is read', () => {
    const store = new LogStore(100);
    const { filter, tested } = counting(filterOf('7$'));
    const view = new FilteredLines(store, filter);
    store.append(lines(0, 50));
    expect(view.size).toBe(5);
    expect(view.at(0)?.plain).toBe('line 7');
    expect(view.at(4)?.plain).toBe('line 47');
    expect(view.at(5)).toBeUndefined();
    expect(tested()).toBe(50);
    store.append(lines(50, 60));
    expect(view.size).toBe(6);
    expect(view.size).toBe(6);
    expect(tested()).toBe(60);
  });

  it('forgets matches the store dropped past its cap, and everything on clear', () => {
    const store = new LogStore(20);
    const view = new FilteredLines(store, filterOf('[05]$'));
    store.append(lines(0, 100));
    // Kept: lines 80…99; matching: 80, 85, 90, 95.
    expect(view.size).toBe(4);
    expect(view.at(0)?.plain).toBe('line 80');
    for (let i = 100; i < 20_000; i += 10) store.append(lines(i, i + 10));
    expect(view.size).toBe(4);
    expect(view.at(3)?.plain).toBe('line 19995');
    store.clear();
    expect(view.size).toBe(0);
    store.append(lines(0, 6));
    expect(view.size).toBe(2);
  });
});
