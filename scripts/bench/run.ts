/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- benchmark tooling runs in plain Node and is never packaged */
/**
 * `npm run bench`: every scenario side by side with its peer, in one real n8n
 * (the e2e install) against loopback sandboxes; prints each table and writes BENCHMARKS.md.
 * Figures are reported, never asserted: a slow machine prints slow figures and nothing fails.
 * Results are checked: outputs that differ from the peer's, lost or repeated items make it exit 1.
 *
 * Options:
 * --runs N       runs per figure (default 5; 1 with --smoke)
 * --only 1,3     these scenarios only
 * --out FILE     where the report goes: BENCHMARKS.md for a full run; "-" prints only, the
 *                default with --only or --smoke
 * --smoke        small sizes: CI checks every scenario still runs and gives right results
 * --cpu-prof DIR n8n writes a V8 CPU profile there when it stops (where the time goes)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from '../../dev/n8n';
import { BenchN8n } from './n8n';
import { benchMarkdown, LoadSampler, machineFacts } from './markdown';
import type { ScenarioReport } from './report';
import { scenarioMarkdown } from './report';
import { batchGetScenario } from './batch-get';
import { hiddenLimitScenario, realLatencyScenario } from './latency';
import { memoryScenario } from './memory';
import { queueScenario } from './queue';
import { rateLimitScenario } from './rate-limit';
import { startBenchSandboxes } from './setup';
import { throughputScenario } from './throughput';
import { triggerCost } from './trigger-cost';
import { waitingCost } from './waiting-cost';

interface Sizes {
	/** Items of the throughput, rate-limit and batch-get workflows. */
	items: number;
	memoryTickets: number;
	triggerTickets: number;
	newTickets: number;
	/** New tickets of the trigger's common-case poll: fewer than 100. */
	commonNewTickets: number;
	/** Webhook calls of the queue-mode burst, and items per call. */
	queueCalls: number;
	queueItems: number;
	/** Open tickets of the waiting-cost scenario, and customers newly waiting in its poll. */
	waitingTickets: number;
	newlyWaiting: number;
}

/** The sizes of a full run, the figures BENCHMARKS.md reports. */
const FULL: Sizes = {
	items: 1000,
	memoryTickets: 50_000,
	triggerTickets: 100_000,
	newTickets: 250,
	commonNewTickets: 99,
	queueCalls: 100,
	queueItems: 100,
	waitingTickets: 10_000,
	newlyWaiting: 50,
};
/** --smoke: every scenario end to end in a few minutes, for CI (figures not meaningful). */
const SMOKE: Sizes = {
	items: 60,
	memoryTickets: 500,
	triggerTickets: 1000,
	newTickets: 25,
	commonNewTickets: 99,
	queueCalls: 10,
	queueItems: 10,
	waitingTickets: 500,
	newlyWaiting: 50,
};

interface Options {
	runs: number;
	only: Set<number> | undefined;
	out: string;
	cpuProfileDir: string | undefined;
	sizes: Sizes;
}

function parseOptions(argv: string[]): Options {
	const value = (name: string) => {
		const index = argv.indexOf(name);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const smoke = argv.includes('--smoke');
	const runs = Number(value('--runs') ?? (smoke ? 1 : 5));
	if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1');
	const only = value('--only');
	return {
		runs,
		only: only ? new Set(only.split(',').map(Number)) : undefined,
		// A smoke run's figures mean nothing, and some scenarios are not the whole report:
		// neither overwrites BENCHMARKS.md unless told to.
		out: value('--out') ?? (smoke || only ? '-' : join(REPO_ROOT, 'BENCHMARKS.md')),
		cpuProfileDir: value('--cpu-prof'),
		sizes: smoke ? SMOKE : FULL,
	};
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const wanted = (scenario: number) => !options.only || options.only.has(scenario);
	const { sizes } = options;
	const log = (line: string) => console.log(line);
	const startedAt = new Date();
	const load = new LoadSampler();

	log('Starting the sandboxes…');
	const sandboxes = await startBenchSandboxes();
	const reports: ScenarioReport[] = [];
	let n8n: BenchN8n | undefined;
	try {
		const inN8n = [
			{ number: 1, make: () => throughputScenario(sandboxes, sizes.items) },
			{ number: 2, make: () => rateLimitScenario(sandboxes, sizes.items) },
			{ number: 3, make: () => batchGetScenario(sandboxes, sizes.items) },
			{ number: 7, make: () => realLatencyScenario(sandboxes, sizes.items) },
			{ number: 8, make: () => hiddenLimitScenario(sandboxes, sizes.items) },
		]
			.filter((entry) => wanted(entry.number))
			.map((entry) => entry.make());
		if (inN8n.length) {
			log('Starting n8n with the pack installed…');
			n8n = await BenchN8n.start(
				inN8n.flatMap((scenario) => scenario.credentials.map((credential) => credential.file)),
				inN8n.flatMap((scenario) => scenario.workflows),
				{
					// The thin floor nodes, compiled beside this file; never part of the pack.
					N8N_CUSTOM_EXTENSIONS: join(__dirname, 'thin'),
					...(options.cpuProfileDir
						? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${options.cpuProfileDir}` }
						: {}),
				},
			);
			for (const scenario of inN8n) {
				log(`${scenario.title}…`);
				const started = performance.now();
				reports.push(...[await scenario.run(n8n, options.runs, log)].flat());
				// CI's smoke run has a time budget: each scenario's share of it is printed.
				log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
			}
			// The next scenarios run without it (memory starts an n8n of its own per run).
			await n8n.stop();
			n8n = undefined;
		}
		if (wanted(5)) {
			const memory = memoryScenario(sandboxes, sizes.memoryTickets);
			log(`${memory.title}…`);
			reports.push(await memory.run(options.runs, log));
		}
		if (wanted(6)) {
			log('6. Queue mode…');
			reports.push(
				await queueScenario(sandboxes, sizes.queueCalls, sizes.queueItems, options.runs, log),
			);
		}
		if (wanted(4)) {
			log('4. Trigger cost…');
			reports.push(
				...(await triggerCost({
					runs: options.runs,
					tickets: sizes.triggerTickets,
					newTickets: sizes.newTickets,
					commonNewTickets: sizes.commonNewTickets,
					log,
				})),
			);
		}
		if (wanted(9)) {
			log('9. Waiting cost…');
			reports.push(
				await waitingCost({
					runs: options.runs,
					tickets: sizes.waitingTickets,
					newlyWaiting: sizes.newlyWaiting,
					log,
				}),
			);
		}
	} finally {
		await n8n?.stop();
		await sandboxes.stop();
	}
	reports.sort((a, b) => a.title.localeCompare(b.title, 'en', { numeric: true }));

	const loadFigures = load.stop();
	for (const report of reports) log(`\n${scenarioMarkdown(report)}`);
	log(
		`\nLoad average during the run: median ${loadFigures.median.toFixed(1)} (${loadFigures.lowest.toFixed(1)}–${loadFigures.highest.toFixed(1)}) on ${loadFigures.cores} cores`,
	);
	if (options.out !== '-') {
		writeFileSync(
			options.out,
			benchMarkdown(reports, machineFacts(), startedAt, options.runs, loadFigures),
		);
		log(`\nWrote ${options.out}`);
	}
	const errors = reports.flatMap((report) => report.errors);
	if (errors.length) {
		console.error(
			`\nWrong results (not timings):\n${errors.map((error) => `- ${error}`).join('\n')}`,
		);
		process.exitCode = 1;
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
