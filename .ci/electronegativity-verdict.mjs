// Compares electronegativity's SARIF report with the accepted findings in
// docs/electronegativity-findings.md: every finding needs a row (check id + file) with a reason.
// Usage: node .ci/electronegativity-verdict.mjs REPORT.sarif FINDINGS.md
import { readFileSync } from 'node:fs';

const [reportPath, acceptedPath] = process.argv.slice(2);
if (!reportPath || !acceptedPath) {
  console.error('usage: electronegativity-verdict.mjs REPORT.sarif FINDINGS.md');
  process.exit(2);
}

const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const findings = (report.runs ?? []).flatMap((run) =>
  (run.results ?? []).map((result) => ({
    id: String(result.ruleId ?? '?'),
    file: String(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '?'),
    line: result.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
    text: String(result.message?.text ?? ''),
  })),
);

const accepted = new Map();
for (const line of readFileSync(acceptedPath, 'utf8').split('\n')) {
  const cells = line.split('|').map((cell) => cell.trim());
  // | `CHECK_ID` | `file` | reason |
  if (cells.length < 5 || !/^`[A-Z0-9_]+`$/.test(cells[1] ?? '')) continue;
  const id = cells[1].slice(1, -1);
  const file = (cells[2] ?? '').replace(/^`|`$/g, '');
  const reason = cells.slice(3, -1).join('|').trim();
  if (reason.length < 40) {
    console.error(`electronegativity: the accepted finding ${id} in ${file} has no real reason in ${acceptedPath}.`);
    process.exit(1);
  }
  accepted.set(`${id} ${file}`, reason);
}

const unexplained = findings.filter((finding) => !accepted.has(`${finding.id} ${finding.file}`));
const seen = new Set(findings.map((finding) => `${finding.id} ${finding.file}`));
const stale = [...accepted.keys()].filter((key) => !seen.has(key));

console.log(
  `electronegativity: ${findings.length} finding(s), ${findings.length - unexplained.length} accepted with a reason in ${acceptedPath}.`,
);
for (const key of stale) console.log(`electronegativity: note: "${key}" is accepted but no longer reported; remove its row.`);
if (unexplained.length > 0) {
  console.error(`electronegativity: ${unexplained.length} finding(s) without an explanation (fix them, or add a row with the reason):`);
  for (const finding of unexplained) console.error(`  ${finding.id}  ${finding.file}:${finding.line}  ${finding.text}`);
  process.exit(1);
}
