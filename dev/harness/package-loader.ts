/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import { resolve } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

import { prepareCore } from './core';
import { findRepoRoot } from '../repo-root';
import { harnessNodeTypes } from './harness-nodes';

/** This pack's root (also when the harness runs compiled under .cache/, e.g. by the benchmarks). */
export const PROJECT_ROOT = findRepoRoot(__dirname);

export interface LoadedPackage {
	/** Absolute package directory that was loaded. */
	root: string;
	/** `name` from its package.json: the prefix of its node type names. */
	packageName: string;
	/** n8n-core's loader, as n8n uses it for an installed community package. */
	loader: PackageDirectoryLoader;
	/** Resolves this package's nodes (full names) plus the harness-only nodes. */
	nodeTypes: INodeTypes;
	/** Resolves this package's credential types. */
	credentialTypes: HarnessCredentialTypes;
	/** Full node type names, e.g. 'n8n-nodes-ticketing.zaia'. */
	knownNodeTypes: string[];
	/** Credential type names, e.g. 'zaiaApi'. */
	knownCredentialTypes: string[];
}

/**
 * Every package loaded in this module registry (per jest test file). Workflows may mix node types
 * of several packages, so lookups go through all of them.
 */
const loadedByRoot = new Map<string, Promise<LoadedPackage>>();
const loadedByName = new Map<string, LoadedPackage>();

function splitNodeType(fullType: string): [packageName: string, shortName: string] {
	const dot = fullType.lastIndexOf('.');
	return [fullType.slice(0, dot), fullType.slice(dot + 1)];
}

/** INodeTypes over the harness-only nodes and every loaded package. */
export class HarnessNodeTypes implements INodeTypes {
	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const harnessNode = harnessNodeTypes[nodeType];
		if (harnessNode) return harnessNode;
		const [packageName, shortName] = splitNodeType(nodeType);
		const pkg = loadedByName.get(packageName);
		if (!pkg) {
			throw new UnexpectedError(
				`Unknown node type "${nodeType}": no loaded package is named "${packageName}" (call loadPackage(root) for it first)`,
			);
		}
		return pkg.loader.getNode(shortName).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const pkg of loadedByName.values()) {
			for (const [shortName, details] of Object.entries(pkg.loader.known.nodes)) {
				known[`${pkg.packageName}.${shortName}`] = { ...details };
			}
		}
		return known;
	}
}

/** ICredentialTypes over every loaded package. */
export class HarnessCredentialTypes implements ICredentialTypes {
	recognizes(credentialType: string): boolean {
		return this.findPackage(credentialType) !== undefined;
	}

	getByName(credentialType: string): ICredentialType {
		const pkg = this.findPackage(credentialType);
		if (!pkg) {
			throw new UnexpectedError(`Unknown credential type "${credentialType}"`);
		}
		return pkg.loader.getCredential(credentialType).type;
	}

	/** Full node type names that declare this credential (n8n stores short names; expand). */
	getSupportedNodes(credentialType: string): string[] {
		const pkg = this.findPackage(credentialType);
		if (!pkg) return [];
		const short = pkg.loader.known.credentials[credentialType]?.supportedNodes ?? [];
		return short.map((name) => `${pkg.packageName}.${name}`);
	}

	/**
	 * All ancestors via `extends`. Parents outside the loaded packages (e.g. n8n-nodes-base's
	 * `oAuth2Api`) are still reported: n8n-core routes requests on these names (OAuth1/OAuth2).
	 */
	getParentTypes(typeName: string): string[] {
		const parents: string[] = [];
		const visit = (name: string) => {
			if (!this.recognizes(name)) return;
			for (const parent of this.getByName(name).extends ?? []) {
				if (parents.includes(parent)) continue;
				parents.push(parent);
				visit(parent);
			}
		};
		visit(typeName);
		return parents;
	}

	private findPackage(credentialType: string): LoadedPackage | undefined {
		for (const pkg of loadedByName.values()) {
			if (credentialType in pkg.loader.known.credentials) return pkg;
		}
		return undefined;
	}
}

/** Shared instances: they read the registry live, so later loads are visible everywhere. */
export const nodeTypes = new HarnessNodeTypes();
export const credentialTypes = new HarnessCredentialTypes();

async function load(root: string): Promise<LoadedPackage> {
	prepareCore();
	// Exactly what n8n does for a package in ~/.n8n/nodes/node_modules: read its package.json
	// `n8n` block and require the listed (built) files.
	const loader = new PackageDirectoryLoader(root);
	await loader.loadAll();
	const { packageName } = loader;
	const existing = loadedByName.get(packageName);
	if (existing && existing.root !== loader.directory) {
		throw new UnexpectedError(
			`Package "${packageName}" is already loaded from ${existing.root}; cannot also load ${root}`,
		);
	}
	const pkg: LoadedPackage = {
		root: loader.directory,
		packageName,
		loader,
		nodeTypes,
		credentialTypes,
		knownNodeTypes: Object.keys(loader.known.nodes).map((name) => `${packageName}.${name}`),
		knownCredentialTypes: Object.keys(loader.known.credentials),
	};
	loadedByName.set(packageName, pkg);
	return pkg;
}

/**
 * Load a community package the way n8n does (PackageDirectoryLoader on its root, so the BUILT
 * files its package.json lists). Cached per root for the lifetime of the module registry, which
 * in jest is one test file: sharing across files would mix n8n-workflow module instances (and
 * break `instanceof NodeApiError` inside n8n-core).
 */
export async function loadPackage(root: string = PROJECT_ROOT): Promise<LoadedPackage> {
	const key = resolve(root);
	let pending = loadedByRoot.get(key);
	if (!pending) {
		pending = load(key);
		loadedByRoot.set(key, pending);
		// A failed load (e.g. dist/ not built yet) must not be cached: the next call retries.
		pending.catch(() => loadedByRoot.delete(key));
	}
	return await pending;
}

/** The loaded package that provides a node type, loading the project itself on demand. */
export async function ensureNodeTypeLoaded(fullType: string): Promise<void> {
	if (harnessNodeTypes[fullType]) return;
	const [packageName] = splitNodeType(fullType);
	if (loadedByName.has(packageName)) return;
	const project = await loadPackage();
	if (project.packageName !== packageName) {
		throw new UnexpectedError(
			`Unknown node type "${fullType}": load its package with loadPackage(root) first`,
		);
	}
}
