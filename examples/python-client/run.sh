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

# shellcheck source=../sandbox.sh
source "$ROOT/examples/sandbox.sh"
start_sandbox

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
  sandbox_failed run_return.py "$STATUS"
  exit "$STATUS"
fi

echo "== playing a training management system (run_tms.py)"
set +e
.venv/bin/python run_tms.py
STATUS=$?
set -e
if [ "$STATUS" -ne 0 ]; then
  sandbox_failed run_tms.py "$STATUS"
fi
exit "$STATUS"
