#!/usr/bin/env bash
# Installs the Debian packages the lab and the browser tests need, only when missing.
set -euo pipefail
packages=(docker.io openssh-server openssh-client btrfs-progs busybox-static openssl chromium curl)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "all present: ${packages[*]}"
fi
