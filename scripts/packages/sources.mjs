#!/usr/bin/env node
/**
 * Whether n8n's scanner lints the sources of everything a package ships.
 *
 * With provenance, the scanner lints one folder of the repository's source archive: the one
 * whose package.json has the package's name (`findPackageRoot`), and in it the files matching
 * `SOURCE_FILE_PATTERNS` (package.json, nodes/ and credentials/). A package whose folder lacks
 * its sources passes that leg while linting almost nothing, so every compiled node, credential
 * and codex file a package ships must have its source among the files that leg lints.
 *
 *   node scripts/packages/sources.mjs [SOURCE_DIR]   checks the built packages against
 *                                                    SOURCE_DIR (default: the files git tracks)
 * verify:packages runs the same check on the tarballs it packs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import glob from 'fast-glob';
import {
	findPackageRoot,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

import { ALL_PACKAGES, REPO_ROOT, sourceOf } from './catalog.mjs';

/**
 * The repository as a source archive of it holds it, in `dir`: tracked (and new, unignored)
 * files only, so no build output (dist/package.json has the combined pack's name too).
 */
export function sourceCheckout(dir) {
	const files = execFileSync(
		'git',
		['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
		{ cwd: REPO_ROOT, encoding: 'utf8' },
	)
		.split('\0')
		.filter(Boolean);
	for (const file of files) {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		try {
			cpSync(join(REPO_ROOT, file), join(dir, file));
		} catch (error) {
			if (error.code !== 'ENOENT') throw error; // deleted but not yet committed
		}
	}
	return dir;
}

/**
 * The files the scanner's source leg lints for a package, as `analyzePackage` lists them:
 * `{ root, files }` with absolute paths, or null when no package.json has the name.
 */
export function scannedSources(sourceDir, name) {
	const root = findPackageRoot(sourceDir, name);
	if (!root) return null;
	const files = glob.sync(SOURCE_FILE_PATTERNS, {
		cwd: root,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	return { root, files };
}

/**
 * Of the paths a tarball holds (relative to the package), the shipped files with a source the
 * scanner should lint (compiled nodes and credentials, codex files) whose source is not among
 * `linted` (paths relative to the package's source folder); and how many there are in all.
 */
export function unlintedSources(shippedPaths, linted) {
	const lintedSet = new Set(linted);
	const expected = shippedPaths
		.filter((path) => /^dist\/(nodes|credentials)\/.+\.(js|json)$/.test(path))
		.map(sourceOf);
	return { expected: expected.length, missing: expected.filter((path) => !lintedSet.has(path)) };
}

/** A few of the missing paths, enough to see which folder is missing. */
export function listed(paths) {
	return paths.length > 4 ? `${paths.slice(0, 4).join(', ')}, …` : paths.join(', ');
}

/** What `npm pack` puts into the package's tarball, by path. */
function packedPaths(dir) {
	const [report] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: dir,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	);
	return report.files.map((file) => file.path);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	let sourceDir = process.argv[2];
	if (!sourceDir) {
		sourceDir = sourceCheckout(mkdtempSync(join(tmpdir(), 'package-sources-')));
		process.on('exit', () => rmSync(sourceDir, { recursive: true, force: true }));
	}
	let failed = false;
	for (const pkg of ALL_PACKAGES) {
		const scanned = scannedSources(sourceDir, pkg.name);
		if (!scanned) {
			console.log(`✖ ${pkg.name}: no package.json named so in ${sourceDir}`);
			failed = true;
			continue;
		}
		const linted = scanned.files.map((file) => relative(scanned.root, file));
		const { expected, missing } = unlintedSources(packedPaths(pkg.dir), linted);
		const where = relative(sourceDir, scanned.root) || '.';
		if (missing.length > 0 || expected === 0) {
			failed = true;
			console.log(
				`✖ ${pkg.name} source (${where}): lints ${linted.length} files, misses ${missing.length} of the ${expected} sources the package ships: ${listed(missing)}`,
			);
		} else {
			console.log(
				`✔ ${pkg.name} source (${where}): lints ${linted.length} files, all ${expected} sources the package ships`,
			);
		}
	}
	process.exit(failed ? 1 : 0);
}
