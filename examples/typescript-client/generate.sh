#!/usr/bin/env bash
# Regenerates src/dxp.d.ts from the committed OpenAPI document (../../openapi/dxp.openapi.json)
# with the openapi-typescript pinned in package-lock.json.
# Deterministic: `./generate.sh && git diff --exit-code examples/typescript-client` catches drift.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Install exactly what package-lock.json pins, unless that is what node_modules already holds.
if ! cmp -s package-lock.json node_modules/.dxp-installed-lock 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.dxp-installed-lock
fi
./node_modules/.bin/openapi-typescript ../../openapi/dxp.openapi.json --output src/dxp.d.ts
