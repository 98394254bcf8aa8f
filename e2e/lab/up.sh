#!/usr/bin/env bash
# Starts the Berth lab: six real dockerd (tcp, tls, ssh, btrfs, vfs, cleanup), the TLS install target
# (reset to a plain daemon) and an sshd, all on 127.0.0.1 or unix sockets, then writes
# $BERTH_LAB_DIR/manifest.json (default /tmp/berth-lab).
# Run as root. Idempotent: a healthy lab is reused (containers reset to the baseline, manifest
# rewritten); a half-up one is torn down and started again.
set -euo pipefail
# shellcheck source=e2e/lab/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

lab_require_root
lab_check_dir
lab_install_packages
lab_lock

# A lab from before the cleanup daemon existed: start that one daemon rather than tear a healthy
# lab down for it (the same as `ctl.sh start cleanup`).
if [[ -f $LAB_MARKER ]] && ! lab_dockerd_pid cleanup >/dev/null; then
  (lab_start_dockerd cleanup) || lab_log "cleanup: could not start it on the existing lab; the health check decides"
fi

if lab_is_healthy; then
  lab_log "the lab at $LAB_DIR is up and healthy: reusing it"
  lab_ensure_user
else
  if [[ -e $LAB_DIR ]]; then
    lab_log "the lab at $LAB_DIR is not (fully) up: tearing it down first"
    lab_down
  fi
  lab_check_ports_free
  lab_log "creating the lab at $LAB_DIR"
  lab_create
  lab_mount_btrfs
  for name in "${LAB_DAEMONS[@]}"; do lab_launch_dockerd "$name"; done
  lab_start_sshd
  for name in "${LAB_DAEMONS[@]}"; do lab_wait_dockerd "$name"; done
fi
lab_parallel lab_reset_containers "${LAB_DAEMONS[@]}"
lab_install_reset
lab_write_manifest
lab_log "the lab is up (${SECONDS}s); manifest: $LAB_MANIFEST"
