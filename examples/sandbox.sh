# Sourced by the examples' run.sh: builds dxp, starts `dxp sandbox` on a free port with a
# throwaway data folder, waits until it is ready, and stops it (and removes the folder) when the
# script exits. Afterwards `$SANDBOX/sandbox.json` describes it and `sandbox_value KEY…` reads
# one value of it; `$SANDBOX/server.log` is the server's log. Needs python3.
#
# sandbox.json: {"baseUrl", "organisation", "round", "tokens": {"teo-submitter", …},
# "machineAccount": {"clientId", "clientSecret", …}, "tokenUrl", …}

# The repository's root, from this file's place in it.
SANDBOX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

start_sandbox() {
  echo "== building dxp"
  (cd "$SANDBOX_ROOT" && cargo build --bin dxp)
  local dxp="${CARGO_TARGET_DIR:-$SANDBOX_ROOT/target}/debug/dxp"

  SANDBOX="$(mktemp -d "${TMPDIR:-/tmp}/dxp-sandbox.XXXXXX")"
  SERVER_PID=""
  trap stop_sandbox EXIT
  trap 'exit 130' INT TERM

  echo "== starting the sandbox (log: $SANDBOX/server.log)"
  "$dxp" sandbox --bind 127.0.0.1:0 --data-dir "$SANDBOX" >"$SANDBOX/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    [ -s "$SANDBOX/sandbox.json" ] && return 0
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "error: dxp sandbox stopped before it was ready:" >&2
      tail -n 40 "$SANDBOX/server.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "error: no $SANDBOX/sandbox.json after 60 s:" >&2
  tail -n 40 "$SANDBOX/server.log" >&2
  exit 1
}

stop_sandbox() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [ -n "${SANDBOX:-}" ] && rm -rf "$SANDBOX"
  return 0
}

sandbox_value() {
  python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for key in sys.argv[2:]:
    v = v[key]
print(v)' "$SANDBOX/sandbox.json" "$@"
}

# The server's last log lines, after a script against it failed with status $2.
sandbox_failed() {
  echo "== $1 failed ($2); the server's last log lines:" >&2
  tail -n 20 "$SANDBOX/server.log" >&2
}
