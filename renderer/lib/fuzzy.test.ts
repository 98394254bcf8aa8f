import { describe, expect, it } from 'vitest';
import { fuzzyMatch, highlightRuns } from './fuzzy';

describe('fuzzyMatch', () => {
  it('matches a case-insensitive subsequence and reports where', () => {
    // p at the start, a at the word start "api", then 1.
    expect(fuzzyMatch('pa1', 'prod-api-01')?.indices).toEqual([0, 5, 10]);
    expect(fuzzyMatch('PROD', 'prod-api-01')?.indices).toEqual([0, 1, 2, 3]);
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, indices: [] });
  });

  it('rejects when a character is missing or out of order', () => {
    expect(fuzzyMatch('xyz', 'prod-api-01')).toBeNull();
    expect(fuzzyMatch('ipa', 'api')).toBeNull();
    expect(fuzzyMatch('longer than text', 'short')).toBeNull();
  });

  it('prefers word starts and consecutive runs over scattered letters', () => {
    const atStarts = fuzzyMatch('sd', 'staging-db')!;
    const scattered = fuzzyMatch('sd', 'postgres-data')!;
    expect(atStarts.score).toBeGreaterThan(scattered.score);
    // "api" consecutively in "prod-api-01" beats a scattered a…p…i.
    expect(fuzzyMatch('api', 'prod-api-01')!.score).toBeGreaterThan(fuzzyMatch('api', 'a-prod-i')!.score);
  });

  it('picks the best alignment, not the first one', () => {
    // Greedy would take the first "d" (in "edge"); the best alignment uses the word start "db".
    expect(fuzzyMatch('db', 'edge-db')?.indices).toEqual([5, 6]);
  });

  it('ranks an exact match above a longer name that contains it', () => {
    expect(fuzzyMatch('local', 'local')!.score).toBeGreaterThan(fuzzyMatch('local', 'local-2')!.score);
  });
});

describe('highlightRuns', () => {
  it('splits text into matched and unmatched runs', () => {
    expect(highlightRuns('prod-api', [0, 1, 5])).toEqual([
      { text: 'pr', match: true },
      { text: 'od-', match: false },
      { text: 'a', match: true },
      { text: 'pi', match: false },
    ]);
  });
});
