#!/usr/bin/env bash
# Lodges the sample return through the generated Rust client, against a throwaway server.
#
# One command from a fresh clone: builds the server (debug) and this client, starts
# `dxp sandbox` on a free port with a fresh database, runs the client with the sandbox's URL,
# submitter token and round, stops the server, and exits with the client's status.
# Arguments are passed to the client (a folder of JSON records instead of examples/data/json).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

echo "=== Building the server"
# The server goes to the workspace's own target dir, whatever the caller's CARGO_TARGET_DIR.
(cd "$repo" && env -u CARGO_TARGET_DIR cargo build --bin dxp)
dxp="$repo/target/debug/dxp"

echo "=== Building the client"
# A target dir of its own, so this build never waits on the workspace's lock.
CARGO_TARGET_DIR="$repo/target/rust-client" \
    cargo build --locked --manifest-path "$here/Cargo.toml"
client="$repo/target/rust-client/debug/dxp-rust-client"

work="$(mktemp -d "${TMPDIR:-/tmp}/dxp-rust-client.XXXXXX")"
data_dir="$work/data"
mkdir "$data_dir"
server_pid=""
stop() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

echo "=== Starting the sandbox"
"$dxp" sandbox --bind 127.0.0.1:0 --data-dir "$data_dir" >"$work/server.log" 2>&1 &
server_pid=$!

# sandbox.json appears once the server accepts requests; read one field of it (no jq needed).
field() {
    [ -f "$data_dir/sandbox.json" ] || return 0
    sed -n "s/.*\"$1\" *: *\"\\([^\"]*\\)\".*/\\1/p" "$data_dir/sandbox.json" | head -n 1
}
DXP_URL="" DXP_TOKEN="" DXP_ROUND=""
for _ in $(seq 1 120); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "the sandbox stopped before it was ready:" >&2
        cat "$work/server.log" >&2
        exit 1
    fi
    DXP_URL="$(field baseUrl)" DXP_TOKEN="$(field teo-submitter)" DXP_ROUND="$(field round)"
    [ -n "$DXP_URL" ] && [ -n "$DXP_TOKEN" ] && [ -n "$DXP_ROUND" ] && break
    sleep 0.5
done
if [ -z "$DXP_URL" ] || [ -z "$DXP_TOKEN" ] || [ -z "$DXP_ROUND" ]; then
    echo "no usable $data_dir/sandbox.json after 60 s; the server said:" >&2
    cat "$work/server.log" >&2
    exit 1
fi
export DXP_URL DXP_TOKEN DXP_ROUND
echo "sandbox at $DXP_URL, round $DXP_ROUND"

echo "=== Running the client"
status=0
"$client" "$@" || status=$?
exit "$status"
