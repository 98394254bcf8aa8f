// The closing line of `npm run test:all`: "N passed, N failed" over every vitest JSON report given.
// A test file that failed with no failed test in it (it could not start: an import or a beforeAll
// threw) counts as one failure, and so does a report that is missing or unreadable, so a run whose
// suites never started can not close on "0 failed". Exits 1 when anything failed.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface VitestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { name: string; status: string; message?: string; assertionResults?: { status: string }[] }[];
}

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  /** One line per suite (or whole run) that failed without a failed test to show for it. */
  notStarted: string[];
}

export function summarize(reports: { file: string; report: VitestReport | null }[]): Summary {
  const summary: Summary = { passed: 0, failed: 0, skipped: 0, notStarted: [] };
  for (const { file, report } of reports) {
    if (!report) {
      summary.failed += 1;
      summary.notStarted.push(`${file}: no report, the run did not start`);
      continue;
    }
    summary.passed += report.numPassedTests ?? 0;
    summary.failed += report.numFailedTests ?? 0;
    summary.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const suite of report.testResults ?? []) {
      const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === 'failed').length;
      if (suite.status === 'failed' && failedTests === 0) {
        summary.failed += 1;
        summary.notStarted.push(`${suite.name}: ${(suite.message || 'failed to start').split('\n')[0]}`);
      }
    }
  }
  return summary;
}

export function closingLine({ passed, failed, skipped }: Summary): string {
  return `${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
}

function readReport(file: string): VitestReport | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as VitestReport;
  } catch {
    return null;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const summary = summarize(process.argv.slice(2).map((file) => ({ file, report: readReport(file) })));
  for (const line of summary.notStarted) console.log(`suite failed to start: ${line}`);
  console.log(closingLine(summary));
  process.exitCode = summary.failed > 0 ? 1 : 0;
}
