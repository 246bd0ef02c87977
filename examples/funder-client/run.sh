#!/usr/bin/env bash
# One command from a fresh clone: builds dxp, starts `dxp sandbox` on a free port with a
# throwaway data folder, lodges the round's EFTS forecast through DXP's own API (the one
# DXP-specific step, lodge_forecast.py), then runs sdr_client.py, an SMS integration written for
# the funder's provider-based SDR API, with the sandbox's base URL and machine account. Stops the
# server and exits non-zero if either failed. Needs python3 (standard library only).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$HERE"

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

# sandbox.json: {"baseUrl", "organisation", "round", "tokens": {"teo-submitter", ...},
# "machineAccount": {"clientId", "clientSecret", ...}, "tokenUrl", ...}
sandbox_value() {
  python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for key in sys.argv[2:]:
    v = v[key]
print(v)' "$SANDBOX/sandbox.json" "$@"
}
BASE_URL="$(sandbox_value baseUrl)"
TOKEN_URL="$(sandbox_value tokenUrl)"
ORGANISATION="$(sandbox_value organisation)"
ROUND="$(sandbox_value round)"
DXP_TOKEN="$(sandbox_value tokens teo-submitter)"
SDR_CLIENT_ID="$(sandbox_value machineAccount clientId)"
SDR_CLIENT_SECRET="$(sandbox_value machineAccount clientSecret)"
export DXP_TOKEN SDR_CLIENT_ID SDR_CLIENT_SECRET

# The funder names a return YYYYMM: the indicative return is March, the others their month.
case "$ROUND" in
  *-IND) RETURN_ID="${ROUND%-IND}03" ;;
  *-APR) RETURN_ID="${ROUND%-APR}04" ;;
  *-AUG) RETURN_ID="${ROUND%-AUG}08" ;;
  *-DEC) RETURN_ID="${ROUND%-DEC}12" ;;
  *)
    echo "error: sandbox.json names round '$ROUND', which is no YYYY-IND/APR/AUG/DEC" >&2
    exit 1
    ;;
esac
echo "== sandbox at $BASE_URL: organisation $ORGANISATION, round $ROUND (return $RETURN_ID)"

fail() {
  echo "== $1 failed ($2); the server's last log lines:" >&2
  tail -n 20 "$SANDBOX/server.log" >&2
  exit "$2"
}

echo "== lodging the EFTS forecast through DXP's own API (lodge_forecast.py; not the funder's API)"
set +e
python3 lodge_forecast.py --base-url "$BASE_URL" --round "$ROUND"
STATUS=$?
set -e
[ "$STATUS" -eq 0 ] || fail lodge_forecast.py "$STATUS"

echo "== the SMS, through the funder's provider-based SDR API (sdr_client.py)"
set +e
python3 sdr_client.py --base-url "$BASE_URL" --token-url "$TOKEN_URL" \
  --edumis "$ORGANISATION" --return-id "$RETURN_ID"
STATUS=$?
set -e
[ "$STATUS" -eq 0 ] || fail sdr_client.py "$STATUS"
