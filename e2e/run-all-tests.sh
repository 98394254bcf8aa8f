#!/usr/bin/env bash
# The full test run (README: `npm run test:all`). On a fresh Debian machine, as root, it brings
# what it needs itself: Node 24 (from the npm registry, when the machine's node is older), the
# Debian packages (docker.io, sshd, btrfs-progs, busybox, Chromium, …), npm dependencies when
# missing, the lab (idempotent) and a build. Then every unit, integration and e2e test, then the
# fault suite, closing with one "N passed, N failed" line over all of them, in which a suite that
# failed to start (or a run that produced no report) counts as failed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/use-node24.sh
source .ci/use-node24.sh
bash .ci/install-debian-packages.sh
[ -d node_modules/.bin ] || npm ci --no-audit --no-fund
bash e2e/lab/up.sh
npm run build
mkdir -p test-results
rm -f test-results/vitest.json test-results/faults.json
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
# The fault suite breaks lab daemons on purpose, so it runs after everything else.
BERTH_FAULTS=1 npx vitest run --project faults --reporter=default --reporter=json --outputFile.json=test-results/faults.json || status=$?
node e2e/test-summary.ts test-results/vitest.json test-results/faults.json || status=$?
exit "$status"
