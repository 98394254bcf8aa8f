#!/usr/bin/env bash
# The full test run (README: `npm run test:all`): bring the lab up (idempotent), build, run every
# unit, integration and e2e test, then the fault suite, and close with one
# "N passed, N failed" line over all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash e2e/lab/up.sh
npm run build
mkdir -p test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
# The fault suite breaks lab daemons on purpose, so it runs after everything else.
BERTH_FAULTS=1 npx vitest run --project faults --reporter=default --reporter=json --outputFile.json=test-results/faults.json || status=$?
node -e '
  const fs = require("fs");
  const runs = ["test-results/vitest.json", "test-results/faults.json"].filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const sum = (key) => runs.reduce((total, run) => total + run[key], 0);
  const skipped = sum("numPendingTests") + sum("numTodoTests");
  console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"
