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

# shellcheck source=../sandbox.sh
source "$ROOT/examples/sandbox.sh"
start_sandbox

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
  sandbox_failed "$1" "$2"
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
