#!/usr/bin/env bash
# One command from a fresh clone: installs the Python client in .venv, builds dxp, starts
# `dxp sandbox` on a free port with a throwaway data folder, runs run_return.py against it
# (arguments are passed on), then run_tms.py (a training management system on the work-based
# API), stops the server, and exits non-zero if either failed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$HERE"

echo "== installing the client (.venv)"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt

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
  .venv/bin/python -c 'import json, sys
v = json.load(open(sys.argv[1]))
for key in sys.argv[2:]:
    v = v[key]
print(v)' "$SANDBOX/sandbox.json" "$@"
}
DXP_URL="$(sandbox_value baseUrl)"
DXP_TOKEN="$(sandbox_value tokens teo-submitter)"
DXP_ROUND="$(sandbox_value round)"
DXP_ORGANISATION="$(sandbox_value organisation)"
export DXP_URL DXP_TOKEN DXP_ROUND DXP_ORGANISATION
echo "== sandbox at $DXP_URL: organisation $(sandbox_value organisation), round $DXP_ROUND"

set +e
.venv/bin/python run_return.py "$@"
STATUS=$?
set -e
if [ "$STATUS" -ne 0 ]; then
  echo "== run_return.py failed ($STATUS); the server's last log lines:" >&2
  tail -n 20 "$SANDBOX/server.log" >&2
  exit "$STATUS"
fi

echo "== playing a training management system (run_tms.py)"
set +e
.venv/bin/python run_tms.py
STATUS=$?
set -e
if [ "$STATUS" -ne 0 ]; then
  echo "== run_tms.py failed ($STATUS); the server's last log lines:" >&2
  tail -n 20 "$SANDBOX/server.log" >&2
fi
exit "$STATUS"
