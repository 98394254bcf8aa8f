# shellcheck shell=bash
# The Berth lab: the lab user, SSH keys, the sshd config and the sshd process.
# Sourced by lib.sh; defines functions only.

# --- SSH -------------------------------------------------------------------------------------

lab_ensure_user() {
  if ! id -u "$LAB_USER" >/dev/null 2>&1; then
    lab_log "creating user $LAB_USER"
    useradd --create-home --shell /bin/bash --comment 'Berth lab' "$LAB_USER"
  fi
  getent group "$LAB_USER" >/dev/null || lab_die "user $LAB_USER has no group of the same name"
  printf '%s:%s\n' "$LAB_USER" "$(cat "$LAB_SSHD/password")" | chpasswd
}

lab_make_ssh() {
  local s=$LAB_SSHD
  mkdir -p "$s"
  openssl rand -hex 12 >"$s/password"
  openssl rand -hex 12 >"$s/passphrase"
  chmod 0600 "$s/password" "$s/passphrase"
  ssh-keygen -q -t ed25519 -N '' -C berth-lab-sshd -f "$s/ssh_host_ed25519_key"
  ssh-keygen -q -t ed25519 -N '' -C berth-lab-client -f "$s/id_ed25519"
  ssh-keygen -q -t ed25519 -N "$(cat "$s/passphrase")" -C berth-lab-client-encrypted -f "$s/id_ed25519_encrypted"
  ssh-keygen -q -t ed25519 -N '' -C berth-lab-wrong -f "$s/id_ed25519_wrong"
  cat "$s/id_ed25519.pub" "$s/id_ed25519_encrypted.pub" >"$s/authorized_keys"
  chmod 0644 "$s/authorized_keys"
  printf '[%s]:%s %s\n' "$LAB_HOST" "$LAB_SSH_PORT" "$(cut -d' ' -f1,2 "$s/ssh_host_ed25519_key.pub")" >"$s/known_hosts"
  # A socket inode the lab user may not open (root:root 0600): connect() fails with EACCES.
  /usr/bin/python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$s/forbidden.sock"
  chown root:root "$s/forbidden.sock"
  chmod 0600 "$s/forbidden.sock"
  cat >"$s/sshd_config" <<EOF
# Berth lab sshd: loopback only, its own host key, pid file and authorized keys.
Port $LAB_SSH_PORT
$(printf 'Port %s\n' "${LAB_SSH_JUMP_PORTS[@]}")
ListenAddress $LAB_HOST
AddressFamily inet
HostKey $s/ssh_host_ed25519_key
PidFile $s/sshd.pid
AuthorizedKeysFile $s/authorized_keys
AllowUsers $LAB_USER
StrictModes no
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
PermitEmptyPasswords no
PermitRootLogin no
AllowStreamLocalForwarding yes
# OpenSSH grants direct-streamlocal (the docker.sock forward) only when local TCP forwarding is
# allowed too, so "no" here would refuse every socket forward.
AllowTcpForwarding local
AllowAgentForwarding no
X11Forwarding no
PermitTunnel no
PrintMotd no
PrintLastLog no
# As in Debian's stock config: Berth asks SFTP why a socket forward was refused.
Subsystem sftp internal-sftp
MaxStartups 64:30:128
MaxSessions 64
LoginGraceTime 30
LogLevel VERBOSE
EOF
}

lab_host_key_fingerprint() { ssh-keygen -lf "$LAB_SSHD/ssh_host_ed25519_key.pub" | awk '{print $2}'; }

lab_start_sshd() {
  local deadline=$((SECONDS + 15))
  if lab_pid_from "$LAB_SSHD/sshd.pid" sshd >/dev/null; then
    lab_log "sshd is already running"
    return 0
  fi
  mkdir -p /run/sshd
  chmod 0755 /run/sshd
  rm -f "$LAB_SSHD/sshd.pid"
  /usr/sbin/sshd -t -f "$LAB_SSHD/sshd_config" || lab_die "sshd rejects $LAB_SSHD/sshd_config"
  /usr/sbin/sshd -f "$LAB_SSHD/sshd_config" -E "$LAB_SSHD/sshd.log" </dev/null >/dev/null 2>&1 9>&- ||
    lab_die "sshd did not start; see $LAB_SSHD/sshd.log"
  local port
  for port in "${LAB_SSH_JUMP_PORTS[@]}"; do
    until lab_port_open "$port"; do
      ((SECONDS < deadline)) || lab_die "sshd did not listen on the jump port $LAB_HOST:$port within 15s; see $LAB_SSHD/sshd.log"
      sleep 0.1
    done
  done
  until lab_pid_from "$LAB_SSHD/sshd.pid" sshd >/dev/null && lab_port_open "$LAB_SSH_PORT"; do
    ((SECONDS < deadline)) || lab_die "sshd did not listen on $LAB_HOST:$LAB_SSH_PORT within 15s; see $LAB_SSHD/sshd.log"
    sleep 0.1
  done
  lab_log "sshd is up on $LAB_HOST:$LAB_SSH_PORT (jump ports ${LAB_SSH_JUMP_PORTS[*]})"
}

# Stops the sshd listener and the sessions it forked (so a stop is a real outage).
lab_stop_sshd() {
  local pid child
  pid=$(lab_pid_from "$LAB_SSHD/sshd.pid" sshd) || return 0
  lab_log "stopping sshd (pid $pid)"
  for child in $(lab_children "$pid"); do
    [[ $(cat "/proc/$child/comm" 2>/dev/null) != sshd ]] || kill -TERM "$child" 2>/dev/null || true
  done
  lab_terminate "$pid" sshd 10
  rm -f "$LAB_SSHD/sshd.pid"
}
