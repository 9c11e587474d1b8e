#!/usr/bin/env node
/**
 * Proves that `npm run lint` reads the node descriptions: in a copy of the tree it plants
 * mistakes n8n's lint rules know (an Operation entry miscased, its action miscased and ending
 * in a period, a locator description ending in a period) in several resources' files, expects
 * the lint to fail naming each rule in the file it was planted in, and expects the same lint on
 * the unplanted copy to pass with nothing reported.
 * A description the lint cannot read (built by a function, a template string) would let the
 * planted mistakes through, and this fails.
 *
 *   npm run lint:canary
 */
import { spawnSync } from 'node:child_process';
import {
	cpSync,
	mkdtempSync,
	readFileSync,
	realpathSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What is planted, where, and which rule must report it. */
const PLANTS = [
	{
		file: 'nodes/Zaia/actions/ticket/index.ts',
		from: "name: 'Take Over',",
		to: "name: 'take over',",
		rule: 'n8n-nodes-base/node-param-display-name-miscased',
	},
	{
		file: 'nodes/Zaia/actions/ticket/index.ts',
		from: "action: 'Take over a ticket',",
		to: "action: 'Take Over A Ticket.',",
		rule: 'n8n-nodes-base/node-param-operation-option-action-miscased',
	},
	{
		file: 'nodes/Zaia/descriptions.ts',
		from: "description: 'The ticket to work on',",
		to: "description: 'The ticket to work on.',",
		rule: 'n8n-nodes-base/node-param-description-excess-final-period',
	},
	{
		file: 'nodes/Gorgias/actions/macro/index.ts',
		from: "name: 'Apply to Tickets',",
		to: "name: 'apply to tickets',",
		rule: 'n8n-nodes-base/node-param-display-name-miscased',
	},
	{
		file: 'nodes/Gorgias/actions/macro/common.ts',
		from: "description: 'The macro to work on',",
		to: "description: 'The macro to work on.',",
		rule: 'n8n-nodes-base/node-param-description-excess-final-period',
	},
	{
		file: 'nodes/Gorgias/actions/tag/index.ts',
		from: "action: 'Delete a tag',",
		to: "action: 'Delete A Tag.',",
		rule: 'n8n-nodes-base/node-param-operation-option-action-miscased',
	},
	{
		file: 'nodes/Zaia/actions/chatMessage/index.ts',
		from: "action: 'Get many chat messages',",
		to: "action: 'Get Many Chat Messages.',",
		rule: 'n8n-nodes-base/node-param-operation-option-action-miscased',
	},
];

const COPIED = [
	'nodes',
	'credentials',
	'icons',
	'package.json',
	'eslint.config.mjs',
	'tsconfig.json',
];

function copyTree() {
	const dir = mkdtempSync(join(tmpdir(), 'lint-canary-'));
	for (const entry of COPIED) cpSync(join(root, entry), join(dir, entry), { recursive: true });
	symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'), 'dir');
	return dir;
}

/** `n8n-node lint` in `dir`: its exit code and its report (colours off). */
function lint(dir) {
	const run = spawnSync(join(dir, 'node_modules', '.bin', 'n8n-node'), ['lint'], {
		cwd: dir,
		encoding: 'utf8',
		env: { ...process.env, FORCE_COLOR: '0' },
	});
	// Without the terminal's colour codes, the rule names can be matched.
	const output = `${run.stdout}${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
	return { status: run.status, output };
}

/**
 * The rules the lint reported, per file relative to `dir`: its report names a file on a line
 * of its own, then one line per problem ending in the rule.
 */
function firedByFile(dir, output) {
	const fired = new Map();
	let file;
	for (const line of output.split('\n')) {
		const path = line.trim();
		if (path.startsWith('/')) {
			file = path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : path;
			continue;
		}
		const rule = /(n8n-nodes-base\/[a-z0-9-]+)\s*$/.exec(line)?.[1];
		if (rule && file) {
			if (!fired.has(file)) fired.set(file, new Set());
			fired.get(file).add(rule);
		}
	}
	return fired;
}

function plant(dir) {
	for (const { file, from, to } of PLANTS) {
		const path = join(dir, file);
		const text = readFileSync(path, 'utf8');
		if (text.split(from).length !== 2) {
			throw new Error(`lint canary: expected "${from}" exactly once in ${file}; update PLANTS`);
		}
		writeFileSync(path, text.replace(from, to));
	}
}

let failed = false;
const clean = copyTree();
const planted = copyTree();
try {
	const before = lint(clean);
	const problems = /✖ \d+ problem/.test(before.output);
	console.log(
		`unplanted copy: exit ${before.status}, ${problems ? 'problems reported' : 'nothing reported'}`,
	);
	if (before.status !== 0 || problems) {
		console.log(before.output);
		failed = true;
	}

	plant(planted);
	const after = lint(planted);
	const fired = firedByFile(planted, after.output);
	console.log(
		`planted copy: exit ${after.status}, rules fired: ${[...fired].map(([file, rules]) => `${file}: ${[...rules].join(', ')}`).join('; ') || 'none'}`,
	);
	// Each plant must be caught in its own file: a rule firing elsewhere proves nothing about it.
	const missing = PLANTS.filter((entry) => !fired.get(entry.file)?.has(entry.rule)).map(
		(entry) => `${entry.rule} in ${entry.file}`,
	);
	if (after.status === 0 || missing.length > 0) {
		console.log(after.output);
		console.log(
			`lint canary: the planted mistakes went through (rules not fired: ${missing.join(', ')})`,
		);
		failed = true;
	}
} finally {
	rmSync(clean, { recursive: true, force: true });
	rmSync(planted, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log('lint canary: the lint reads the descriptions');
