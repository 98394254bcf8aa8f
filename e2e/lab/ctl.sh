#!/usr/bin/env bash
# Controls one piece of a running Berth lab (see up.sh).
#   ctl.sh stop|start|restart <tcp|tls|ssh|btrfs|vfs|cleanup|sshd>   simulate an outage (as root)
#   ctl.sh run <daemon> [name]     start one more busybox container; prints its id
#   ctl.sh rm <daemon> <id|name>…  remove containers (e.g. those made with run)
#   ctl.sh reset <daemon>          back to the baseline containers of up.sh
#   ctl.sh reset-install           the TLS install target back to a plain daemon (as root)
#   ctl.sh prepare-cleanup         the cleanup daemon filled with what prune removes (lib-cleanup.sh)
set -euo pipefail
# shellcheck source=e2e/lab/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

action=${1:-}
target=${2:-}
[[ $action != reset-install ]] || target=install
[[ $action != prepare-cleanup ]] || target=cleanup
[[ -n $action && -n $target ]] || usage
lab_check_dir
[[ -f $LAB_MARKER && -f $LAB_MANIFEST ]] ||
  lab_die "the Berth lab is not running at $LAB_DIR: run \`npm run lab:up\` (as root)"

case $action in
  stop | start | restart)
    lab_require_root
    lab_lock
    if [[ $target == sshd ]]; then
      [[ $action == start ]] || lab_stop_sshd
      [[ $action == stop ]] || lab_start_sshd
    else
      lab_check_daemon "$target"
      [[ $action == start ]] || lab_stop_dockerd "$target"
      [[ $action == stop ]] || lab_start_dockerd "$target"
      # A lab started before the cleanup daemon existed: starting it adds it to the manifest.
      if [[ $action != stop && $target == cleanup ]] && ! grep -q '"cleanup"' "$LAB_MANIFEST"; then
        lab_reset_containers cleanup
        lab_write_manifest
      fi
    fi
    ;;
  run)
    lab_check_daemon "$target"
    lab_run_container "$target" "${3:-}"
    ;;
  rm)
    lab_check_daemon "$target"
    (($# > 2)) || usage
    lab_docker "$target" rm -f "${@:3}" >/dev/null
    ;;
  reset)
    lab_check_daemon "$target"
    lab_lock
    lab_reset_containers "$target"
    ;;
  prepare-cleanup)
    lab_lock
    lab_prepare_cleanup
    ;;
  reset-install)
    lab_require_root
    lab_lock
    lab_install_reset
    ;;
  *) usage ;;
esac
