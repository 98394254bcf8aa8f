# shellcheck shell=bash
# The Berth lab: the docker CLI, starting and stopping dockerd, the busybox image and the
# baseline containers. Sourced by lib.sh; defines functions only.

# --- docker CLI ------------------------------------------------------------------------------

# Sets LAB_HOST_ARGS to the docker CLI flags that reach daemon $1.
lab_docker_host_args() {
  lab_check_daemon "$1"
  case $1 in
    tcp | btrfs | cleanup) LAB_HOST_ARGS=(-H "tcp://$LAB_HOST:${LAB_TCP_PORT[$1]}") ;;
    tls) LAB_HOST_ARGS=(-H "tcp://$LAB_HOST:${LAB_TCP_PORT[tls]}" --tlsverify
      --tlscacert "$LAB_PKI/client/ca.pem" --tlscert "$LAB_PKI/client/cert.pem" --tlskey "$LAB_PKI/client/key.pem") ;;
    ssh | vfs) LAB_HOST_ARGS=(-H "unix://$LAB_DIR/$1/docker.sock") ;;
  esac
}

# lab_docker <daemon> <docker args…>: the docker CLI against one lab daemon, bounded in time.
lab_docker() {
  local n=$1
  shift
  lab_docker_host_args "$n"
  timeout "$LAB_DOCKER_TIMEOUT" docker "${LAB_HOST_ARGS[@]}" "$@"
}

# --- dockerd ---------------------------------------------------------------------------------

# Sets LAB_DOCKERD_ARGS to the flags daemon $1 always runs with (up.sh and ctl.sh alike).
lab_dockerd_args() {
  local n=$1 d="$LAB_DIR/$1"
  LAB_DOCKERD_ARGS=(
    --config-file "$d/daemon.json"
    --data-root "$d/data" --exec-root "$d/x" --pidfile "$d/dockerd.pid"
    --storage-driver "${LAB_DRIVER[$n]}"
    --bridge=none --iptables=false --ip6tables=false --ip-masq=false --ip-forward=false --userland-proxy=false
    --containerd-namespace "berth-lab-$n" --containerd-plugins-namespace "berth-lab-$n-plugins"
    --cgroup-parent "/berth-lab-$n"
    --shutdown-timeout 5
  )
  case $n in
    tcp | btrfs) LAB_DOCKERD_ARGS+=(-H "tcp://$LAB_HOST:${LAB_TCP_PORT[$n]}") ;;
    tls) LAB_DOCKERD_ARGS+=(--tlsverify --tlscacert "$LAB_PKI/ca.pem"
      --tlscert "$LAB_PKI/server-cert.pem" --tlskey "$LAB_PKI/server-key.pem"
      -H "tcp://$LAB_HOST:${LAB_TCP_PORT[tls]}") ;;
    ssh) LAB_DOCKERD_ARGS+=(-H "unix://$d/docker.sock" --group "$LAB_USER") ;;
    vfs) LAB_DOCKERD_ARGS+=(-H "unix://$d/docker.sock") ;;
    # tcp for the docker CLI and tcp tests, the socket (group = the lab user) for the SSH path.
    cleanup) LAB_DOCKERD_ARGS+=(-H "tcp://$LAB_HOST:${LAB_TCP_PORT[cleanup]}" -H "unix://$d/docker.sock" --group "$LAB_USER") ;;
  esac
}

lab_mount_btrfs() {
  local b="$LAB_DIR/btrfs"
  mountpoint -q "$b/data" 2>/dev/null && return 0
  mkdir -p "$b/data"
  if [[ ! -s $b/disk.img ]]; then
    truncate -s "$LAB_BTRFS_SIZE" "$b/disk.img"
    mkfs.btrfs -q -L berth-lab "$b/disk.img" >/dev/null
  fi
  mount -o loop "$b/disk.img" "$b/data"
}

# Prints the pid of daemon $1's dockerd if it runs. launch.pid also covers a dockerd that has not
# written its pid file yet (or never will, because a script was killed while it started).
lab_dockerd_pid() {
  lab_pid_from "$LAB_DIR/$1/dockerd.pid" dockerd || lab_pid_from "$LAB_DIR/$1/launch.pid" dockerd
}

