/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- dev tooling runs in plain Node and is never packaged; it must load the exact copies of n8n-core's internal packages, which only require() by resolved path can do */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The minimal real n8n-core environment: DI container, config, a silent logger, instance
 * settings in a harness-only folder and the outbound HTTP client nodes use.
 *
 * Why the indirection: n8n-core 2.41 ships its own, newer copies of @n8n/di, @n8n/config,
 * @n8n/backend-common and @n8n/backend-network in `node_modules/n8n-core/node_modules`, while
 * older copies are hoisted to the project root. The DI container keys services by class
 * identity, so configuring the hoisted copies would configure classes n8n-core never asks for.
 * We therefore resolve each package from n8n-core's own directory. Going through the module
 * system's `require` (not `createRequire`) keeps jest's module registry in charge, so these are
 * the very instances n8n-core sees inside a test file.
 */
const coreDir = dirname(require.resolve('n8n-core'));

function requireAsCore<T>(id: string): T {
	return require(require.resolve(id, { paths: [coreDir] })) as T;
}

type DiModule = typeof import('@n8n/di');
type ConfigModule = typeof import('@n8n/config');
type BackendCommonModule = typeof import('@n8n/backend-common');
type BackendNetworkModule = typeof import('@n8n/backend-network');

export const { Container } = requireAsCore<DiModule>('@n8n/di');
const { GlobalConfig, InstanceSettingsConfig, SsrfProtectionConfig } =
	requireAsCore<ConfigModule>('@n8n/config');
const { Logger } = requireAsCore<BackendCommonModule>('@n8n/backend-common');
const { OutboundHttp } = requireAsCore<BackendNetworkModule>('@n8n/backend-network');

let prepared = false;

/**
 * n8n's instance folder for tests: one fixed folder outside the project and away from the real
 * ~/.n8n, reused by every run. (A per-run folder cannot be cleaned up reliably: inside jest,
 * `process.on('exit')` registers on the test environment's copy of `process` and never fires.)
 *
 * InstanceSettings creates `<n8nFolder>/config` with a fresh encryption key when it is missing,
 * which parallel jest workers would race on (one reading the file while another writes it), so we
 * create it first, atomically, with a key generated here. Nothing encrypted with it outlives a run.
 */
function instanceUserHome(): string {
	const userHome = join(tmpdir(), 'n8n-nodes-ticketing-harness');
	const settingsFile = join(userHome, '.n8n', 'config');
	if (!existsSync(settingsFile)) {
		mkdirSync(dirname(settingsFile), { recursive: true });
		const partial = `${settingsFile}.${process.pid}`;
		const settings = { encryptionKey: randomBytes(24).toString('base64') };
		writeFileSync(partial, JSON.stringify(settings), { mode: 0o600 });
		renameSync(partial, settingsFile);
	}
	return userHome;
}

/**
 * Configure n8n-core's container before anything asks it for a service. Idempotent, and cheap
 * after the first call (once per jest module registry, i.e. per test file).
 */
export function prepareCore(): void {
	if (prepared) return;

	// Silence n8n's logger (winston) before its first construction; constructing the root Logger
	// also installs it as n8n-workflow's LoggerProxy, so node code that logs stays quiet too.
	Container.get(GlobalConfig).logging.level = 'silent';
	Container.get(Logger);

	// Point InstanceSettings at the harness folder. The fields are typed readonly (they are read
	// from the environment at construction), hence Object.assign before InstanceSettings reads them.
	const userHome = instanceUserHome();
	Object.assign(Container.get(InstanceSettingsConfig), {
		userHome,
		n8nFolder: join(userHome, '.n8n'),
	});

	// The sandboxes listen on 127.0.0.1, which n8n's SSRF protection (off by default, but
	// switchable by N8N_SSRF_PROTECTION_ENABLED in the environment) would refuse. Tests must not
	// depend on the caller's environment, so pin it off.
	Container.get(SsrfProtectionConfig).enabled = false;

	// Fail fast here (not inside a node) if the HTTP client cannot be built.
	Container.get(OutboundHttp);

	prepared = true;
}
