/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository: the nearest folder above `start` whose package.json is this pack's. Found by
 * name, so the dev tooling also works when compiled elsewhere (the demo and the benchmarks run
 * compiled copies under .cache/).
 */
export function findRepoRoot(start: string): string {
	for (let dir = start; ; dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (
			existsSync(manifest) &&
			(JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ===
				'n8n-nodes-ticketing'
		) {
			return dir;
		}
		if (dirname(dir) === dir) throw new Error(`No n8n-nodes-ticketing package.json above ${start}`);
	}
}
