# shellcheck shell=bash
# The Berth lab's cleanup daemon: a dockerd (overlay2) that prune tests may empty, reached over tcp
# (127.0.0.1:23752) and through the lab sshd (its socket's group is the lab user). ctl.sh
# prepare-cleanup fills it with what a prune removes and what it must keep (names in manifest.ts).
# Sourced by lib.sh; defines functions only.

LAB_CLEANUP_LABEL='berth.cleanup=1'

# Removes every container, volume, custom network and image but the lab image from daemon $1.
lab_cleanup_clear() {
  local n=$1 ids=() keep
  mapfile -t ids < <(lab_docker "$n" ps -aq)
  ((${#ids[@]} == 0)) || lab_docker "$n" rm -f "${ids[@]}" >/dev/null
  mapfile -t ids < <(lab_docker "$n" volume ls -q)
  ((${#ids[@]} == 0)) || lab_docker "$n" volume rm -f "${ids[@]}" >/dev/null
  mapfile -t ids < <(lab_docker "$n" network ls -q --filter type=custom)
  ((${#ids[@]} == 0)) || lab_docker "$n" network rm "${ids[@]}" >/dev/null
  lab_ensure_image "$n"
  keep=$(lab_docker "$n" image inspect --format '{{.Id}}' "$LAB_IMAGE")
  mapfile -t ids < <(lab_docker "$n" images -aq --no-trunc | sort -u | grep -vx "$keep" || true)
  ((${#ids[@]} == 0)) || lab_docker "$n" rmi -f "${ids[@]}" >/dev/null
}

# lab_cleanup_import <daemon> <bytes> [tag]: imports a one-file image of random bytes (its own
# layer, shared with nothing); untagged it is dangling.
lab_cleanup_import() {
  local n=$1 bytes=$2 tag=${3:-} t
  t=$(mktemp -d "$LAB_DIR/cleanup/import.XXXXXX")
  head -c "$bytes" /dev/urandom >"$t/blob"
  tar --numeric-owner --owner=0 --group=0 -C "$t" -cf "$t/layer.tar" blob
  lab_docker "$n" import --message 'Berth lab cleanup' "$t/layer.tar" ${tag:+"$tag"} >/dev/null
  rm -rf "$t"
}

# Puts the cleanup daemon in its prepared state:
#   stopped containers   lab-exited, lab-created, cleanup-exited-writer (256 KiB in its layer)
#   kept containers      lab-running-1, lab-running-2, cleanup-user (running; mounts cleanup-in-use,
#                        attached to cleanup-in-use-net)
#   dangling images      two untagged imports (64 KiB and 128 KiB of random bytes)
#   unused tagged image  berth-lab/cleanup-unused:1 (192 KiB); berth-lab/busybox is in use
#   unused volumes       cleanup-unused (named, 128 KiB) and one anonymous volume
#   unused network       cleanup-unused-net; cleanup-in-use-net has an endpoint
lab_prepare_cleanup() {
  local n=cleanup label=(--label "$LAB_LABEL" --label "$LAB_CLEANUP_LABEL")
  lab_cleanup_clear "$n"
  lab_reset_containers "$n"
  lab_docker "$n" run --name cleanup-exited-writer --network none "${label[@]}" "$LAB_IMAGE" \
    sh -c 'head -c 262144 /dev/urandom > /blob' >/dev/null
  lab_cleanup_import "$n" 65536
  lab_cleanup_import "$n" 131072
  lab_cleanup_import "$n" 196608 berth-lab/cleanup-unused:1
  lab_docker "$n" volume create "${label[@]}" cleanup-unused >/dev/null
  lab_docker "$n" run --rm --network none -v cleanup-unused:/d "$LAB_IMAGE" sh -c 'head -c 131072 /dev/urandom > /d/blob'
  # An anonymous volume outlives its container when the container is removed without -v.
  local anonymous
  anonymous=$(lab_docker "$n" create --network none -v /data "$LAB_IMAGE" true)
  lab_docker "$n" rm "$anonymous" >/dev/null
  lab_docker "$n" volume create "${label[@]}" cleanup-in-use >/dev/null
  lab_docker "$n" network create --internal "${label[@]}" cleanup-unused-net >/dev/null
  lab_docker "$n" network create --internal "${label[@]}" cleanup-in-use-net >/dev/null
  lab_docker "$n" run -d --name cleanup-user --network cleanup-in-use-net -v cleanup-in-use:/data \
    --restart unless-stopped --stop-timeout 1 "${label[@]}" "$LAB_IMAGE" sleep 1000000 >/dev/null
  lab_log "cleanup: prepared (stopped containers, dangling and unused images, unused volumes and network)"
}

lab_cleanup_json() {
  local d="$LAB_DIR/cleanup" port=${LAB_TCP_PORT[cleanup]}
  printf '  "cleanup": {\n    "name": "cleanup",\n    "driver": "%s",\n    "endpoint": "tcp://%s:%s",\n' \
    "${LAB_DRIVER[cleanup]}" "$LAB_HOST" "$port"
  printf '    "transport": { "type": "tcp", "host": "%s", "port": %s },\n' "$LAB_HOST" "$port"
  printf '    "sshTransport": { "type": "ssh", "host": "%s", "port": %s, "user": "%s", "auth": { "method": "key", "keyPath": "%s" }, "remoteSocket": "%s" },\n' \
    "$LAB_HOST" "$LAB_SSH_PORT" "$LAB_USER" "$LAB_SSHD/id_ed25519" "$d/docker.sock"
  printf '    "socket": "%s",\n    "dataRoot": "%s",\n    "pidfile": "%s",\n    "logFile": "%s"\n  }' \
    "$d/docker.sock" "$d/data" "$d/dockerd.pid" "$d/dockerd.log"
}