# Starts dockerd for daemon $1 in the background (no wait). Engine 20.10 derives the daemon ID
# from /etc/docker/key.json, so each lab dockerd runs in its own mount namespace with its own
# dir bind-mounted over /etc/docker: every lab daemon gets its own ID, and the host's
# /etc/docker is never written. Container mounts stay inside that namespace too.
lab_launch_dockerd() {
  local n=$1 d="$LAB_DIR/$1"
  lab_check_daemon "$n"
  if lab_dockerd_pid "$n" >/dev/null; then
    lab_log "$n: dockerd is already running"
    return 0
  fi
  mkdir -p "$d/etc" /etc/docker
  [[ -f $d/daemon.json ]] || printf '{}\n' >"$d/daemon.json"
  [[ $n != btrfs ]] || lab_mount_btrfs
  lab_clean_dead_dockerd "$n"
  lab_dockerd_args "$n"
  lab_log "$n: starting dockerd (${LAB_DRIVER[$n]}), log in $d/dockerd.log"
  # shellcheck disable=SC2016 # $1 and $@ belong to the inner sh
  setsid unshare --mount --propagation slave -- /bin/sh -c 'mount --bind "$1" /etc/docker && shift && exec "$@"' \
    lab-dockerd "$d/etc" dockerd "${LAB_DOCKERD_ARGS[@]}" </dev/null >>"$d/dockerd.log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$d/launch.pid"
}

# Waits (bounded) until daemon $1 answers its API.
lab_wait_dockerd() {
  local n=$1 d="$LAB_DIR/$1" pid deadline=$((SECONDS + LAB_WAIT_SECONDS))
  pid=$(tr -cd '0-9' 2>/dev/null <"$d/launch.pid" || true)
  until LAB_DOCKER_TIMEOUT=5 lab_docker "$n" version --format '{{.Server.Version}}' >/dev/null 2>&1; do
    if [[ -n $pid ]] && ! lab_alive "$pid"; then
      lab_die "$n: dockerd exited while starting; see $d/dockerd.log, which ends with:
$(tail -n 12 "$d/dockerd.log" 2>/dev/null)"
    fi
    ((SECONDS < deadline)) || lab_die "$n: dockerd did not answer within ${LAB_WAIT_SECONDS}s; see $d/dockerd.log"
    sleep 0.2
  done
  lab_log "$n: dockerd is up"
}

lab_start_dockerd() {
  lab_launch_dockerd "$1"
  lab_wait_dockerd "$1"
}

# Stops daemon $1: SIGTERM (dockerd stops its containers and its containerd), SIGKILL after a bound.
lab_stop_dockerd() {
  local pid
  if pid=$(lab_dockerd_pid "$1"); then
    lab_log "$1: stopping dockerd (pid $pid)"
    lab_terminate "$pid" "$1 dockerd" "$LAB_STOP_SECONDS"
  fi
  lab_clean_dead_dockerd "$1"
}

