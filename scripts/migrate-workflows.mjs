#!/usr/bin/env node
/**
 * Moves exported n8n workflows from the combined pack (`n8n-nodes-ticketing`) to the
 * per-provider packages: every node of the combined pack gets its provider's package as the
 * prefix of its type (`n8n-nodes-ticketing.zaia` → `n8n-nodes-ticketing-zaia.zaia`, the AI-tool
 * variants and triggers alike); every other node, and everything else in the workflow (node
 * names and ids, webhook ids, credentials, connections, static data), stays as it is.
 *
 *   node migrate-workflows.mjs <export> [--output <path>] [--dry-run]
 *
 * <export> is what `n8n export:workflow` wrote: a file holding one workflow or an array of them,
 * or a folder of such files (`--separate`). Without --output the files are rewritten in place;
 * a file that needs no change is not written. --dry-run only reports.
 *
 * It refuses (exit 1, nothing written) a node type of the combined pack it does not know, and a
 * per-provider package's type with another provider's node (`n8n-nodes-ticketing-zaia.gorgias`,
 * what a blind replacement of the prefix produces). Running it again changes nothing.
 *
 * Plain Node (18 or later), no dependencies: one file to download and run. It lives in the
 * repository, not in the packages: n8n's verification forbids file-system access in a package.
 * test/scripts/migrate-workflows.test.ts checks PACKAGES against the packages' manifests.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The combined pack: node types `n8n-nodes-ticketing.<node>`. */
export const COMBINED = 'n8n-nodes-ticketing';

/**
 * Each per-provider package and the node names it holds, AI-tool variants (`<node>Tool`, which
 * n8n derives from an action node with `usableAsTool`) included. Credential types keep their
 * names in every package, so credentials need no change.
 */
export const PACKAGES = {
	'n8n-nodes-ticketing-gorgias': [
		'gorgias',
		'gorgiasTool',
		'gorgiasTrigger',
		'gorgiasInstantTrigger',
	],
	'n8n-nodes-ticketing-gurusup': ['guruSup', 'guruSupTool', 'guruSupTrigger'],
	'n8n-nodes-ticketing-zaia': ['zaia', 'zaiaTool', 'zaiaTrigger'],
};

/** Node types whose state lives with an outside service, which the report points at. */
const INSTANT_TRIGGERS = new Set(['gorgiasInstantTrigger']);

const packageOfNode = new Map(
	Object.entries(PACKAGES).flatMap(([name, nodes]) => nodes.map((node) => [node, name])),
);

/** Splits `<package>.<node>` at the last dot (package names have none, scoped ones neither). */
function splitType(type) {
	const dot = type.lastIndexOf('.');
	return dot < 0 ? [type, ''] : [type.slice(0, dot), type.slice(dot + 1)];
}

/**
 * What becomes of one node type: `{ type }` (the type to write, the same when it stays) and the
 * package it needs, or `{ error }`.
 */
export function migrateType(type) {
	if (typeof type !== 'string') return { type };
	const [pkg, node] = splitType(type);
	if (pkg === COMBINED) {
		const target = packageOfNode.get(node);
		if (!target) {
			return {
				error: `unknown node type "${type}": the combined pack has no node "${node}" in this script's list (${[...packageOfNode.keys()].join(', ')}); is the script older than the pack?`,
			};
		}
		return { type: `${target}.${node}`, package: target };
	}
	if (PACKAGES[pkg]) {
		if (PACKAGES[pkg].includes(node)) return { type, package: pkg };
		const owner = packageOfNode.get(node);
		return {
			error: owner
				? `node type "${type}" mixes two providers (a blind replacement of the prefix?): "${node}" is in ${owner}, so the type is "${owner}.${node}"`
				: `unknown node type "${type}": ${pkg} has no node "${node}"`,
		};
	}
	return { type };
}

/**
 * Migrates one workflow object in place. Returns what changed (`{ node, from, to }` per node),
 * the packages its nodes need, and the errors (then nothing was changed).
 */
export function migrateWorkflow(workflow) {
	const changes = [];
	const errors = [];
	const packages = new Set();
	const instantTriggers = [];
	const nodes = Array.isArray(workflow?.nodes) ? workflow.nodes : [];
	const planned = nodes.map((node) => {
		const result = migrateType(node?.type);
		if (result.error) errors.push(`node "${node.name}": ${result.error}`);
		if (result.package) packages.add(result.package);
		if (result.type !== undefined && INSTANT_TRIGGERS.has(splitType(result.type)[1]))
			instantTriggers.push(node.name);
		return result;
	});
	if (errors.length === 0) {
		nodes.forEach((node, index) => {
			const { type } = planned[index];
			if (type !== node.type) {
				changes.push({ node: node.name, from: node.type, to: type });
				node.type = type;
			}
		});
	}
	return { changes, errors, packages: [...packages].sort(), instantTriggers };
}

function isWorkflow(value) {
	return (
		typeof value === 'object' &&
		value !== null &&
		Array.isArray(value.nodes) &&
		'connections' in value
	);
}

