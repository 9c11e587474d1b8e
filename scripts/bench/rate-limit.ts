/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark tooling runs in plain Node and is never packaged */
/**
 * Scenario 2: 1,000 Gorgias updates against the sandbox's leaky bucket (Gorgias' 40 calls per
 * 20 s, time-scaled to 40 per 0.5 s, the credential's window set to match). Achieved rate as a
 * share of what the bucket allowed over the run, 429 answers, failed items; the HTTP Request
 * node as peer, as it comes and with its batching option set to the bucket's rate.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { LoggedRequest } from '../../dev/sandboxes/framework';
import type { N8nScenario } from './n8n';
import { taskOf, webhookWorkflow } from './n8n';
import { format, judge, median, withRuns } from './report';
import type { BenchSandboxes } from './setup';
import {
	byId,
	CONTINUE,
	gorgiasCredential,
	httpRequestNode,
	LATENCY_MS,
	packNode,
	SCALED_BUCKET,
} from './setup';
import { NODE_UNDER_TEST, OURS_DEFAULT } from './throughput';

export interface RateLimitFigures {
	/** Requests the bucket accepted / what it could accept over the run (capacity + drain). */
	share: number;
	requests: number;
	rejected429: number;
	failedItems: number;
	ms: number;
}

/** From the sandbox's log of one run: what the bucket accepted against what it allowed. */
export function bucketFigures(
	log: readonly LoggedRequest[],
): Omit<RateLimitFigures, 'failedItems'> {
	const first = Math.min(...log.map((entry) => entry.receivedAt));
	const last = Math.max(...log.map((entry) => entry.respondedAt ?? entry.receivedAt));
	const ms = last - first;
	const accepted = log.filter((entry) => entry.status !== null && entry.status < 400).length;
	const allowed = SCALED_BUCKET.capacity + (ms * SCALED_BUCKET.capacity) / SCALED_BUCKET.windowMs;
	return {
		share: accepted / allowed,
		requests: log.length,
		rejected429: log.filter((entry) => entry.status === 429).length,
		ms,
	};
}

