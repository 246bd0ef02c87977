#!/usr/bin/env bash
# Property-based tests of the API from its own OpenAPI document: schemathesis (pinned in
# requirements.txt, installed from PyPI into target/schemathesis-venv) against `dxp sandbox` on
# its embedded SQLite database. Every operation is tried as a TEO submitter and as the funder's
# admin with all of schemathesis's checks (no 5xx, responses as documented, bad input refused,
# auth not ignored) except where schemathesis.toml says why one cannot apply; then every
# operation is sent tokens that must be refused (invalid_tokens.py). Exits non-zero on any
# failure. Usage: tests/schemathesis/run.sh [path/to/dxp] (default target/debug/dxp, built if
# missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

dxp="${1:-target/debug/dxp}"
[ -x "$dxp" ] || cargo build --quiet --bin dxp

venv=target/schemathesis-venv
if [ ! -x "$venv/bin/schemathesis" ] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    cp "$here/requirements.txt" "$venv/requirements.txt"
fi

work="$(mktemp -d)"
secret="schemathesis-secret-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
DXP_DATA_DIR="$work" DXP_BIND=127.0.0.1:0 DXP_JWT_SECRET="$secret" RUST_LOG=info \
    DXP_RATE_LIMIT_PER_SECOND=100000 DXP_RATE_LIMIT_BURST=100000 \
    "$dxp" sandbox >"$work/sandbox.out" 2>"$work/sandbox.log" &
sandbox=$!
trap 'kill "$sandbox" 2>/dev/null || true; wait "$sandbox" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do
    [ -f "$work/sandbox.json" ] && break
    kill -0 "$sandbox" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
    sleep 0.5
done
[ -f "$work/sandbox.json" ] || { echo "dxp sandbox did not start" >&2; cat "$work/sandbox.log" >&2; exit 1; }

field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval("d" + sys.argv[2]))' "$work/sandbox.json" "$1"; }
base="$(field '["baseUrl"]')"

status=0
# The funder's admin must name the organisation on several operations (what is due, opening a
# submission for one): a rule of the role, not of the schema, so schema-valid requests without
# one are rightly refused and the positive-data check is left out of the admin's pass.
for pass in "teo-submitter" "tec-admin --exclude-checks positive_data_acceptance"; do
    role="${pass%% *}"
    extra=()
    [ "$pass" = "$role" ] || read -r -a extra <<<"${pass#* }"
    echo "=== schemathesis as $role against $base ==="
    token="$(field "[\"tokens\"][\"$role\"]")"
    "$venv/bin/schemathesis" --config-file "$here/schemathesis.toml" run "$base/openapi.json" \
        --header "Authorization: Bearer $token" "${extra[@]}" \
        --max-examples 25 --seed 20261201 --workers 2 \
        --generation-database none --no-color --request-timeout 30 \
        || status=1
done

# The funder's provider-based API, from its own document, as the sandbox organisation. Most
# generated return ids name no return, which the API rightly refuses (RETURN_NOT_FOUND), so the
# positive-data check is left out here too.
echo "=== schemathesis on the provider-based API as teo-submitter ==="
token="$(field '["tokens"]["teo-submitter"]')"
"$venv/bin/schemathesis" --config-file "$here/schemathesis.toml" run "$base/submissions/v1.0/openapi.json" \
    --header "Authorization: Bearer $token" --header "EID: $(field '["organisation"]')" \
    --exclude-checks positive_data_acceptance \
    --max-examples 25 --seed 20261201 --workers 2 \
    --generation-database none --no-color --request-timeout 30 \
    || status=1

echo "=== every operation refuses tokens it must not take ==="
DXP_JWT_SECRET="$secret" "$venv/bin/python" "$here/invalid_tokens.py" "$base" || status=1

if grep -Eq "http.status=5[0-9]{2}|panicked" "$work/sandbox.log"; then
    echo "the server logged a 5xx answer:" >&2
    grep -E "http.status=5[0-9]{2}|panicked" "$work/sandbox.log" | head -20 >&2
    status=1
fi
exit "$status"
