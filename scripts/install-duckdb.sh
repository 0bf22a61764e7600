#!/usr/bin/env bash
# DuckDB for the benchmark only (npm run bench): installed into its own prefix, bench/.duckdb,
# never into the project's node_modules or package.json. The registry here lacks some of
# @duckdb/node-api's platform bindings for a lockfile-wide `npm ci` (toolchain.md, trap 2), so
# the project's own install must not depend on it; bench/run.js requires it from this prefix
# and reports the DuckDB comparison as skipped when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=bench/.duckdb
if [ -f "$PREFIX/node_modules/@duckdb/node-api/package.json" ] && [ "${1:-}" != "--force" ]; then
  echo "@duckdb/node-api already in $PREFIX ($(node -p "require('./$PREFIX/node_modules/@duckdb/node-api/package.json').version"))"
  exit 0
fi
mkdir -p "$PREFIX"
# A package.json of its own, so npm does not walk up and touch the project's.
[ -f "$PREFIX/package.json" ] || echo '{ "name": "kefu-bench-duckdb", "private": true }' > "$PREFIX/package.json"
npm install --prefix "$PREFIX" --no-audit --no-fund @duckdb/node-api
node -e "require('./$PREFIX/node_modules/@duckdb/node-api'); console.log('@duckdb/node-api', require('./$PREFIX/node_modules/@duckdb/node-api/package.json').version, 'ready in $PREFIX')"
