#!/usr/bin/env node
/**
 * The npm registry this project is built from lacks the non-Linux builds of some native
 * packages (e.g. @unrs/resolver-binding-darwin-arm64, pulled in by n8n's lint tooling). npm then
 * leaves them out of package-lock.json, and `npm ci` refuses the lockfile as "out of sync".
 *
 * This adds an entry for every missing platform-specific optional dependency, with the os/cpu
 * read from its name, so `npm ci` skips it on other platforms exactly as it would with full
 * metadata. Run it after every `npm install` that rewrites the lockfile:
 *   node scripts/lockfile-platform-stubs.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';

const OS = [
	'android',
	'darwin',
	'freebsd',
	'linux',
	'openharmony',
	'win32',
	'netbsd',
	'openbsd',
	'sunos',
	'aix',
];
const CPU = [
	'arm64',
	'arm',
	'x64',
	'ia32',
	'loong64',
	'ppc64',
	'riscv64',
	's390x',
	'mips64el',
	'wasm32',
];

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const added = [];

for (const [path, entry] of Object.entries(lock.packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const key = `${path ? `${path}/` : ''}node_modules/${name}`.replace(/^\//, '');
		const hoisted = `node_modules/${name}`;
		if (lock.packages[key] || lock.packages[hoisted]) continue;
		const parts = name.split('/').pop().split('-');
		const os = parts.find((part) => OS.includes(part));
		const cpu = parts.find((part) => CPU.includes(part));
		if (!os || !cpu) {
			console.warn(`not stubbed (no platform in its name): ${name}`);
			continue;
		}
		lock.packages[hoisted] = {
			version,
			cpu: [cpu],
			dev: entry.dev === true || undefined,
			optional: true,
			os: [os],
		};
		added.push(name);
	}
}

writeFileSync(file, `${JSON.stringify(lock, null, '\t')}\n`);
console.log(added.length ? `stubbed ${added.length}: ${added.join(', ')}` : 'lockfile complete');
