#!/usr/bin/env bash
# One command from a fresh clone: installs the pinned packages (npm ci), compiles src/ with tsc,
# builds dxp, starts `dxp sandbox` on a free port with a throwaway data folder, runs
# dist/run-return.js against it (arguments are passed on), stops the server, and exits with the
# script's status.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$HERE"

echo "== installing (npm ci) and compiling (tsc)"
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json node_modules/.dxp-installed-lock
./node_modules/.bin/tsc -p .

echo "== building dxp"
(cd "$ROOT" && cargo build --bin dxp)
DXP="${CARGO_TARGET_DIR:-$ROOT/target}/debug/dxp"

SANDBOX="$(mktemp -d "${TMPDIR:-/tmp}/dxp-sandbox.XXXXXX")"
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$SANDBOX"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

echo "== starting the sandbox (log: $SANDBOX/server.log)"
"$DXP" sandbox --bind 127.0.0.1:0 --data-dir "$SANDBOX" >"$SANDBOX/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  [ -s "$SANDBOX/sandbox.json" ] && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "error: dxp sandbox stopped before it was ready:" >&2
    tail -n 40 "$SANDBOX/server.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ ! -s "$SANDBOX/sandbox.json" ]; then
  echo "error: no $SANDBOX/sandbox.json after 60 s:" >&2
  tail -n 40 "$SANDBOX/server.log" >&2
  exit 1
fi

# sandbox.json: {"baseUrl", "organisation", "round", "tokens": {"teo-submitter", ...}, ...}
sandbox_value() {
  node -e 'let v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
for (const key of process.argv.slice(2)) v = v[key];
console.log(v);' "$SANDBOX/sandbox.json" "$@"
}
DXP_URL="$(sandbox_value baseUrl)"
DXP_TOKEN="$(sandbox_value tokens teo-submitter)"
DXP_ROUND="$(sandbox_value round)"
export DXP_URL DXP_TOKEN DXP_ROUND
echo "== sandbox at $DXP_URL: organisation $(sandbox_value organisation), round $DXP_ROUND"

set +e
node dist/run-return.js "$@"
STATUS=$?
set -e
if [ "$STATUS" -ne 0 ]; then
  echo "== run-return.js failed ($STATUS); the server's last log lines:" >&2
  tail -n 20 "$SANDBOX/server.log" >&2
fi
exit "$STATUS"
