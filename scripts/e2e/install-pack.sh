#!/usr/bin/env bash
# Packs one of the repository's packages (the combined pack by default) and installs it into <user-folder>/.n8n/nodes, where n8n looks for
# community packages at start (N8N_USER_FOLDER=<user-folder>).
#
#   scripts/e2e/install-pack.sh <user-folder> [--plain] [--package <folder>]
#
# --package: the package folder to install, relative to the repository (default `.`, the combined
#   pack; `packages/n8n-nodes-ticketing-zaia` for one provider's package). It must be built
#   (npm run build assembles packages/*/dist).
# Default: the exact steps of n8n 2.41's Community Nodes installer
# (CommunityPackagesService.downloadPackage in n8n/dist/modules/community-packages):
#   1. `npm pack` the package (here: this repository, built; n8n packs from the registry),
#   2. extract it into .n8n/nodes/node_modules/<name>,
#   3. drop devDependencies, peerDependencies and optionalDependencies from its package.json
#      (n8n-workflow comes from n8n itself: n8n adds its own node_modules to NODE_PATH),
#   4. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
#       --ignore-scripts=true --package-lock=false` inside the package folder,
#   5. record "<name>": "<version>" in .n8n/nodes/package.json ("installed-nodes").
# --plain: a plain `npm install <tarball>` in .n8n/nodes instead, install scripts on: what n8n up
#   to 1.88 runs. The n8n-workflow peer is optional, so npm leaves it out and the pack uses
#   n8n's own copy, as with the default.
#
# The tarball is packed into a temp folder and removed afterwards.
set -euo pipefail
exec </dev/null
export CI=true

if [[ $# -lt 1 || -z "$1" ]]; then
	echo "usage: $0 <user-folder> [--plain] [--package <folder>]" >&2
	exit 2
fi
user_folder="$(mkdir -p "$1" && cd "$1" && pwd)"
shift
mode=n8n
package=.
while [[ $# -gt 0 ]]; do
	case "$1" in
	--plain) mode=--plain ;;
	--package)
		package="$2"
		shift
		;;
	*)
		echo "install-pack: unknown option $1" >&2
		exit 2
		;;
	esac
	shift
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# Build when a file the package declares is missing (the test:e2e script builds first anyway).
cd "$package"
missing=$(node -e '
	const pkg = require("./package.json");
	const fs = require("fs");
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
	console.log(files.filter((f) => !fs.existsSync(f)).join(" "));
')
if [[ -n "$missing" ]]; then
	echo "install-pack: building (missing: $missing)"
	(cd "$root" && npm run --silent build)
fi

# A private temp folder per run: parallel runs never see each other's half-written tarball.
pack_dir=$(mktemp -d "${TMPDIR:-/tmp}/n8n-e2e-pack.XXXXXX")
trap 'rm -rf "$pack_dir"' EXIT
tarball=$(npm pack --ignore-scripts --silent --pack-destination "$pack_dir" | tail -n 1)
tarball="$pack_dir/$tarball"
name=$(node -p 'require("./package.json").name')
version=$(node -p 'require("./package.json").version')

nodes_dir="$user_folder/.n8n/nodes"
mkdir -p "$nodes_dir"
npm_flags=(--audit=false --fund=false --no-update-notifier --loglevel=error)

if [[ "$mode" == "--plain" ]]; then
	cd "$nodes_dir"
	[[ -f package.json ]] || printf '{\n  "name": "installed-nodes",\n  "private": true,\n  "dependencies": {}\n}\n' >package.json
	# as n8n <= 1.88 ran it: a plain `npm install <package>`, install scripts on
	npm install "$tarball" --ignore-scripts=false "${npm_flags[@]}"
else
	package_dir="$nodes_dir/node_modules/$name"
	rm -rf "$package_dir"
	mkdir -p "$package_dir"
	tar -xzf "$tarball" -C "$package_dir" --strip-components=1
	node -e '
		const fs = require("fs");
		const [file] = process.argv.slice(1);
		const { devDependencies, peerDependencies, optionalDependencies, ...rest } = JSON.parse(fs.readFileSync(file, "utf8"));
		fs.writeFileSync(file, JSON.stringify(rest, null, 2), "utf8");
	' "$package_dir/package.json"
	(cd "$package_dir" && npm install --bin-links=false --install-strategy=shallow --ignore-scripts=true \
		--package-lock=false "${npm_flags[@]}")
	node -e '
		const fs = require("fs");
		const [file, name, version] = process.argv.slice(1);
		let json = { name: "installed-nodes", private: true, dependencies: {} };
		try { json = JSON.parse(fs.readFileSync(file, "utf8")); } catch {}
		json.dependencies = { ...(json.dependencies ?? {}), [name]: version };
		fs.writeFileSync(file, JSON.stringify(json, null, 2), "utf8");
	' "$nodes_dir/package.json" "$name" "$version"
fi

echo "install-pack: $name@$version installed into $nodes_dir/node_modules/$name"
