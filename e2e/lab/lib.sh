# shellcheck shell=bash
# The Berth lab's shared logic: where everything lives and how each piece starts and stops.
# Sourced by up.sh, down.sh and ctl.sh; defines variables and functions only, and sources the
# parts: lib-docker.sh (dockerd, image, containers), lib-pki.sh (TLS), lib-sshd.sh, lib-manifest.sh,
# lib-install.sh (the TLS install target).
#
# Layout of the lab dir (default /tmp/berth-lab, override with BERTH_LAB_DIR):
#   .berth-lab          marker: down.sh only ever deletes a dir that holds it
#   manifest.json       what tests read (see manifest.ts)
#   pki/                lab CA, server and client certs, rogue CA, wrong-SAN server, expired client
#   sshd/               sshd config, host key, pid file, log, client keys, known_hosts, test sockets
#   image/busybox.tar   the rootfs imported as berth-lab/busybox:latest on every daemon
#   <daemon>/           daemon.json, dockerd.pid, dockerd.log, data/ (data root), x/ (exec root),
#                       etc/ (bind-mounted over /etc/docker for that dockerd only: own key.json, own ID)
#                       docker.sock for ssh and vfs; btrfs/disk.img is loop-mounted on btrfs/data
#   install/            the TLS install target, a dockerd the lab user reconfigures (lib-install.sh)
#   cleanup/            the prune tests' daemon: tcp and a unix socket the lab user may open (lib-cleanup.sh)

umask 022

LAB_DIR="${BERTH_LAB_DIR:-/tmp/berth-lab}"
LAB_DIR="${LAB_DIR%/}"
LAB_IMAGE='berth-lab/busybox:latest'
LAB_LABEL='berth.lab=1'
LAB_USER='berthlab'
LAB_HOST='127.0.0.1'
LAB_SSH_PORT=22220
# The same sshd also listens here, so a ProxyJump chain 22221 → 22222 → 22220 runs through real hops.
LAB_SSH_JUMP_PORTS=(22221 22222)
# cleanup: the daemon destructive tests (prune) may empty; nobody else relies on its contents.
LAB_DAEMONS=(tcp tls ssh btrfs vfs cleanup)
declare -A LAB_DRIVER=([tcp]=overlay2 [tls]=overlay2 [ssh]=overlay2 [btrfs]=btrfs [vfs]=vfs [cleanup]=overlay2)
declare -A LAB_TCP_PORT=([tcp]=23750 [tls]=23760 [btrfs]=23751 [cleanup]=23752)
LAB_PKI="$LAB_DIR/pki"
LAB_SSHD="$LAB_DIR/sshd"
LAB_MARKER="$LAB_DIR/.berth-lab"
LAB_MANIFEST="$LAB_DIR/manifest.json"
LAB_LOCK="$LAB_DIR.lock"
LAB_BTRFS_SIZE='1536M'
LAB_WAIT_SECONDS="${LAB_WAIT_SECONDS:-60}"
LAB_STOP_SECONDS="${LAB_STOP_SECONDS:-20}"
LAB_DOCKER_TIMEOUT="${LAB_DOCKER_TIMEOUT:-60}"
# Every daemon holds exactly these containers after up.sh (name, then state, sorted by name).
LAB_BASELINE=$'lab-created created\nlab-exited exited\nlab-running-1 running\nlab-running-2 running'
LAB_PACKAGES=(docker.io containerd runc openssh-server openssh-client btrfs-progs busybox-static
  openssl python3 util-linux mount procps coreutils tar)

# The docker CLI must talk to the daemon we name with -H, nothing else.
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH DOCKER_TLS
export DOCKER_CONFIG="$LAB_DIR/docker-cli"

lab_log() { printf '[lab %3ss] %s\n' "$SECONDS" "$*" >&2; }
lab_die() {
  printf '[lab] error: %s\n' "$*" >&2
  exit 1
}

lab_require_root() {
  [[ $EUID -eq 0 ]] || lab_die "run as root: the lab starts dockerd and sshd, mounts a loop device and manages the user $LAB_USER"
}

