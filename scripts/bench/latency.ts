/**
 * The regimes users meet with a real provider: answers after 150 ms, and a concurrency limit
 * the node is not told about. 1,000 Zaia assign updates each, the pack's adaptive default
 * beside n8n's HTTP Request node (as it comes, and with its Batching option set for the limit),
 * the thinnest node doing the same work through n8n's helpers (the floors the pack is judged
 * against: checking all items first, and streaming) and a plain undici loop.
 * Verdicts are computed from per-run ratios measured in the same round, so a slow moment of
 * the machine weighs on both sides of a ratio.
 */
import { randomUUID } from 'node:crypto';

import { request } from 'undici';

import type { RunItem } from '../../dev/n8n';
import { peakInFlight, type LoggedRequest } from '../../dev/sandboxes/framework';
import { ZAIA_ROUTES, type ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { PROBE_WINDOWS } from '../../nodes/shared/concurrency';
import { DEFAULT_CONCURRENCY, DEFAULT_CONCURRENCY_CEILING } from '../../nodes/shared/execute';
import { compareOutputs, sameRequests } from './compare';
import type { BenchN8n, BenchWorkflow, N8nScenario } from './n8n';
import { taskOf, webhookWorkflow } from './n8n';
import {
	format,
	judge,
	median,
	overall,
	perRunRatios,
	withRuns,
	type Judgement,
	type ScenarioReport,
} from './report';
import {
	byId,
	CONTINUE,
	HIDDEN_LIMIT,
	httpRequestNode,
	packNode,
	REAL_LATENCY_MS,
	thinNode,
	zaiaCredential,
	type BenchCredential,
	type BenchSandboxes,
} from './setup';
import {
	expectOk,
	FLOOR_AT_PEAK as AT_PEAK,
	NODE_UNDER_TEST,
	OURS_DEFAULT as OURS_ADAPTIVE,
	undiciLoop,
} from './throughput';
const HTTP_DEFAULT = "n8n's HTTP Request node, as it comes";
const OURS_STREAMING = 'this pack (Check Each Item Just Before Sending)';
const THIN_FIRST = "thin node through n8n's helpers, all items resolved first (floor of the default)";
const THIN_STREAMING =
	"thin node through n8n's helpers, each item sent once resolved (floor of the opt-out)";
/** What a user who knew the hidden limit would set: n8n's own pace at exactly the limit. */
const OURS_AT_LIMIT = `this pack (Concurrency: Fixed, ${HIDDEN_LIMIT}: told the limit)`;
const STAMPED = 'the sandbox stamps it at each write, and the runs happen at different times';

/** What one run of one variant left behind. */
interface Sample {
	ms: number;
	output: RunItem[];
	requests: LoggedRequest[];
	failedItems: number;
	/** From the start of the node's run to the first request the sandbox received. */
	beforeFirstMs: number;
}

/** The figures the report takes from a run's request log. */
export interface LimitFigures {
	/** Accepted answers × latency / (limit × span): how much of the limit the run used. */
	share: number;
	rejected429: number;
	/** Most requests the sandbox had open at one moment, refused ones included. */
	peak: number;
}

export function limitFigures(
	log: readonly LoggedRequest[],
	limit: number,
	latencyMs: number,
): LimitFigures {
	if (log.length === 0) return { share: Number.NaN, rejected429: 0, peak: 0 };
	const first = Math.min(...log.map((entry) => entry.receivedAt));
	const last = Math.max(...log.map((entry) => entry.respondedAt ?? entry.receivedAt));
	const accepted = log.filter((entry) => entry.status !== null && entry.status < 400).length;
	return {
		share: (accepted * latencyMs) / (limit * Math.max(1, last - first)),
		rejected429: log.filter((entry) => entry.status === 429).length,
		peak: peakInFlight(log),
	};
}

interface Setup {
	sandbox: ZaiaSandbox;
	credential: BenchCredential;
	items: Array<{ ticketId: string; assigneeId: string }>;
	variants: Array<{ label: string; workflow: BenchWorkflow }>;
	send(index: number): Promise<void>;
}

/** The Zaia assign workflows of one sandbox: the pack (adaptive, fixed) and the HTTP node. */
function assignSetup(
	sandbox: ZaiaSandbox,
	name: string,
	count: number,
	onError: string | undefined,
	kind: 'latency' | 'limit',
): Setup {
	const credential = zaiaCredential(sandbox, `Zaia (bench sandbox, ${name})`);
	const assigneeId = randomUUID();
	const items = Array.from({ length: count }, () => ({
		ticketId: sandbox.addTicket({ status: 'pending' }).id,
		assigneeId,
	}));
	const ours = (options: Record<string, unknown>) =>
		packNode(
			NODE_UNDER_TEST,
			'zaia',
			credential,
			{
				resource: 'ticket',
				operation: 'assign',
				ticketId: byId('={{ $json.ticketId }}'),
				assigneeId: byId('={{ $json.assigneeId }}'),
				options,
			},
			onError,
		);
	const http = (options: Record<string, unknown>) =>
		httpRequestNode(
			NODE_UNDER_TEST,
			credential,
			{
				method: 'PATCH',
				url: `={{ "${sandbox.baseUrl}/api/v1/tickets/" + $json.ticketId + "/assignee" }}`,
				body: [{ name: 'assigneeId', value: '={{ $json.assigneeId }}' }],
				options,
			},
			onError,
		);
	// What a user who knew the limit would set: one limit's worth of items per round trip.
	const batching = {
		batching: { batch: { batchSize: HIDDEN_LIMIT, batchInterval: REAL_LATENCY_MS } },
	};
	const thin = (timing: 'checkFirst' | 'streaming') =>
		thinNode(NODE_UNDER_TEST, credential, {
			timing,
			ticketId: '={{ $json.ticketId }}',
			assigneeId: '={{ $json.assigneeId }}',
		});
	const variants = [
		{ label: OURS_ADAPTIVE, workflow: webhookWorkflow(`${name}, pack`, [ours({})]) },
		...(kind === 'latency'
			? [
					{
						label: OURS_STREAMING,
						workflow: webhookWorkflow(`${name}, pack checking each item before sending`, [
							ours({ checkEachItemJustBeforeSending: true }),
						]),
					},
					{
						label: THIN_FIRST,
						workflow: webhookWorkflow(`${name}, thin node, all first`, [thin('checkFirst')]),
					},
					{
						label: THIN_STREAMING,
						workflow: webhookWorkflow(`${name}, thin node, streaming`, [thin('streaming')]),
					},
				]
			: []),
		...(kind === 'limit'
			? [
					{
						label: OURS_AT_LIMIT,
						workflow: webhookWorkflow(`${name}, pack fixed at the limit`, [
							ours({ concurrencyMode: 'fixed', concurrency: HIDDEN_LIMIT }),
						]),
					},
				]
			: []),
		{ label: HTTP_DEFAULT, workflow: webhookWorkflow(`${name}, HTTP Request`, [http({})]) },
		...(kind === 'limit'
			? [
					{
						label: `n8n's HTTP Request node, batching ${HIDDEN_LIMIT} items per ${REAL_LATENCY_MS} ms`,
						workflow: webhookWorkflow(`${name}, HTTP Request with batching`, [http(batching)]),
					},
				]
			: []),
	];
	return {
		sandbox,
		credential,
		items,
		variants,
		async send(index) {
			const item = items[index];
			await expectOk(
				await request(`${sandbox.baseUrl}/api/v1/tickets/${item.ticketId}/assignee`, {
					method: 'PATCH',
					headers: { authorization: sandbox.apiKey, 'content-type': 'application/json' },
					body: JSON.stringify({ assigneeId: item.assigneeId }),
				}),
			);
		},
	};
}

async function runVariant(n8n: BenchN8n, setup: Setup, workflow: BenchWorkflow): Promise<Sample> {
	setup.sandbox.clearLog();
	const { execution } = await n8n.run(workflow, setup.items);
	const task = taskOf(execution, NODE_UNDER_TEST);
	if (task.error) throw new Error(`${workflow.file.name}: ${task.error.message ?? ''}`);
	const output = task.data?.main?.[0] ?? [];
	const requests = setup.sandbox.requestsTo(ZAIA_ROUTES.assignTicket);
	return {
		ms: task.executionTime ?? Number.NaN,
		output,
		requests,
		failedItems: setup.items.length - output.filter((item) => item.json.error === undefined).length,
		beforeFirstMs: firstReceived(requests) - (task.startTime ?? Number.NaN),
	};
}

async function runFloor(setup: Setup, inFlight: number): Promise<Sample> {
	setup.sandbox.clearLog();
	const startedAt = Date.now();
	const started = performance.now();
	await undiciLoop(setup.items.length, inFlight, setup.send);
	const requests = setup.sandbox.requestsTo(ZAIA_ROUTES.assignTicket);
	return {
		ms: performance.now() - started,
		output: [],
		requests,
		failedItems: 0,
		beforeFirstMs: firstReceived(requests) - startedAt,
	};
}

function firstReceived(requests: readonly LoggedRequest[]): number {
	return requests.length ? Math.min(...requests.map((request) => request.receivedAt)) : Number.NaN;
}

/** Runs every variant `runs` times after one warm-up round; floors run after each round. */
async function sampleAll(
	n8n: BenchN8n,
	setup: Setup,
	runs: number,
	floors: (ours: Sample) => Array<{ label: string; inFlight: number }>,
	log: (line: string) => void,
): Promise<Map<string, Sample[]>> {
	const samples = new Map<string, Sample[]>();
	const add = (label: string, sample: Sample) =>
		samples.set(label, [...(samples.get(label) ?? []), sample]);
	for (const variant of setup.variants) await runVariant(n8n, setup, variant.workflow);
	for (let run = 0; run < runs; run++) {
		let ours: Sample | undefined;
		for (const variant of setup.variants) {
			const sample = await runVariant(n8n, setup, variant.workflow);
			ours ??= sample;
			add(variant.label, sample);
			log(
				`  run ${run + 1}: ${variant.label} ${format.ms(sample.ms)}, ${sample.failedItems} failed`,
			);
		}
		for (const floor of floors(ours as Sample))
			add(floor.label, await runFloor(setup, floor.inFlight));
	}
	return samples;
}

const medianOf = (samples: Sample[] | undefined, figure: (sample: Sample) => number) =>
	median((samples ?? []).map(figure));

/** 150 ms, no limit: how fast, against the HTTP Request node and undici at the same concurrency. */
export function realLatencyScenario(sandboxes: BenchSandboxes, count: number): N8nScenario {
	const setup = assignSetup(sandboxes.zaiaSlow, 'real latency', count, undefined, 'latency');
	return {
		title: '7. Real latency',
		workflows: setup.variants.map((variant) => variant.workflow),
		credentials: [setup.credential],
		async run(n8n, runs, log): Promise<ScenarioReport> {
			const sameConcurrency = (ours: Sample) => peakInFlight(ours.requests);
			const samples = await sampleAll(
				n8n,
				setup,
				runs,
				(ours) => [
					{ label: AT_PEAK, inFlight: sameConcurrency(ours) },
					{ label: 'plain undici loop, all at once', inFlight: setup.items.length },
				],
				log,
			);
			const ms = (label: string) => medianOf(samples.get(label), (sample) => sample.ms);
			const httpMs = ms(HTTP_DEFAULT);
			const rows = [...samples.keys()].map((label) => [
				label,
				format.ms(ms(label)),
				format.ms(medianOf(samples.get(label), (sample) => sample.beforeFirstMs)),
				format.perSecond((count / ms(label)) * 1000),
				format.ratio(httpMs / ms(label)),
				format.count(medianOf(samples.get(label), (sample) => peakInFlight(sample.requests))),
				format.count(medianOf(samples.get(label), (sample) => sample.requests.length)),
			]);
			const perRun = (label: string) => (samples.get(label) ?? []).map((sample) => sample.ms);
			// Speed ratios: the other's time over this one's, run by run.
			const faster = (label: string, than: string, target: number) =>
				judge(perRunRatios(perRun(than), perRun(label)), target);
			const vsHttp = faster(OURS_ADAPTIVE, HTTP_DEFAULT, 1.3);
			const vsThinFirst = faster(OURS_ADAPTIVE, THIN_FIRST, 0.9);
			const streamingVsThin = faster(OURS_STREAMING, THIN_STREAMING, 0.9);
			const ours = samples.get(OURS_ADAPTIVE)?.at(-1);
			const peer = samples.get(HTTP_DEFAULT)?.at(-1);
			const comparison = compareOutputs(ours?.output ?? [], peer?.output ?? [], {
				updatedAt: STAMPED,
			});
			const identicalRequests = sameRequests(ours?.requests ?? [], peer?.requests ?? []);
			return {
				title: `7. Real latency: ${format.count(count)} Zaia updates at ${REAL_LATENCY_MS} ms, no limit`,
				target:
					'the default (checking every item first) at least 1.3× the HTTP Request node and at least 0.9 of the thin node checking all first; Check Each Item Just Before Sending at least 0.9 of the thin node streaming; identical output items and pairedItem',
				setup: `sandbox answers every request after ${REAL_LATENCY_MS} ms (a provider's API as a user's n8n reaches it), no limit; time = the node's execution time as n8n recorded it (for undici: the loop's wall time); peak = most requests the sandbox had open at once; the undici floor at the same concurrency uses the adaptive run's peak; the thin node (scripts/bench/thin, loaded by this n8n only) resolves the same two expressions per item and sends the same request through n8n's httpRequestWithAuthentication, all items at once; median of ${runs} runs after one warm-up run, every variant once per round; a ratio is judged on its per-run values (each from one round): Met when every run reaches the target, Missed when none does, within noise otherwise`,
				columns: [
					'variant',
					'time',
					'before the first request',
					'items/s',
					'speed vs HTTP Request',
					'peak in flight',
					'requests',
				],
				rows,
				verdict: `${overall([vsHttp, vsThinFirst, streamingVsThin])}: default vs the HTTP Request node ${judged(vsHttp, 1.3)}; default vs the thin node checking all first ${judged(vsThinFirst, 0.9)}; Check Each Item Just Before Sending vs the thin node streaming ${judged(streamingVsThin, 0.9)}; ${format.ratio(ms(AT_PEAK) / ms(OURS_ADAPTIVE))} of the undici floor at its peak concurrency; output ${comparison.summary}; requests ${identicalRequests ? 'identical (method, path, body)' : 'NOT identical'}`,
				notes: [
					`At ${REAL_LATENCY_MS} ms a fixed ${DEFAULT_CONCURRENCY} in flight waits most of the time: ${format.count(count)} items need at least ${format.count(count / DEFAULT_CONCURRENCY)} round trips. The adaptive default starts at ${DEFAULT_CONCURRENCY}, doubles per round trip while answers come back as fast as the fastest (half of itself when slower but healthy), up to the ceiling (Max Parallel Requests, ${DEFAULT_CONCURRENCY_CEILING} unless set). A run against an account that a run of the last 15 minutes found healthy starts where that run ended: every measured run here follows the warm-up run, so it starts at what the run before it learned.`,
					"The thin nodes are the floors: the least n8n itself needs per item (two expressions, its HTTP client, the credential's authentication, the output). The default can only approach the first, which also resolves every item's expressions before its first request; the opt-out and the HTTP Request node overlap resolving with the requests, like the second.",
					"The HTTP Request node starts every item at once, with no cap: here, with no limit, that is the fastest a client can be, and what remains is n8n's own work per item. Its Batching option (measured in the next scenario, under a limit) only spaces requests out, so it is slower wherever there is no limit to respect.",
				],
				errors: [
					...(comparison.identical ? [] : [`real latency: output ${comparison.summary}`]),
					...(identicalRequests
						? []
						: ['real latency: the pack and the HTTP Request node sent different requests']),
				],
			};
		},
	};
}

/** 150 ms and a concurrency limit nobody told the node: items kept, and how much of the limit used. */
export function hiddenLimitScenario(sandboxes: BenchSandboxes, count: number): N8nScenario {
	const setup = assignSetup(sandboxes.zaiaLimited, 'hidden limit', count, CONTINUE, 'limit');
	const limit = HIDDEN_LIMIT;
	const retryAfter = setup.sandbox.concurrencyLimit?.retryAfter ?? '1';
	return {
		title: '8. Hidden limit',
		workflows: setup.variants.map((variant) => variant.workflow),
		credentials: [setup.credential],
		async run(n8n, runs, log): Promise<ScenarioReport> {
			const floorLabel = `plain undici loop, ${limit} in flight (what the limit allows)`;
			const samples = await sampleAll(
				n8n,
				setup,
				runs,
				() => [{ label: floorLabel, inFlight: limit }],
				log,
			);
			const figuresOf = (sample: Sample) => limitFigures(sample.requests, limit, REAL_LATENCY_MS);
			const of = (label: string, figure: (sample: Sample) => number) =>
				medianOf(samples.get(label), figure);
			const rows = [...samples.keys()].map((label) => {
				const requests = of(label, (sample) => sample.requests.length);
				const rejected = of(label, (sample) => figuresOf(sample).rejected429);
				return [
					label,
					format.percent(of(label, (sample) => figuresOf(sample).share) * 100),
					format.count(of(label, (sample) => sample.failedItems)),
					format.count(requests),
					`${format.count(rejected)} (${format.percent((rejected / requests) * 100)})`,
					format.count(of(label, (sample) => figuresOf(sample).peak)),
					format.ms(of(label, (sample) => sample.ms)),
				];
			});
			const share = of(OURS_ADAPTIVE, (sample) => figuresOf(sample).share);
			const failed = Math.max(
				...(samples.get(OURS_ADAPTIVE) ?? []).map((sample) => sample.failedItems),
			);
			const httpFailed = of(HTTP_DEFAULT, (sample) => sample.failedItems);
			const toldShare = of(OURS_AT_LIMIT, (sample) => figuresOf(sample).share);
			const shares = (label: string) =>
				(samples.get(label) ?? []).map((sample) => figuresOf(sample).share);
			const ofTold = judge(perRunRatios(shares(OURS_ADAPTIVE), shares(OURS_AT_LIMIT)), 0.95);
			const verdict = failed === 0 ? ofTold.verdict : 'Missed';
			return {
				title: `8. Hidden limit: ${format.count(count)} Zaia updates at ${REAL_LATENCY_MS} ms, at most ${limit} at once`,
				target:
					'0 failed items and ≥ 95 % of the share the same node reaches when told the limit (Concurrency: Fixed at the limit), where the HTTP Request node fails items',
				setup: `sandbox answers after ${REAL_LATENCY_MS} ms and processes at most ${limit} requests at once; one more is answered 429 with Retry-After: ${retryAfter} (s) and changes nothing; the node is not told the limit; share = accepted requests × ${REAL_LATENCY_MS} ms / (${limit} × the run's span, first request in to last answer out); "On Error: Continue" on every node so failures show as items; failed items: the most of any run for this pack, the median for the others; median of ${runs} runs after one warm-up run`,
				columns: [
					'variant',
					'share of the limit',
					'failed items',
					'requests',
					'429 answers',
					'peak in flight',
					'time',
				],
				rows,
				verdict: `${verdict}: this pack (adaptive) used ${format.percent(share * 100)} of what the limit allows with ${format.count(failed)} failed items; against the same node told the limit (${format.percent(toldShare * 100)}): ${judged(ofTold, 0.95, (value) => format.percent(value * 100))}; the HTTP Request node as it comes failed ${format.count(httpFailed)} of ${format.count(count)}`,
				notes: [
					"The HTTP Request node as it comes starts every item at once: the provider takes its limit's worth and refuses the rest, and those items fail (Retry On Fail would re-run the whole node, sending the accepted updates again). With Batching set to the limit it fails nothing, but only a user who knows the limit can set it, and n8n waits the interval on top of each batch's work.",
					`This pack counts requests in flight and raises their number while answers are healthy; the first 429 halves it, and it climbs back at once to the most that was answered without a 429; a probe one above that, only every ${PROBE_WINDOWS} round trips and only while enough items are left, settles back there when refused instead of halving. Updates are safe to repeat, so a refused one is sent again after Retry-After, and while it waits its slot goes to the next item; a create that must never be sent twice (Zaia, GuruSup) is never sent above a level already answered healthy.`,
					`"Told the limit" is the same node with Concurrency: Fixed at exactly the limit: n8n's own pace at that concurrency on this machine. What separates it from 100 % is n8n's work per item (expressions, its HTTP client, the output), which on a busy machine delays each next request; the adaptive default cannot do better than it, so the comparison with it shows what the controller itself costs.`,
				],
				errors:
					failed === 0
						? []
						: [
								`hidden limit: the pack failed ${failed} items (each should have been retried after its 429)`,
							],
			};
		},
	};
}

/** "Met (target ≥ 1.30×): 1.28× (per run …)". */
function judged(
	judgement: Judgement,
	target: number,
	as: (value: number) => string = format.ratio,
): string {
	return `${judgement.verdict.toLowerCase()} (target ≥ ${as(target)}): ${withRuns(judgement, as)}`;
}
