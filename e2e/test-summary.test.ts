import { describe, expect, it } from 'vitest';
import { closingLine, summarize } from './test-summary.js';

const passingSuite = { name: 'a.test.ts', status: 'passed', assertionResults: [{ status: 'passed' }, { status: 'passed' }] };

describe('the closing line of the full test run', () => {
  it('adds passed and failed tests over every report', () => {
    const summary = summarize([
      { file: 'vitest.json', report: { numPassedTests: 2, numFailedTests: 1, testResults: [passingSuite] } },
      { file: 'faults.json', report: { numPassedTests: 7, numFailedTests: 0, numPendingTests: 1, testResults: [] } },
    ]);
    expect(closingLine(summary)).toBe('9 passed, 1 failed, 1 skipped');
  });

  it('counts a suite that failed to start, with no failed test in it, as a failure', () => {
    const summary = summarize([
      {
        file: 'vitest.json',
        report: {
          numPassedTests: 771,
          numFailedTests: 0,
          testResults: [
            passingSuite,
            {
              name: 'e2e/specs/hosts.e2e.test.ts',
              status: 'failed',
              message: 'Error: chromium not found\n    at launch',
              assertionResults: [],
            },
            { name: 'e2e/specs/ui.e2e.test.ts', status: 'failed', assertionResults: [{ status: 'skipped' }] },
          ],
        },
      },
    ]);
    expect(closingLine(summary)).toBe('771 passed, 2 failed');
    expect(summary.notStarted).toEqual([
      'e2e/specs/hosts.e2e.test.ts: Error: chromium not found',
      'e2e/specs/ui.e2e.test.ts: failed to start',
    ]);
  });

  it('does not count a failed suite twice when its failed tests are already counted', () => {
    const summary = summarize([
      {
        file: 'vitest.json',
        report: {
          numPassedTests: 1,
          numFailedTests: 1,
          testResults: [{ name: 'x', status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'passed' }] }],
        },
      },
    ]);
    expect(closingLine(summary)).toBe('1 passed, 1 failed');
  });

  it('counts a run that left no report as a failure', () => {
    const summary = summarize([{ file: 'test-results/faults.json', report: null }]);
    expect(closingLine(summary)).toBe('0 passed, 1 failed');
    expect(summary.notStarted[0]).toContain('faults.json');
  });
});
