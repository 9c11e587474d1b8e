#!/usr/bin/env node
/**
 * Assembles the per-provider packages (packages/<name>/) from the one build in dist/.
 *
 * `n8n-node build` compiles the whole tree once. Each per-provider package then gets exactly what
 * n8n loads for its own nodes and credentials: the compiled files its `n8n` block names, every
 * file they require (followed through `require("./…")`, so nodes/shared/ comes along and no other
 * provider's code can), the codex file beside each node, and the icons the descriptions point at
 * with `file:`. Nothing in its dist/ comes from the sources; a package that reaches outside its
 * provider fails the assembly.
 *
 * Beside its dist/, each per-provider package gets the sources of those files (nodes/,
 * credentials/, and the icons they point at), committed: n8n's scanner lints the source folder
 * whose package.json has the package's name, which for a per-provider package is
 * packages/<name>/, so the package's own sources must sit there. They are copies the build
 * rewrites, like the examples: edit the files at the repository root, never these.
 *
 * A per-provider package's credentials and codex files link that package's README, not the
 * combined one: the build rewrites the links in both the copies and the compiled files.
 *
 * The combined pack (the repository root) is packed from dist/ as it is; `files` in its
 * package.json keeps to the same kinds of files.
 *
 *   node scripts/packages/assemble.mjs   (run by `npm run build`, after `n8n-node build`)
 */
import {
	cpSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { COMBINED_NAME, PROVIDER_PACKAGES, REPO_ROOT, readJson, sourceOf } from './catalog.mjs';

const DIST = join(REPO_ROOT, 'dist');
const EXAMPLES = join(REPO_ROOT, 'examples');
/** The only module compiled node code may load from outside the package: n8n provides it. */
const PROVIDED_BY_N8N = new Set(['n8n-workflow']);

// n8n-node build copies every PNG and SVG of the repository into dist/, the README's screenshots
// and the per-provider packages' icons included; nothing loads them and every install of the
// combined pack would download the screenshots.
for (const copied of ['docs', 'packages'])
	rmSync(join(DIST, copied), { recursive: true, force: true });

/** Relative `require("…")` targets of a compiled file, resolved to files in dist/. */
function requiredFiles(file) {
	const source = readFileSync(file, 'utf8');
	const found = [];
	for (const [, target] of source.matchAll(/require\("([^"]+)"\)/g)) {
		if (!target.startsWith('.')) {
			if (!PROVIDED_BY_N8N.has(target)) {
				throw new Error(
					`${relative(REPO_ROOT, file)} requires "${target}": node code may load only n8n-workflow`,
				);
			}
			continue;
		}
		const base = resolve(dirname(file), target);
		const candidates = [`${base}.js`, join(base, 'index.js'), base];
		const hit = candidates.find((candidate) => candidate.endsWith('.js') && existsSync(candidate));
		if (!hit)
			throw new Error(
				`${relative(REPO_ROOT, file)} requires "${target}", which the build did not produce`,
			);
		found.push(hit);
	}
	return found;
}

/** Icon files a compiled file points at (`file:../../icons/x.svg`), resolved to files in dist/. */
function iconFiles(file) {
	const source = readFileSync(file, 'utf8');
	return [...source.matchAll(/'file:([^']+)'/g)].map(([, target]) =>
		resolve(dirname(file), target),
	);
}

/** Every dist/ file the package's entries need, with the codex files and icons. */
function closureOf(entries) {
	const files = new Set();
	const pending = entries.map((entry) => join(REPO_ROOT, entry));
	while (pending.length > 0) {
		const file = pending.pop();
		if (files.has(file)) continue;
		if (!existsSync(file))
			throw new Error(`${relative(REPO_ROOT, file)} is missing: run n8n-node build first`);
		files.add(file);
		if (!file.endsWith('.js')) continue;
		pending.push(...requiredFiles(file));
		for (const icon of iconFiles(file)) pending.push(icon);
		const codex = file.replace(/\.js$/, '.json');
		if (file.endsWith('.node.js') && existsSync(codex)) pending.push(codex);
	}
	return [...files].sort();
}

/**
 * A codex file names its node by its full type (`<package>.<node>`) and links the docs: in a
 * per-provider package both must be that package's.
 */
function codexFor(pkg, codexFile) {
	const codex = readJson(codexFile);
	const shortName = codex.node.slice(codex.node.lastIndexOf('.') + 1);
	codex.node = `${pkg.name}.${shortName}`;
	for (const links of Object.values(codex.resources ?? {})) {
		for (const link of links) link.url = pkg.homepage;
	}
	return `${JSON.stringify(codex, null, '\t')}\n`;
}

/** The combined README's address, which the credentials' `documentationUrl` starts with. */
const COMBINED_README = 'https://github.com/n8n-nodes-ticketing/n8n-nodes-ticketing#';

/**
 * A credential file (source or compiled) with its documentation link on this package's README,
 * at its Credentials section. A credential that does not link the combined README fails the
 * assembly, so a new one cannot keep a link nobody rewrites.
 */
function credentialFor(pkg, file) {
	const text = readFileSync(file, 'utf8');
	const link = /(documentationUrl = )'([^']*)'/;
	const found = link.exec(text);
	if (!found || !found[2].startsWith(COMBINED_README)) {
		throw new Error(
			`${relative(REPO_ROOT, file)}: documentationUrl must link ${COMBINED_README}<section>`,
		);
	}
	const readme = pkg.homepage.replace(/#.*$/, '');
	return text.replace(link, `$1'${readme}#credentials'`);
}