# Clears what a dockerd of daemon $1 leaves when it dies without stopping (SIGKILL, crash), as a
# crashed host would have: its containerd dies with it (parent-death signal), but the shims and
# their containers live on, and x/containerd/containerd.pid still names the dead containerd.
# dockerd 20.10 trusts that pid as long as kill(pid, 0) succeeds, which holds for a zombie that
# no init has reaped yet and for a reused pid: it then waits for a containerd that never answers
# ("timeout waiting for containerd to start"). Live shims make it kill their containers as
# "manually stopped", so unless-stopped ones stay down. (A stale dockerd.pid whose pid was reused
# stops dockerd too.) Processes are told apart by their exact --config / -address argument, never
# by name alone; only call this with no dockerd of $1 running.
lab_clean_dead_dockerd() {
  local n=$1 c="$LAB_DIR/$1/x/containerd" pid child gone=()
  if pid=$(lab_pid_from "$c/containerd.pid" containerd) && lab_argv_has "$pid" --config "$c/containerd.toml"; then
    lab_terminate "$pid" "$n containerd" 10
  fi
  for pid in $(pgrep -x containerd-shim || true); do
    lab_argv_has "$pid" -address "$c/containerd.sock" || continue
    lab_log "$n: killing containerd-shim $pid and its container processes (left by a dead dockerd)"
    for child in $(lab_children "$pid"); do
      kill -KILL "$child" 2>/dev/null && gone+=("$child")
    done
    kill -KILL "$pid" 2>/dev/null && gone+=("$pid")
  done
  for pid in "${gone[@]}"; do lab_wait_gone "$pid" 5 || lab_log "$n: process $pid survived SIGKILL"; done
  rm -f "$LAB_DIR/$n/dockerd.pid" "$LAB_DIR/$n/launch.pid" "$c/containerd.pid" "$c"/*.sock "$c"/*.sock.ttrpc
}

# --- image and containers ----------------------------------------------------------------------

lab_busybox_binary() {
  local bb
  bb=$(dpkg -L busybox-static 2>/dev/null | grep -m1 -E '/bin/busybox$' || true)
  [[ -n $bb && -x $bb ]] || lab_die "busybox-static is not installed (no static /bin/busybox)"
  printf '%s' "$bb"
}

# image/busybox.tar: /bin/busybox from busybox-static plus a symlink for each applet.
lab_build_image_tar() {
  local t="$LAB_DIR/image/busybox.tar" r="$LAB_DIR/image/rootfs" a
  [[ -s $t ]] && return 0
  rm -rf "$r"
  mkdir -p "$r"/{bin,etc,tmp,proc,sys,dev,root}
  cp "$(lab_busybox_binary)" "$r/bin/busybox"
  for a in $("$r/bin/busybox" --list); do
    [[ $a == busybox || -e $r/bin/$a ]] || ln -s busybox "$r/bin/$a"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$r/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$r/etc/group"
  chmod 1777 "$r/tmp"
  tar --numeric-owner --owner=0 --group=0 -C "$r" -cf "$t.tmp" .
  mv "$t.tmp" "$t"
  rm -rf "$r"
}

lab_ensure_image() {
  lab_docker "$1" image inspect "$LAB_IMAGE" >/dev/null 2>&1 && return 0
  lab_docker "$1" import --change 'CMD ["sh"]' --message 'Berth lab busybox' \
    "$LAB_DIR/image/busybox.tar" "$LAB_IMAGE" >/dev/null
}

# lab_run_container <daemon> [name]: one more long-running container; prints its id.
lab_run_container() {
  local args=(run -d --network none --restart unless-stopped --stop-timeout 1 --label "$LAB_LABEL")
  [[ -z ${2:-} ]] || args+=(--name "$2")
  lab_docker "$1" "${args[@]}" "$LAB_IMAGE" sleep 1000000
}

# Brings daemon $1 back to the baseline: the image, 2 running, 1 exited, 1 created container.
# Running ones restart with their daemon (unless-stopped), so ctl.sh restart keeps the counts.
lab_reset_containers() {
  local n=$1 have pid ids=()
  lab_ensure_image "$n"
  have=$(lab_docker "$n" ps -a --format '{{.Names}} {{.State}}' | sort)
  [[ $have == "$LAB_BASELINE" ]] && return 0
  mapfile -t ids < <(lab_docker "$n" ps -aq)
  ((${#ids[@]} == 0)) || lab_docker "$n" rm -f "${ids[@]}" >/dev/null
  local pids=()
  lab_run_container "$n" lab-running-1 >/dev/null &
  pids+=($!)
  lab_run_container "$n" lab-running-2 >/dev/null &
  pids+=($!)
  lab_docker "$n" run -d --name lab-exited --network none --label "$LAB_LABEL" "$LAB_IMAGE" true >/dev/null &
  pids+=($!)
  lab_docker "$n" create --name lab-created --network none --stop-timeout 1 --label "$LAB_LABEL" \
    "$LAB_IMAGE" sleep 1000000 >/dev/null &
  pids+=($!)
  for pid in "${pids[@]}"; do wait "$pid" || lab_die "$n: could not create the baseline containers"; done
  lab_docker "$n" wait lab-exited >/dev/null
  lab_log "$n: baseline containers created"
}