export function rateLimitScenario(sandboxes: BenchSandboxes, count: number): N8nScenario {
	const sandbox = sandboxes.gorgiasLimited;
	const credential = gorgiasCredential(
		sandbox,
		'Gorgias (bench sandbox, scaled bucket)',
		SCALED_BUCKET.windowMs / 1000,
	);
	const items = Array.from({ length: count }, () => ({ ticketId: sandbox.addTicket().id }));
	const request = {
		method: 'PUT',
		url: `={{ "${sandbox.baseUrl}/api/tickets/" + $json.ticketId }}`,
		body: [{ name: 'status', value: 'open' }],
	};
	const spacingMs = Math.ceil(SCALED_BUCKET.windowMs / SCALED_BUCKET.capacity);
	const variants = [
		{
			label: OURS_DEFAULT,
			workflow: webhookWorkflow('Gorgias at the limit, pack', [
				packNode(
					NODE_UNDER_TEST,
					'gorgias',
					credential,
					{
						authentication: 'apiKey',
						resource: 'ticket',
						operation: 'update',
						ticketId: byId('={{ $json.ticketId }}'),
						updateFields: { status: 'open' },
					},
					CONTINUE,
				),
			]),
		},
		{
			label: "n8n's HTTP Request node, as it comes",
			workflow: webhookWorkflow('Gorgias at the limit, HTTP Request', [
				httpRequestNode(NODE_UNDER_TEST, credential, request, CONTINUE),
			]),
		},
		{
			label: `n8n's HTTP Request node, batching 1 item per ${spacingMs} ms`,
			workflow: webhookWorkflow('Gorgias at the limit, HTTP Request with batching', [
				httpRequestNode(
					NODE_UNDER_TEST,
					credential,
					{
						...request,
						options: { batching: { batch: { batchSize: 1, batchInterval: spacingMs } } },
					},
					CONTINUE,
				),
			]),
		},
	];

	return {
		title: "2. At the provider's limit",
		workflows: variants.map((variant) => variant.workflow),
		credentials: [credential],
		async run(n8n, runs, log) {
			const figures = new Map<string, RateLimitFigures[]>();
			for (let run = 0; run < runs; run++) {
				for (const variant of variants) {
					sandbox.clearLog();
					sandbox.resetBucket();
					const { execution } = await n8n.run(variant.workflow, items);
					const task = taskOf(execution, NODE_UNDER_TEST);
					const output = task.data?.main?.[0] ?? [];
					const failedItems = count - output.filter((item) => item.json.error === undefined).length;
					const result = { ...bucketFigures(sandbox.requests), failedItems };
					figures.set(variant.label, [...(figures.get(variant.label) ?? []), result]);
					log(
						`  run ${run + 1}: ${variant.label}: ${format.percent(result.share * 100)} of the allowed rate, ${result.rejected429} × 429, ${failedItems} failed`,
					);
					// Let the bucket drain fully before the next variant.
					await sleep(SCALED_BUCKET.windowMs * 2);
				}
			}
			const medianOf = (label: string, key: keyof RateLimitFigures) =>
				median((figures.get(label) ?? []).map((entry) => entry[key]));
			const rows = variants.map(({ label }) => {
				const requests = medianOf(label, 'requests');
				const rejected = medianOf(label, 'rejected429');
				return [
					label,
					format.percent(medianOf(label, 'share') * 100),
					format.count(requests),
					`${format.count(rejected)} (${format.percent((rejected / requests) * 100)})`,
					format.count(medianOf(label, 'failedItems')),
					format.ms(medianOf(label, 'ms')),
				];
			});
			const rejectedShare =
				medianOf(OURS_DEFAULT, 'rejected429') / medianOf(OURS_DEFAULT, 'requests');
			// The worst run counts for failures and 429s; the share is judged on every run.
			const worst = (key: keyof RateLimitFigures) =>
				Math.max(...(figures.get(OURS_DEFAULT) ?? []).map((entry) => entry[key]));
			const failed = worst('failedItems');
			const rejected = worst('rejected429');
			const shares = judge(
				(figures.get(OURS_DEFAULT) ?? []).map((entry) => entry.share),
				0.95,
			);
			const verdict = failed === 0 && rejected === 0 ? shares.verdict : 'Missed';
			return {
				title: `2. At the provider's limit: ${format.count(count)} Gorgias updates against the leaky bucket`,
				target: '≥ 95 % of the allowed rate, 0 failed items, 0 requests answered 429',
				setup: `bucket of ${SCALED_BUCKET.capacity} calls draining in ${SCALED_BUCKET.windowMs} ms (Gorgias' 40 per 20 s, 40× faster; the credential's Rate Limit Window set to ${SCALED_BUCKET.windowMs / 1000} s), ${LATENCY_MS} ms latency; allowed = capacity + drain over the run (first request in to last answer out); "On Error: Continue" on every node so failures show as items; median of ${runs} runs; the share is judged on every run: Met when every run reaches 95 %, Missed when none does, within noise otherwise`,
				columns: [
					'variant',
					'share of allowed rate',
					'requests',
					'429 answers',
					'failed items',
					'time',
				],
				rows,
				verdict: `${verdict}: this pack reached ${withRuns(shares, (value) => format.percent(value * 100))} of the allowed rate; in its worst run ${format.count(failed)} failed items and ${format.count(rejected)} requests answered 429 (median ${format.percent(rejectedShare * 100)})`,
				notes: [
					"The HTTP Request node as it comes starts every request at once: the bucket takes its capacity and answers the rest 429, and those items fail (its Retry On Fail setting would re-run the whole node, sending the accepted updates again). Spacing its requests with the Batching option avoids the 429s, but the user must work out the interval, and n8n waits it on top of each item's own work, so the bucket is never used fully.",
					'This pack reads the bucket level Gorgias reports on every answer and holds requests back just enough to stay under it (keeping 10 % headroom for other integrations of the same account); 429s, should they come, are retried after Retry-After. The adaptive concurrency does not widen the pool on answers to requests the bucket held back: there, the bucket sets the pace, not the number in flight.',
				],
				errors: [],
			};
		},
	};
}
