# shellcheck shell=bash
# The Berth lab: the install target, a plain vfs dockerd that the TLS wizard's "Install over SSH"
# step reconfigures through the lab sshd, as it would a real host. Sourced by lib.sh; defines
# variables and functions only.
#
#   install/          root's: dockerd.pid, launch.pid, dockerd.log, data/, x/, etc/ (bind-mounted
#                     over /etc/docker for this dockerd), docker.sock, restart.sh
#   install/docker/   the lab user's, as /etc/docker is an admin's: daemon.json, and whatever the
#                     wizard writes (tls/ for the certificates, backups, systemd/ for a drop-in)
#
# dockerd runs with --config-file install/docker/daemon.json and no -H flag, so "hosts" in that
# file decides where it listens (initially only install/docker.sock). The lab user may run
# install/restart.sh as root with `sudo -n` (a sudoers drop-in allows that one script, without
# arguments): it restarts only this dockerd, with the same flags, and fails as
# `systemctl restart docker` does when dockerd does not come up.

LAB_INSTALL="$LAB_DIR/install"
LAB_INSTALL_CONF="$LAB_INSTALL/docker"
LAB_INSTALL_SOCKET="$LAB_INSTALL/docker.sock"
# Where the wizard is told to make dockerd listen with TLS (127.0.0.1 only).
LAB_INSTALL_TLS_PORT=23770
# One drop-in per lab dir; sudo skips names holding a dot, so the temporary file has one.
LAB_INSTALL_SUDOERS="/etc/sudoers.d/berth-lab-install-$(printf '%s' "$LAB_DIR" | md5sum | cut -c1-10)"
LAB_PACKAGES+=(sudo)

lab_install_plain_json() { printf '{\n  "hosts": ["unix://%s"]\n}' "$LAB_INSTALL_SOCKET"; }

# lab_install_docker <docker args…>: the docker CLI against the install target's unix socket.
lab_install_docker() { timeout "$LAB_DOCKER_TIMEOUT" docker -H "unix://$LAB_INSTALL_SOCKET" "$@"; }

lab_install_pid() {
  lab_pid_from "$LAB_INSTALL/dockerd.pid" dockerd || lab_pid_from "$LAB_INSTALL/launch.pid" dockerd
}

# Dirs, owners, restart.sh and the sudoers drop-in. Idempotent.
lab_install_prepare() {
  mkdir -p "$LAB_INSTALL/etc" "$LAB_INSTALL_CONF" /etc/docker
  chown root:root "$LAB_INSTALL"
  chmod 0755 "$LAB_INSTALL"
  chown "$LAB_USER:$LAB_USER" "$LAB_INSTALL_CONF"
  chmod 0755 "$LAB_INSTALL_CONF"
  lab_install_write_restart_script
  lab_install_write_sudoers
}

lab_install_write_restart_script() {
  local tmp="$LAB_INSTALL/restart.sh.tmp"
  {
    printf '#!/bin/bash\n'
    printf '# Written by e2e/lab/lib-install.sh: restarts the Berth lab install target dockerd (and nothing\n'
    printf '# else) with its usual flags, as "systemctl restart docker" would on a real host.\n'
    printf 'set -euo pipefail\n'
    printf 'export BERTH_LAB_DIR=%q\n' "$LAB_DIR"
    printf 'source %q\n' "$LAB_SCRIPTS/lib.sh"
    printf 'lab_lock\nlab_install_restart\n'
  } >"$tmp"
  chown root:root "$tmp"
  chmod 0755 "$tmp"
  mv -f "$tmp" "$LAB_INSTALL/restart.sh"
}

lab_install_write_sudoers() {
  local tmp="$LAB_INSTALL_SUDOERS.tmp"
  mkdir -p /etc/sudoers.d
  # "" after the command: no arguments allowed.
  printf '# Berth lab at %s: %s may restart the install target dockerd, nothing else.\n%s ALL=(root) NOPASSWD: %s ""\n' \
    "$LAB_DIR" "$LAB_USER" "$LAB_USER" "$LAB_INSTALL/restart.sh" >"$tmp"
  chmod 0440 "$tmp"
  if ! visudo -c -q -f "$tmp" >/dev/null; then
    rm -f "$tmp"
    lab_die "visudo rejects the install target's sudoers drop-in"
  fi
  mv -f "$tmp" "$LAB_INSTALL_SUDOERS"
}

# Sets LAB_INSTALL_ARGS to the flags the install target always runs with.
lab_install_dockerd_args() {
  LAB_INSTALL_ARGS=(
    --config-file "$LAB_INSTALL_CONF/daemon.json"
    --data-root "$LAB_INSTALL/data" --exec-root "$LAB_INSTALL/x" --pidfile "$LAB_INSTALL/dockerd.pid"
    --storage-driver vfs
    --bridge=none --iptables=false --ip6tables=false --ip-masq=false --ip-forward=false --userland-proxy=false
    --containerd-namespace berth-lab-install --containerd-plugins-namespace berth-lab-install-plugins
    --cgroup-parent /berth-lab-install
    --shutdown-timeout 5
  )
}

# Starts dockerd in the background, in its own mount namespace with install/etc over /etc/docker
# (its own key.json, as the other lab daemons do).
lab_install_launch() {
  rm -f "$LAB_INSTALL/dockerd.pid"
  lab_install_dockerd_args
  lab_log "install: starting dockerd (vfs), log in $LAB_INSTALL/dockerd.log"
  # shellcheck disable=SC2016 # $1 and $@ belong to the inner sh
  setsid unshare --mount --propagation slave -- /bin/sh -c 'mount --bind "$1" /etc/docker && shift && exec "$@"' \
    lab-dockerd "$LAB_INSTALL/etc" dockerd "${LAB_INSTALL_ARGS[@]}" </dev/null >>"$LAB_INSTALL/dockerd.log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$LAB_INSTALL/launch.pid"
}