/** Relative module paths a TypeScript source imports (types included), resolved to files. */
function importedSources(file) {
	const source = readFileSync(file, 'utf8');
	const found = [];
	for (const [, , target] of source.matchAll(
		/(from\s*|import\s*\(?\s*|require\(\s*)'(\.[^']+)'/g,
	)) {
		const base = resolve(dirname(file), target);
		const candidates = [`${base}.ts`, join(base, 'index.ts'), base];
		const hit = candidates.find(
			(candidate) => /\.(ts|json)$/.test(candidate) && existsSync(candidate),
		);
		if (!hit) throw new Error(`${relative(REPO_ROOT, file)} imports "${target}", which is missing`);
		found.push(hit);
	}
	return found;
}

/**
 * The repository files a package is built from: the TypeScript sources of its entries and every
 * source they import (type-only imports too, which compile to nothing but which the scanner's
 * lint resolves), the codex file beside each node, and the icons the sources point at.
 */
function sourceClosureOf(entries) {
	const files = new Set();
	const pending = entries.map((entry) => join(REPO_ROOT, sourceOf(entry)));
	while (pending.length > 0) {
		const file = pending.pop();
		if (files.has(file)) continue;
		if (!existsSync(file)) throw new Error(`${relative(REPO_ROOT, file)} is missing`);
		files.add(file);
		if (!file.endsWith('.ts')) continue;
		pending.push(...importedSources(file), ...iconFiles(file));
		const codex = file.replace(/\.ts$/, '.json');
		if (file.endsWith('.node.ts') && existsSync(codex)) pending.push(codex);
	}
	return [...files].sort();
}

/**
 * Writes the package's sources into packages/<name>/ (nodes/, credentials/, icons/), as the
 * package is built from them: codex files and credentials with this package's links.
 */
function writeSources(pkg, sources) {
	for (const folder of ['nodes', 'credentials', 'icons'])
		rmSync(join(pkg.dir, folder), { recursive: true, force: true });
	for (const file of sources) {
		const path = relative(REPO_ROOT, file);
		const destination = join(pkg.dir, path);
		mkdirSync(dirname(destination), { recursive: true });
		if (file.endsWith('.node.json')) writeFileSync(destination, codexFor(pkg, file));
		else if (path.startsWith('credentials/')) writeFileSync(destination, credentialFor(pkg, file));
		else cpSync(file, destination);
	}
}

/** Node names (`zaia`, `zaiaTrigger`) of the combined pack's node types in a workflow file. */
function ourNodeNames(text) {
	const prefix = `${COMBINED_NAME}.`;
	return (JSON.parse(text).nodes ?? [])
		.map((node) => node.type)
		.filter((type) => type.startsWith(prefix))
		.map((type) => type.slice(prefix.length));
}

/**
 * The examples that use only this provider's nodes, with the node types this package gives them
 * (`<package>.<node>`), in packages/<name>/examples/: committed, so a user of the package can
 * import them, and rewritten by every build, so they never drift from examples/.
 */
function writeExamples(pkg, nodeNames) {
	const target = join(pkg.dir, 'examples');
	rmSync(target, { recursive: true, force: true });
	let written = 0;
	for (const file of readdirSync(EXAMPLES)
		.filter((name) => name.endsWith('.json'))
		.sort()) {
		const text = readFileSync(join(EXAMPLES, file), 'utf8');
		const used = ourNodeNames(text);
		if (used.length === 0 || !used.every((name) => nodeNames.includes(name))) continue;
		mkdirSync(target, { recursive: true });
		writeFileSync(join(target, file), text.split(`"${COMBINED_NAME}.`).join(`"${pkg.name}.`));
		written++;
	}
	return written;
}

for (const pkg of PROVIDER_PACKAGES) {
	const entries = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
	const files = closureOf(entries);
	const outside = files.filter((file) => !pkg.owns(relative(DIST, file)));
	if (outside.length > 0) {
		throw new Error(
			`${pkg.name} would ship another provider's files: ${outside.map((file) => relative(REPO_ROOT, file)).join(', ')}`,
		);
	}

	const sources = sourceClosureOf(entries);
	const sourcePaths = new Set(sources.map((file) => relative(REPO_ROOT, file)));
	const foreign = [...sourcePaths].filter((path) => !pkg.owns(path));
	if (foreign.length > 0)
		throw new Error(
			`${pkg.name} would be built from another provider's files: ${foreign.join(', ')}`,
		);
	const unsourced = files
		.map((file) => sourceOf(relative(DIST, file)))
		.filter((path) => !sourcePaths.has(path));
	if (unsourced.length > 0)
		throw new Error(
			`${pkg.name} ships files whose sources were not found: ${unsourced.join(', ')}`,
		);

	const target = join(pkg.dir, 'dist');
	rmSync(target, { recursive: true, force: true });
	const nodeNames = [];
	for (const file of files) {
		const destination = join(target, relative(DIST, file));
		mkdirSync(dirname(destination), { recursive: true });
		if (file.endsWith('.node.json')) {
			const codex = codexFor(pkg, file);
			nodeNames.push(JSON.parse(codex).node.slice(pkg.name.length + 1));
			writeFileSync(destination, codex);
		} else if (relative(DIST, file).startsWith('credentials/'))
			writeFileSync(destination, credentialFor(pkg, file));
		else cpSync(file, destination);
	}
	writeSources(pkg, sources);
	const examples = writeExamples(pkg, nodeNames);
	// npm always packs README and LICENSE of the package folder; CHANGELOG is listed in `files`.
	for (const shared of ['LICENSE.md', 'CHANGELOG.md'])
		cpSync(join(REPO_ROOT, shared), join(pkg.dir, shared));
	console.log(
		`assemble: ${pkg.name}: ${files.length} files from dist/, ${sources.length} sources, ${examples} examples`,
	);
}
