#!/usr/bin/env node
/**
 * The static checks of n8n's package scanner (`npx @n8n/scan-community-package NAME`), offline,
 * for all four packages.
 *
 * The real scanner downloads the published package and its npm provenance, then lints two
 * things with one ESLint configuration: the source folder the provenance points at (found in the
 * repository by the package.json whose `name` is the package's) and the unpacked tarball. This
 * runs the same two legs with the scanner's own code and configuration (`buildScanConfig`,
 * `findPackageRoot`, `SOURCE_FILE_PATTERNS`, imported from the pinned devDependency), on
 *   - the source: the files git tracks (what a commit's source archive holds), and
 *   - each tarball: `npm pack` of the built package, unpacked.
 * The scanner fails on errors only; this fails on warnings too, and when a package's source leg
 * lints fewer sources than the package ships (`sources.mjs`: the scanner would pass a folder that
 * holds only package.json). It also prints every tarball's packed and unpacked size.
 *
 *   npm run verify:packages      (builds first)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

import { ALL_PACKAGES } from './catalog.mjs';
import { listed, scannedSources, sourceCheckout, unlintedSources } from './sources.mjs';

/** The scanner's tarball leg: compiled JavaScript and the published package.json. */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const work = mkdtempSync(join(tmpdir(), 'verify-packages-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** `npm pack` of a package folder, unpacked; with the sizes npm reports. */
function unpackedTarball(pkg) {
	const destination = join(work, 'tarballs');
	mkdirSync(destination, { recursive: true });
	const [report] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
			cwd: pkg.dir,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	const dir = join(work, 'unpacked', report.filename.replace(/\.tgz$/, ''));
	mkdirSync(dir, { recursive: true });
	execFileSync('tar', [
		'-xzf',
		join(destination, report.filename),
		'-C',
		dir,
		'--strip-components=1',
	]);
	return {
		dir,
		size: report.size,
		unpackedSize: report.unpackedSize,
		entryCount: report.entryCount,
	};
}

/** Lints `files` (absolute paths in `dir`) with the scanner's configuration. */
async function lint(dir, files) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const results = await eslint.lintFiles(files);
	const problems = results.reduce(
		(sum, result) => sum + result.errorCount + result.warningCount,
		0,
	);
	const report = problems > 0 ? await (await eslint.loadFormatter('stylish')).format(results) : '';
	return { files: files.length, problems, report };
}

/** The files of the scanner's tarball leg, as `analyzePackage` lists them. */
function tarballFiles(dir) {
	return glob.sync(TARBALL_FILE_PATTERNS, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

const source = sourceCheckout(join(work, 'source'));
let failed = false;
const sizes = [];
for (const pkg of ALL_PACKAGES) {
	const scanned = scannedSources(source, pkg.name);
	if (!scanned) {
		console.log(`✖ ${pkg.name}: the scanner would find no package.json named so in the source`);
		failed = true;
		continue;
	}
	const tarball = unpackedTarball(pkg);
	const shipped = glob.sync('**', { cwd: tarball.dir });
	const coverage = unlintedSources(
		shipped,
		scanned.files.map((file) => relative(scanned.root, file)),
	);
	const uncovered = coverage.missing.length > 0 || coverage.expected === 0;
	const legs = [
		[
			`source (${relative(source, scanned.root) || '.'})`,
			await lint(scanned.root, scanned.files),
			uncovered
				? ` (misses ${coverage.missing.length} of the ${coverage.expected} sources the tarball ships: ${listed(coverage.missing)})`
				: ` (all ${coverage.expected} sources the tarball ships)`,
			uncovered,
		],
		['tarball', await lint(tarball.dir, tarballFiles(tarball.dir)), '', false],
	];
	for (const [leg, result, note, short] of legs) {
		const bad = result.problems > 0 || result.files === 0 || short;
		console.log(
			`${bad ? '✖' : '✔'} ${pkg.name} ${leg}: ${result.files} files${note}, ${result.problems} problems`,
		);
		if (bad) {
			failed = true;
			if (result.report) console.log(result.report);
		}
	}
	sizes.push(
		`| \`${pkg.name}\` | ${kB(tarball.size)} | ${kB(tarball.unpackedSize)} | ${tarball.entryCount} |`,
	);
}

console.log('\n| package | packed | unpacked | files |\n|---|---|---|---|');
console.log(sizes.join('\n'));
if (failed) {
	console.log('\nverify:packages failed');
	process.exit(1);
}
console.log(
	"\nverify:packages: all packages pass the scanner's lint, 0 errors and 0 warnings, on all the sources they ship",
);