# Waits (bounded) until dockerd answers on its unix socket; fails with the log's tail if it exits.
lab_install_wait() {
  local pid deadline=$((SECONDS + LAB_WAIT_SECONDS))
  pid=$(tr -cd '0-9' 2>/dev/null <"$LAB_INSTALL/launch.pid" || true)
  until LAB_DOCKER_TIMEOUT=5 lab_install_docker version --format '{{.Server.Version}}' >/dev/null 2>&1; do
    if [[ -n $pid ]] && ! lab_alive "$pid"; then
      lab_log "install: dockerd exited while starting; $LAB_INSTALL/dockerd.log ends with:"
      tail -n 6 "$LAB_INSTALL/dockerd.log" >&2 || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      lab_log "install: dockerd did not answer on $LAB_INSTALL_SOCKET within ${LAB_WAIT_SECONDS}s; see $LAB_INSTALL/dockerd.log"
      return 1
    fi
    sleep 0.2
  done
  lab_log "install: dockerd is up"
}

# Stops dockerd (SIGTERM, SIGKILL after a bound), then clears what a killed one leaves behind (see
# lab_clean_dead_dockerd): its containerd, whose stale pid file would stall the next start.
lab_install_stop() {
  local pid c="$LAB_INSTALL/x/containerd"
  if pid=$(lab_install_pid); then
    lab_log "install: stopping dockerd (pid $pid)"
    lab_terminate "$pid" "install dockerd" "$LAB_STOP_SECONDS"
  fi
  if pid=$(lab_pid_from "$c/containerd.pid" containerd) && lab_argv_has "$pid" --config "$c/containerd.toml"; then
    lab_terminate "$pid" "install containerd" 10
  fi
  rm -f "$LAB_INSTALL/dockerd.pid" "$LAB_INSTALL/launch.pid" "$c/containerd.pid" "$c"/*.sock "$c"/*.sock.ttrpc
}

# What restart.sh runs (as root, holding the lab lock).
lab_install_restart() {
  lab_install_stop
  lab_install_launch
  if ! lab_install_wait; then
    lab_log "install: the restart failed: dockerd is not running"
    return 1
  fi
}

# Back to a plain daemon: daemon.json with only the unix socket, nothing else in install/docker,
# dockerd running with it and nothing on the TLS port. Restarts dockerd only when needed.
lab_install_reset() {
  local plain driver
  lab_install_prepare
  plain=$(lab_install_plain_json)
  local current=''
  [[ ! -f $LAB_INSTALL_CONF/daemon.json ]] || current=$(cat "$LAB_INSTALL_CONF/daemon.json")
  find "$LAB_INSTALL_CONF" -mindepth 1 -delete
  printf '%s\n' "$plain" >"$LAB_INSTALL_CONF/daemon.json"
  chown "$LAB_USER:$LAB_USER" "$LAB_INSTALL_CONF/daemon.json"
  chmod 0644 "$LAB_INSTALL_CONF/daemon.json"
  if [[ $current == "$plain" ]] && lab_install_pid >/dev/null && ! lab_port_open "$LAB_INSTALL_TLS_PORT" &&
    LAB_DOCKER_TIMEOUT=5 lab_install_docker version >/dev/null 2>&1; then
    lab_log "install: already plain and running"
  else
    lab_install_stop
    if lab_port_open "$LAB_INSTALL_TLS_PORT"; then
      lab_die "$LAB_HOST:$LAB_INSTALL_TLS_PORT is in use by something this lab did not start (see: ss -ltnp 'sport = :$LAB_INSTALL_TLS_PORT')"
    fi
    lab_install_launch
    lab_install_wait || lab_die "install: dockerd did not start; see $LAB_INSTALL/dockerd.log"
  fi
  driver=$(lab_install_docker info --format '{{.Driver}}') || lab_die "install: dockerd does not answer docker info"
  [[ $driver == vfs ]] || lab_die "install: dockerd reports driver '$driver', not vfs"
}

# Stops the install target and removes its sudoers drop-in (lab_down removes the rest).
lab_install_down() {
  lab_install_stop
  rm -f "$LAB_INSTALL_SUDOERS" "$LAB_INSTALL_SUDOERS.tmp"
}

# The manifest's "install" entry (see manifest.ts), without a trailing comma or newline.
lab_install_json() {
  printf '  "install": {\n    "host": "%s",\n    "daemonJsonPath": "%s",\n    "remoteDir": "%s",\n' \
    "$LAB_HOST" "$LAB_INSTALL_CONF/daemon.json" "$LAB_INSTALL_CONF/tls"
  printf '    "restartCommand": "sudo -n %s",\n    "tlsPort": %s,\n    "socket": "%s",\n' \
    "$LAB_INSTALL/restart.sh" "$LAB_INSTALL_TLS_PORT" "$LAB_INSTALL_SOCKET"
  printf '    "systemdDropInPath": "%s",\n    "pidfile": "%s",\n    "logFile": "%s"\n  }' \
    "$LAB_INSTALL_CONF/systemd/berth-tls.conf" "$LAB_INSTALL/dockerd.pid" "$LAB_INSTALL/dockerd.log"
}
