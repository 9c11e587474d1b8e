/**
 * The four packages this repository publishes: the combined pack at the root and one package per
 * provider under packages/<name>/, each described by its own committed package.json (the n8n
 * scanner finds a package's source by that file's `name`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function readJson(file) {
	return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The provider folder a package is for: every node it lists sits in dist/nodes/<Provider>/.
 * A package whose nodes sit in several folders is not a one-service package.
 */
function providerOf(name, manifest) {
	const folders = new Set(manifest.n8n.nodes.map((file) => file.split('/')[2]));
	if (folders.size !== 1) {
		throw new Error(
			`${name} lists nodes of ${[...folders].join(', ')}: a package integrates exactly one service`,
		);
	}
	return [...folders][0];
}

function describe(dir) {
	const manifest = readJson(join(dir, 'package.json'));
	const provider = providerOf(manifest.name, manifest);
	const lower = provider.toLowerCase();
	return {
		...manifest,
		dir,
		provider,
		/** Whether a dist/-relative file belongs in this package: shared code or its provider's own. */
		owns(path) {
			return (
				path.startsWith('nodes/shared/') ||
				path.startsWith(`nodes/${provider}/`) ||
				(path.startsWith(`credentials/${provider}`) &&
					!path.slice('credentials/'.length).includes('/')) ||
				path.startsWith(`icons/${lower}.`)
			);
		},
	};
}

const packagesDir = join(REPO_ROOT, 'packages');
export const PROVIDER_PACKAGES = readdirSync(packagesDir, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => describe(join(packagesDir, entry.name)))
	.sort((a, b) => a.name.localeCompare(b.name));

const combined = { ...readJson(join(REPO_ROOT, 'package.json')), dir: REPO_ROOT };
/** The combined pack's name: the prefix of the node types in examples/. */
export const COMBINED_NAME = combined.name;

/** All four, the combined pack first: what is packed, scanned, published. */
export const ALL_PACKAGES = [combined, ...PROVIDER_PACKAGES];

/**
 * The source of a file a package ships (`dist/nodes/Zaia/Zaia.node.js` →
 * `nodes/Zaia/Zaia.node.ts`), relative to the package: where n8n's scanner finds it in the
 * package's source folder.
 */
export function sourceOf(shipped) {
	return shipped.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}
