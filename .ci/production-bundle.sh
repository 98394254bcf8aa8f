#!/usr/bin/env bash
# The production bundle runs outside the repository with production dependencies only: copy
# what a package ships (out/, bin/, package.json, the lock and the patches) to a temporary
# folder, `npm ci --omit=dev` there, then run `berth probe` and the browser shell (`berth serve`)
# against the lab from that folder. A runtime import of a dev dependency fails here, as it would
# crash the packaged app. Needs a build (out/) and the lab.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest="${BERTH_LAB_DIR:-/tmp/berth-lab}/manifest.json"
endpoint=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).daemons.tcp.endpoint)' "$manifest")
bundle=$(mktemp -d "${TMPDIR:-/tmp}/berth-bundle.XXXXXX")
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$bundle"
}
trap cleanup EXIT
cp -R out bin package.json package-lock.json patches "$bundle"/
(cd "$bundle" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
[ ! -e "$bundle/node_modules/vitest" ] || { echo "dev dependencies were installed into the bundle" >&2; exit 1; }

echo "berth probe from the bundle:"
node "$bundle/bin/berth.js" probe -H "$endpoint" --json >"$bundle/probe.json"
node -e '
  const probe = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!probe.serverVersion) throw new Error("no serverVersion in the probe output");
  console.log(`  ${probe.endpoint}: Docker ${probe.serverVersion}, ${probe.containers.total} containers`);
' "$bundle/probe.json"

echo "browser shell from the bundle:"
node "$bundle/bin/berth.js" serve --port 0 --data-dir "$bundle/data" >"$bundle/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q 'Berth is serving on' "$bundle/serve.log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$bundle/serve.log" >&2; exit 1; }
  sleep 0.1
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/[^ ]*' "$bundle/serve.log" | head -1)
[ -n "$url" ] || { cat "$bundle/serve.log" >&2; exit 1; }
origin=${url%%/\?*}
origin=${origin%%/#*}
origin=${origin%/}
status=$(curl -s -o "$bundle/index.html" -w '%{http_code}' "$origin/")
grep -q '<div id="root">' "$bundle/index.html" || { echo "the shell did not serve the renderer (HTTP $status)" >&2; exit 1; }
echo "  $origin/ serves the renderer (HTTP $status)"
# The contract over the WebSocket, with the ws package the bundle installed: app:info answers.
token=${url##*#token=}
node -e '
  const WebSocket = require(process.argv[1]);
  const [origin, token] = process.argv.slice(2);
  const socket = new WebSocket(origin.replace(/^http/, "ws") + "/ws", ["berth", "berth-token." + token], { origin });
  const timer = setTimeout(() => { console.error("no answer over the WebSocket"); process.exit(1); }, 10000);
  socket.on("open", () => socket.send(JSON.stringify({ id: 1, type: "invoke", channel: "app:info", input: {} })));
  socket.on("message", (data) => {
    const message = JSON.parse(String(data));
    if (message.type !== "reply" || message.id !== 1) return;
    clearTimeout(timer);
    if (!message.reply.ok) { console.error("app:info failed:", JSON.stringify(message.reply.error)); process.exit(1); }
    console.log(`  app:info over the WebSocket: Berth ${message.reply.value.version}, ${message.reply.value.shell} shell`);
    socket.close();
  });
  socket.on("error", (error) => { console.error(error.message); process.exit(1); });
' "$bundle/node_modules/ws" "$origin" "$token"
echo "production bundle: ok"
