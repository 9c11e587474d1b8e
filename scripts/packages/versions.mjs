#!/usr/bin/env node
/**
 * The four packages are released together with one version (lockstep).
 *
 *   node scripts/packages/versions.mjs check v1.2.3   exits 1 unless every package is at 1.2.3
 *   node scripts/packages/versions.mjs set 1.2.3      sets it in every package.json (and the lockfile)
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';

import { ALL_PACKAGES, PROVIDER_PACKAGES, REPO_ROOT } from './catalog.mjs';

const [command, argument = ''] = process.argv.slice(2);
const version = argument.replace(/^v/, '');
if (!['check', 'set'].includes(command) || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
	console.error('usage: versions.mjs check vX.Y.Z | set X.Y.Z');
	process.exit(2);
}

if (command === 'check') {
	const wrong = ALL_PACKAGES.filter((pkg) => pkg.version !== version);
	for (const pkg of wrong)
		console.error(`${pkg.name} is at ${pkg.version}, the tag says ${version}`);
	if (wrong.length > 0) process.exit(1);
	console.log(`all ${ALL_PACKAGES.length} packages are at ${version}`);
} else {
	// npm keeps package.json and package-lock.json of the root in step
	execFileSync('npm', ['version', version, '--no-git-tag-version', '--allow-same-version'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	for (const pkg of PROVIDER_PACKAGES) {
		const file = join(pkg.dir, 'package.json');
		const text = readFileSync(file, 'utf8');
		writeFileSync(file, text.replace(/^(\t"version": )"[^"]+"/m, `$1"${version}"`));
	}
	console.log(`set ${version} in ${ALL_PACKAGES.length} packages`);
}
