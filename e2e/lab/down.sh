#!/usr/bin/env bash
# Stops everything the Berth lab started (by pid), unmounts its btrfs loop file and removes the
# lab dir. Safe to run when nothing is running. Run as root.
set -euo pipefail
# shellcheck source=e2e/lab/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

lab_require_root
lab_check_dir
lab_lock
lab_down