/** The indentation n8n wrote the file with (`--pretty`: two spaces), or none. */
function indentOf(text) {
	const match = /^[[{]\r?\n([ \t]+)/.exec(text);
	return match ? match[1] : undefined;
}

/** Reads one export file: `{ workflows, write(newFile) }`, or throws a readable error. */
function readExport(file) {
	const text = readFileSync(file, 'utf8');
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new Error(`${file}: not JSON (${error.message})`);
	}
	const workflows = Array.isArray(parsed) ? parsed : [parsed];
	if (workflows.length === 0 || !workflows.every(isWorkflow)) {
		throw new Error(
			`${file}: not an n8n workflow export (expected a workflow with "nodes" and "connections", or an array of them)`,
		);
	}
	const indent = indentOf(text);
	const trailing = text.endsWith('\n') ? '\n' : '';
	return {
		workflows,
		serialize: () => JSON.stringify(parsed, null, indent) + trailing,
	};
}

/** The files of an export: the file itself, or the folder's `*.json` (as import:workflow reads it). */
function exportFiles(input) {
	if (!existsSync(input)) throw new Error(`${input} does not exist`);
	if (!statSync(input).isDirectory()) return [input];
	return readdirSync(input)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => join(input, name));
}

function describeWorkflow(workflow) {
	return `"${workflow.name ?? '(no name)'}"${workflow.id ? ` (${workflow.id})` : ''}`;
}

/**
 * Runs the migration over an export; returns `{ code, lines }` (the report). Writes only when
 * every workflow of every file could be migrated.
 */
export function run({ input, output, dryRun = false }) {
	const lines = [];
	const files = exportFiles(input);
	const intoFolder = statSync(input).isDirectory();
	if (files.length === 0) return { code: 1, lines: [`${input}: no .json files`] };
	const results = [];
	const errors = [];
	for (const file of files) {
		const exported = readExport(file);
		const perWorkflow = exported.workflows.map((workflow) => ({
			workflow,
			...migrateWorkflow(workflow),
		}));
		for (const { workflow, errors: found } of perWorkflow)
			for (const error of found)
				errors.push(`${basename(file)}: workflow ${describeWorkflow(workflow)}: ${error}`);
		results.push({ file, exported, perWorkflow });
	}
	if (errors.length > 0) {
		return {
			code: 1,
			lines: [
				...errors,
				`refused: ${errors.length} node type(s) not migrated; no file was written`,
			],
		};
	}

	const needed = new Set();
	let changedNodes = 0;
	let written = 0;
	for (const { file, exported, perWorkflow } of results) {
		let fileChanged = false;
		for (const { workflow, changes, packages, instantTriggers } of perWorkflow) {
			for (const name of packages) needed.add(name);
			if (changes.length === 0) {
				lines.push(`${describeWorkflow(workflow)}: unchanged`);
				continue;
			}
			fileChanged = true;
			changedNodes += changes.length;
			lines.push(`${describeWorkflow(workflow)}: ${changes.length} node(s) moved`);
			for (const change of changes) lines.push(`  "${change.node}": ${change.from} → ${change.to}`);
			if (workflow.active === true)
				lines.push('  was active: import:workflow imports it inactive; activate it afterwards');
			if (instantTriggers.length > 0)
				lines.push(
					`  instant trigger ${instantTriggers.map((name) => `"${name}"`).join(', ')}: deactivate the workflow before the export (Gorgias integrations), activate it after the import`,
				);
		}
		const target = output ? (intoFolder ? join(output, basename(file)) : output) : file;
		if (!fileChanged && target === file) continue;
		written++;
		if (dryRun) continue;
		if (output && intoFolder) mkdirSync(output, { recursive: true });
		writeFileSync(target, exported.serialize());
	}
	lines.push(
		dryRun
			? `${changedNodes} node(s) to move, ${written} file(s) to write (dry run: nothing written)`
			: `${changedNodes} node(s) moved, ${written} file(s) written`,
	);
	if (needed.size > 0)
		lines.push(`packages these workflows need: ${[...needed].sort().join(', ')}`);
	return { code: 0, lines };
}

function parseArguments(argv) {
	const options = { dryRun: false };
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index];
		if (argument === '--dry-run') options.dryRun = true;
		else if (argument === '--output' || argument === '-o') options.output = argv[++index];
		else if (argument.startsWith('--output=')) options.output = argument.slice('--output='.length);
		else if (argument.startsWith('-') || options.input) return undefined;
		else options.input = argument;
	}
	if (!options.input || options.output === '') return undefined;
	return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const options = parseArguments(process.argv.slice(2));
	if (!options) {
		console.error(
			'usage: node migrate-workflows.mjs <export file or folder> [--output <file or folder>] [--dry-run]',
		);
		process.exit(2);
	}
	try {
		const { code, lines } = run(options);
		(code === 0 ? console.log : console.error)(lines.join('\n'));
		process.exit(code);
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
