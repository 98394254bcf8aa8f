# shellcheck shell=bash
# The Berth lab: manifest.json, the file tests read (see manifest.ts).
# Sourced by lib.sh; defines functions only.

# --- manifest --------------------------------------------------------------------------------

lab_json_daemon() { # name endpoint transport-json
  local d="$LAB_DIR/$1"
  printf '    "%s": {\n      "name": "%s",\n      "driver": "%s",\n      "endpoint": "%s",\n' \
    "$1" "$1" "${LAB_DRIVER[$1]}" "$2"
  printf '      "transport": %s,\n      "pidfile": "%s",\n      "logFile": "%s",\n' \
    "$3" "$d/dockerd.pid" "$d/dockerd.log"
  printf '      "containers": { "total": 4, "running": 2, "paused": 0, "stopped": 2 }\n    }'
}

lab_write_manifest() {
  local s=$LAB_SSHD p=$LAB_PKI tmp="$LAB_MANIFEST.tmp"
  local tcp="tcp://$LAB_HOST" pem='{ "kind": "path", "path": "%s" }'
  local tls_transport ssh_transport
  # shellcheck disable=SC2059 # $pem is a format on purpose
  tls_transport=$(printf "{ \"type\": \"tls\", \"host\": \"%s\", \"port\": %s, \"ca\": $pem, \"cert\": $pem, \"key\": $pem }" \
    "$LAB_HOST" "${LAB_TCP_PORT[tls]}" "$p/client/ca.pem" "$p/client/cert.pem" "$p/client/key.pem")
  ssh_transport=$(printf '{ "type": "ssh", "host": "%s", "port": %s, "user": "%s", "auth": { "method": "key", "keyPath": "%s" }, "remoteSocket": "%s" }' \
    "$LAB_HOST" "$LAB_SSH_PORT" "$LAB_USER" "$s/id_ed25519" "$LAB_DIR/ssh/docker.sock")
  {
    printf '{\n  "version": 1,\n  "labDir": "%s",\n  "image": "%s",\n  "daemons": {\n' "$LAB_DIR" "$LAB_IMAGE"
    lab_json_daemon tcp "$tcp:${LAB_TCP_PORT[tcp]}" \
      "{ \"type\": \"tcp\", \"host\": \"$LAB_HOST\", \"port\": ${LAB_TCP_PORT[tcp]} }"
    printf ',\n'
    lab_json_daemon tls "$tcp:${LAB_TCP_PORT[tls]}" "$tls_transport"
    printf ',\n'
    lab_json_daemon ssh "ssh://$LAB_USER@$LAB_HOST:$LAB_SSH_PORT" "$ssh_transport"
    printf ',\n'
    lab_json_daemon btrfs "$tcp:${LAB_TCP_PORT[btrfs]}" \
      "{ \"type\": \"tcp\", \"host\": \"$LAB_HOST\", \"port\": ${LAB_TCP_PORT[btrfs]} }"
    printf ',\n'
    lab_json_daemon vfs "unix://$LAB_DIR/vfs/docker.sock" \
      "{ \"type\": \"unix\", \"socketPath\": \"$LAB_DIR/vfs/docker.sock\" }"
    printf '\n  },\n'
    printf '  "tls": {\n    "caPath": "%s",\n    "certPath": "%s",\n    "keyPath": "%s",\n    "certDir": "%s",\n' \
      "$p/client/ca.pem" "$p/client/cert.pem" "$p/client/key.pem" "$p/client"
    printf '    "rogue": { "caPath": "%s", "certPath": "%s", "keyPath": "%s" },\n' \
      "$p/rogue/ca.pem" "$p/rogue/cert.pem" "$p/rogue/key.pem"
    printf '    "wrongSanServer": { "certPath": "%s", "keyPath": "%s" },\n' "$p/wrong-san/cert.pem" "$p/wrong-san/key.pem"
    printf '    "expiredClient": { "certPath": "%s", "keyPath": "%s" }\n  },\n' "$p/expired/cert.pem" "$p/expired/key.pem"
    printf '  "ssh": {\n    "host": "%s",\n    "port": %s,\n    "user": "%s",\n    "password": "%s",\n' \
      "$LAB_HOST" "$LAB_SSH_PORT" "$LAB_USER" "$(cat "$s/password")"
    printf '    "keyPath": "%s",\n    "encryptedKeyPath": "%s",\n    "keyPassphrase": "%s",\n    "wrongKeyPath": "%s",\n' \
      "$s/id_ed25519" "$s/id_ed25519_encrypted" "$(cat "$s/passphrase")" "$s/id_ed25519_wrong"
    printf '    "knownHostsPath": "%s",\n    "hostKeyType": "ssh-ed25519",\n    "hostKeyFingerprint": "%s",\n' \
      "$s/known_hosts" "$(lab_host_key_fingerprint)"
    printf '    "jumpPorts": [%s],\n' "$(IFS=,; echo "${LAB_SSH_JUMP_PORTS[*]}")"
    printf '    "remoteSocket": "%s",\n    "missingSocket": "%s",\n    "forbiddenSocket": "%s"\n  },\n' \
      "$LAB_DIR/ssh/docker.sock" "$s/missing.sock" "$s/forbidden.sock"
    lab_install_json
    printf ',\n'
    lab_cleanup_json
    printf '\n}\n'
  } >"$tmp"
  /usr/bin/python3 -m json.tool "$tmp" >/dev/null || lab_die "wrote an invalid manifest: $tmp"
  mv "$tmp" "$LAB_MANIFEST"
}
