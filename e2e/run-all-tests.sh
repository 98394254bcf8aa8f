#!/usr/bin/env bash
# The full test run (README: `npm run test:all`): bring the lab up (idempotent), build, run every
# unit and integration test, and close with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash e2e/lab/up.sh
npm run build
mkdir -p test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"
