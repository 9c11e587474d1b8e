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
 * The scanner fails on errors only; this fails on warnings too. It also prints every tarball's
 * packed and unpacked size.
 *
 *   npm run verify:packages      (builds first)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import { ESLint } from 'eslint';
import glob from 'fast-glob';
import {
	buildScanConfig,
	findPackageRoot,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

import { ALL_PACKAGES, REPO_ROOT } from './catalog.mjs';

/** The scanner's tarball leg: compiled JavaScript and the published package.json. */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const work = mkdtempSync(join(tmpdir(), 'verify-packages-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** The repository as a source archive of it holds it: tracked (and new, unignored) files only. */
function sourceCheckout() {
	const dir = join(work, 'source');
	const files = execFileSync(
		'git',
		['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
		{
			cwd: REPO_ROOT,
			encoding: 'utf8',
		},
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

async function lint(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const problems = results.reduce(
		(sum, result) => sum + result.errorCount + result.warningCount,
		0,
	);
	const report = problems > 0 ? await (await eslint.loadFormatter('stylish')).format(results) : '';
	return { files: files.length, problems, report };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

const source = sourceCheckout();
let failed = false;
const sizes = [];
for (const pkg of ALL_PACKAGES) {
	const sourceRoot = findPackageRoot(source, pkg.name);
	if (!sourceRoot) {
		console.log(`✖ ${pkg.name}: the scanner would find no package.json named so in the source`);
		failed = true;
		continue;
	}
	const tarball = unpackedTarball(pkg);
	const legs = [
		[
			`source (${relative(source, sourceRoot) || '.'})`,
			await lint(sourceRoot, SOURCE_FILE_PATTERNS),
		],
		['tarball', await lint(tarball.dir, TARBALL_FILE_PATTERNS)],
	];
	for (const [leg, result] of legs) {
		const mark = result.problems === 0 && result.files > 0 ? '✔' : '✖';
		console.log(`${mark} ${pkg.name} ${leg}: ${result.files} files, ${result.problems} problems`);
		if (result.problems > 0 || result.files === 0) {
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
console.log("\nverify:packages: all packages pass the scanner's lint, 0 errors and 0 warnings");