lab_check_dir() {
  [[ $LAB_DIR == /?* ]] || lab_die "BERTH_LAB_DIR must be an absolute path (got '$LAB_DIR')"
  [[ $LAB_DIR =~ ^/[A-Za-z0-9._/-]+$ ]] ||
    lab_die "BERTH_LAB_DIR may hold only letters, digits and . _ - / (got '$LAB_DIR')"
  ((${#LAB_DIR} <= 50)) ||
    lab_die "BERTH_LAB_DIR is ${#LAB_DIR} characters long; keep it within 50 so unix socket paths inside stay under 100"
  case "$LAB_DIR" in
    / | /bin | /boot | /dev | /etc | /home | /lib* | /opt | /proc | /root | /run | /sbin | /srv | /sys | /tmp | /usr | /usr/* | /var)
      lab_die "refusing to use '$LAB_DIR' as the lab dir" ;;
  esac
}

# Serializes up.sh, down.sh and ctl.sh stop/start/restart/reset on one lab dir: test files in
# several processes may restart the same daemon at once. The lock lives next to the lab dir so
# down.sh never deletes a lock someone waits on. Daemons are started with fd 9 closed.
lab_lock() {
  exec 9>>"$LAB_LOCK"
  flock -w 300 9 || lab_die "another lab script has held $LAB_LOCK for 5 minutes"
}

lab_check_daemon() {
  [[ -n ${LAB_DRIVER[${1:-}]+x} ]] || lab_die "unknown lab daemon '${1:-}' (expected one of: ${LAB_DAEMONS[*]})"
}

lab_install_packages() {
  local p missing=()
  for p in "${LAB_PACKAGES[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) == installed ]] || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  lab_log "installing missing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- processes -------------------------------------------------------------------------------

# True if pid $1 exists and is not a zombie.
lab_alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# Prints the pid recorded in pidfile $1 if that process is alive and its name is $2.
lab_pid_from() {
  local pid
  [[ -s $1 ]] || return 1
  pid=$(tr -cd '0-9' <"$1")
  [[ -n $pid ]] && lab_alive "$pid" || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$2" ]] || return 1
  printf '%s' "$pid"
}

# Waits up to $2 seconds for pid $1 to be gone.
lab_wait_gone() {
  local deadline=$((SECONDS + $2))
  while lab_alive "$1"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# SIGTERM pid $1 (named $2 in messages), then SIGKILL after $3 seconds.
lab_terminate() {
  kill -TERM "$1" 2>/dev/null || return 0
  lab_wait_gone "$1" "$3" && return 0
  lab_log "$2 (pid $1) still running after $3s: sending SIGKILL"
  kill -KILL "$1" 2>/dev/null || true
  lab_wait_gone "$1" 5 || lab_log "$2 (pid $1) survived SIGKILL"
}

lab_children() { ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' ' || true; }

# True if the command line of pid $1 holds argument $2 directly followed by argument $3 (exact
# match, so a lab dir never matches a longer path that merely contains it).
lab_argv_has() {
  local i argv=()
  mapfile -d '' -t argv 2>/dev/null <"/proc/$1/cmdline" || return 1
  for ((i = 0; i + 1 < ${#argv[@]}; i++)); do
    [[ ${argv[i]} == "$2" && ${argv[i + 1]} == "$3" ]] && return 0
  done
  return 1
}

lab_port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$LAB_HOST/$1" 2>/dev/null; }

# Runs "$fn name" for every name in parallel; fails naming those that failed.
lab_parallel() {
  local fn=$1 n failed=()
  shift
  local -A pids=()
  for n in "$@"; do
    "$fn" "$n" &
    pids[$n]=$!
  done
  for n in "$@"; do wait "${pids[$n]}" || failed+=("$n"); done
  ((${#failed[@]} == 0)) || lab_die "$fn failed for: ${failed[*]}"
}

# Fails if something else already listens on a lab port (say, a lab whose dir was deleted while
# it ran: its processes must be stopped by hand, by the pids that `ss -ltnp` shows).
lab_check_ports_free() {
  local port
  for port in "${LAB_TCP_PORT[@]}" "$LAB_SSH_PORT" "${LAB_SSH_JUMP_PORTS[@]}"; do
    if lab_port_open "$port"; then
      lab_die "$LAB_HOST:$port is already in use by something this lab did not start (see: ss -ltnp 'sport = :$port')"
    fi
  done
}

# --- whole lab -------------------------------------------------------------------------------

# True when every piece of the lab is running and answering; logs the first thing that is not.
lab_is_healthy() {
  local f n driver port
  [[ -f $LAB_MARKER ]] || return 1
  for f in "$LAB_PKI/client/cert.pem" "$LAB_PKI/server-key.pem" "$LAB_PKI/rogue/cert.pem" \
    "$LAB_PKI/wrong-san/cert.pem" "$LAB_PKI/expired/cert.pem" "$LAB_SSHD/password" \
    "$LAB_SSHD/id_ed25519_wrong" "$LAB_SSHD/known_hosts" "$LAB_DIR/image/busybox.tar"; do
    [[ -s $f ]] || { lab_log "not healthy: $f is missing" && return 1; }
  done
  [[ -S $LAB_SSHD/forbidden.sock ]] || { lab_log "not healthy: no forbidden.sock" && return 1; }
  id -u "$LAB_USER" >/dev/null 2>&1 || { lab_log "not healthy: no user $LAB_USER" && return 1; }
  mountpoint -q "$LAB_DIR/btrfs/data" || { lab_log "not healthy: btrfs is not mounted" && return 1; }
  for n in "${LAB_DAEMONS[@]}"; do
    lab_pid_from "$LAB_DIR/$n/dockerd.pid" dockerd >/dev/null || { lab_log "not healthy: $n dockerd is not running" && return 1; }
    driver=$(LAB_DOCKER_TIMEOUT=10 lab_docker "$n" info --format '{{.Driver}}' 2>/dev/null) || driver='(no answer)'
    [[ $driver == "${LAB_DRIVER[$n]}" ]] || { lab_log "not healthy: $n reports driver $driver" && return 1; }
  done
  if ! lab_pid_from "$LAB_SSHD/sshd.pid" sshd >/dev/null || ! lab_port_open "$LAB_SSH_PORT"; then
    lab_log "not healthy: sshd is not answering"
    return 1
  fi
  for port in "${LAB_SSH_JUMP_PORTS[@]}"; do
    lab_port_open "$port" || { lab_log "not healthy: sshd does not listen on the jump port $port" && return 1; }
  done
}

# Stops everything the lab started, unmounts what it mounted and removes the lab dir.
lab_down() {
  local n m dev
  if [[ ! -e $LAB_DIR ]]; then
    lab_log "no lab at $LAB_DIR: nothing to tear down"
    return 0
  fi
  if [[ ! -f $LAB_MARKER ]]; then
    rmdir "$LAB_DIR" 2>/dev/null && return 0
    lab_die "$LAB_DIR is not a Berth lab (no .berth-lab marker): leaving it alone"
  fi
  lab_stop_sshd
  lab_install_down
  for n in "${LAB_DAEMONS[@]}"; do lab_stop_dockerd "$n" & done
  wait
  # Deepest first: the btrfs data root and anything a killed dockerd left behind.
  while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" || lab_log "could not unmount $m"
  done < <(awk -v dir="$LAB_DIR" '$5 == dir || index($5, dir "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r)
  if [[ -f $LAB_DIR/btrfs/disk.img ]]; then
    for dev in $(losetup -j "$LAB_DIR/btrfs/disk.img" 2>/dev/null | cut -d: -f1); do losetup -d "$dev" || true; done
  fi
  rm -rf --one-file-system "$LAB_DIR"
  lab_log "lab at $LAB_DIR torn down"
}

# A fresh lab dir with every credential and config file, but nothing running yet.
lab_create() {
  mkdir -p "$LAB_DIR"
  chmod 0755 "$LAB_DIR"
  : >"$LAB_MARKER"
  mkdir -p "$LAB_DIR/image" "$DOCKER_CONFIG" "${LAB_DAEMONS[@]/#/$LAB_DIR/}"
  lab_make_pki
  lab_make_ssh
  lab_ensure_user
  lab_build_image_tar
}

# --- the parts -------------------------------------------------------------------------------

LAB_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=e2e/lab/lib-docker.sh
source "$LAB_SCRIPTS/lib-docker.sh"
# shellcheck source=e2e/lab/lib-pki.sh
source "$LAB_SCRIPTS/lib-pki.sh"
# shellcheck source=e2e/lab/lib-sshd.sh
source "$LAB_SCRIPTS/lib-sshd.sh"
# shellcheck source=e2e/lab/lib-manifest.sh
source "$LAB_SCRIPTS/lib-manifest.sh"
# shellcheck source=e2e/lab/lib-install.sh
source "$LAB_SCRIPTS/lib-install.sh"
# shellcheck source=e2e/lab/lib-cleanup.sh
source "$LAB_SCRIPTS/lib-cleanup.sh"
