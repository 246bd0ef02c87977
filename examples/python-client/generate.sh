#!/usr/bin/env bash
# Regenerates the Python client in dxp-client/ from the committed OpenAPI document
# (../../openapi/dxp.openapi.json) with the pinned openapi-python-client and ruff.
# Deterministic: `./generate.sh && git diff --exit-code examples/python-client` catches drift.
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv-generate
if [ ! -x "$VENV/bin/openapi-python-client" ] || ! cmp -s requirements-generate.txt "$VENV/.requirements"; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements-generate.txt
  cp requirements-generate.txt "$VENV/.requirements"
fi
# The generator's post-hooks call `ruff`; use the pinned one.
export PATH="$PWD/$VENV/bin:$PATH" RUFF_NO_CACHE=true

rm -rf dxp-client
openapi-python-client generate \
  --path ../../openapi/dxp.openapi.json \
  --config config.yaml \
  --meta poetry \
  --output-path dxp-client \
  --fail-on-warning
rm -rf dxp-client/.ruff_cache
echo "generated $(find dxp-client -name '*.py' | wc -l) files in examples/python-client/dxp-client"
