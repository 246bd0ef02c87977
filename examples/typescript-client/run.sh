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

# shellcheck source=../sandbox.sh
source "$ROOT/examples/sandbox.sh"
start_sandbox

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
  sandbox_failed run-return.js "$STATUS"
fi
exit "$STATUS"
