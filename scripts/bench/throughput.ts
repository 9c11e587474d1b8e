/**
 * Scenario 1: 1,000 items each updating one ticket (Zaia assign, Gorgias update) against a
 * sandbox answering after 20 ms. The pack's node (default and 20 parallel requests) against
 * n8n's HTTP Request node sending the same requests with the same credential, and a plain
 * undici loop as the floor (no n8n at all).
 */
import { randomUUID } from 'node:crypto';

import { request } from 'undici';

import { DEFAULT_CONCURRENCY } from '../../nodes/shared/execute';
import type { RunItem } from '../../dev/n8n';
import type { Sandbox } from '../../dev/sandboxes/framework';
import { GORGIAS_ROUTES } from '../../dev/sandboxes/gorgias';
import { ZAIA_ROUTES } from '../../dev/sandboxes/zaia';
import { compareOutputs, sameRequests } from './compare';
import type { BenchN8n, BenchWorkflow, N8nScenario } from './n8n';
import { taskOf, webhookWorkflow } from './n8n';
import type { ScenarioReport } from './report';
import { format, median } from './report';
import type { BenchSandboxes } from './setup';
import {
	byId,
	gorgiasCredential,
	httpRequestNode,
	LATENCY_MS,
	packNode,
	zaiaCredential,
} from './setup';

export const NODE_UNDER_TEST = 'Under test';
const STAMPED = 'the sandbox stamps it at each write, and the runs happen at different times';
export const OURS_DEFAULT = `this pack (default: ${DEFAULT_CONCURRENCY} parallel)`;

/** Sends `count` requests with at most `inFlight` at a time. */
async function undiciLoop(
	count: number,
	inFlight: number,
	send: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < count) await send(next++);
	};
	await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
}

async function expectOk(response: Awaited<ReturnType<typeof request>>): Promise<void> {
	const text = await response.body.text();
	if (response.statusCode >= 300) throw new Error(`undici floor: ${response.statusCode} ${text}`);
}

interface Case {
	label: string;
	sandbox: Sandbox;
	route: string;
	/** Fields that may differ between two runs, and why. */
	explained: Record<string, string>;
	items: Array<Record<string, unknown>>;
	variants: Array<{ label: string; workflow: BenchWorkflow }>;
	/** The same request for item `index`, sent with undici. */
	send(index: number): Promise<void>;
}

export function throughputScenario(sandboxes: BenchSandboxes, items: number): N8nScenario {
	const { zaia, gorgias } = sandboxes;
	const zaiaCred = zaiaCredential(zaia);
	const gorgiasCred = gorgiasCredential(gorgias, 'Gorgias (bench sandbox)');

	const assigneeId = randomUUID();
	const zaiaItems = Array.from({ length: items }, () => ({
		ticketId: zaia.addTicket({ status: 'pending' }).id,
		assigneeId,
	}));
	const zaiaOurs = (concurrency?: number) =>
		packNode(NODE_UNDER_TEST, 'zaia', zaiaCred, {
			resource: 'ticket',
			operation: 'assign',
			ticketId: byId('={{ $json.ticketId }}'),
			assigneeId: byId('={{ $json.assigneeId }}'),
			...(concurrency ? { options: { concurrency } } : {}),
		});
	const zaiaCase: Case = {
		label: 'Zaia assign',
		sandbox: zaia,
		route: ZAIA_ROUTES.assignTicket,
		explained: { updatedAt: STAMPED },
		items: zaiaItems,
		variants: [
			{ label: OURS_DEFAULT, workflow: webhookWorkflow('Zaia assign, pack', [zaiaOurs()]) },
			{
				label: 'this pack (Max Parallel Requests 20)',
				workflow: webhookWorkflow('Zaia assign, pack ×20', [zaiaOurs(20)]),
			},
			{
				label: "n8n's HTTP Request node",
				workflow: webhookWorkflow('Zaia assign, HTTP Request', [
					httpRequestNode(NODE_UNDER_TEST, zaiaCred, {
						method: 'PATCH',
						url: `={{ "${zaia.baseUrl}/api/v1/tickets/" + $json.ticketId + "/assignee" }}`,
						body: [{ name: 'assigneeId', value: '={{ $json.assigneeId }}' }],
					}),
				]),
			},
		],
		async send(index) {
			const item = zaiaItems[index];
			await expectOk(
				await request(`${zaia.baseUrl}/api/v1/tickets/${item.ticketId}/assignee`, {
					method: 'PATCH',
					headers: { authorization: zaia.apiKey, 'content-type': 'application/json' },
					body: JSON.stringify({ assigneeId: item.assigneeId }),
				}),
			);
		},
	};

	const gorgiasItems = Array.from({ length: items }, () => ({ ticketId: gorgias.addTicket().id }));
	const basic = `Basic ${Buffer.from(`${gorgias.email}:${gorgias.apiKey}`).toString('base64')}`;
	const gorgiasOurs = (concurrency?: number) =>
		packNode(NODE_UNDER_TEST, 'gorgias', gorgiasCred, {
			authentication: 'apiKey',
			resource: 'ticket',
			operation: 'update',
			ticketId: byId('={{ $json.ticketId }}'),
			updateFields: { priority: 'high' },
			...(concurrency ? { options: { concurrency } } : {}),
		});
	const gorgiasCase: Case = {
		label: 'Gorgias update',
		sandbox: gorgias,
		route: GORGIAS_ROUTES.updateTicket,
		explained: { updated_datetime: STAMPED },
		items: gorgiasItems,
		variants: [
			{
				label: OURS_DEFAULT,
				workflow: webhookWorkflow('Gorgias update, pack', [gorgiasOurs()]),
			},
			{
				label: 'this pack (Max Parallel Requests 20)',
				workflow: webhookWorkflow('Gorgias update, pack ×20', [gorgiasOurs(20)]),
			},
			{
				label: "n8n's HTTP Request node",
				workflow: webhookWorkflow('Gorgias update, HTTP Request', [
					httpRequestNode(NODE_UNDER_TEST, gorgiasCred, {
						method: 'PUT',
						url: `={{ "${gorgias.baseUrl}/api/tickets/" + $json.ticketId }}`,
						body: [{ name: 'priority', value: 'high' }],
					}),
				]),
			},
		],
		async send(index) {
			await expectOk(
				await request(`${gorgias.baseUrl}/api/tickets/${gorgiasItems[index].ticketId}`, {
					method: 'PUT',
					headers: { authorization: basic, 'content-type': 'application/json' },
					body: JSON.stringify({ priority: 'high' }),
				}),
			);
		},
	};

	const cases = [zaiaCase, gorgiasCase];
	return {
		title: '1. Throughput',
		workflows: cases.flatMap((entry) => entry.variants.map((variant) => variant.workflow)),
		credentials: [zaiaCred, gorgiasCred],
		async run(n8n, runs, log) {
			const reports: ScenarioReport[] = [];
			for (const entry of cases) reports.push(await runCase(n8n, entry, runs, log));
			return reports;
		},
	};
}

async function runCase(
	n8n: BenchN8n,
	entry: Case,
	runs: number,
	log: (line: string) => void,
): Promise<ScenarioReport> {
	const times = new Map<string, number[]>();
	const record = (label: string, ms: number) => times.set(label, [...(times.get(label) ?? []), ms]);
	const outputs = new Map<string, RunItem[]>();
	const requests = new Map<string, ReturnType<Sandbox['requestsTo']>>();
	const floors = [
		{
			label: `plain undici loop, ${DEFAULT_CONCURRENCY} in flight (the floor at the default)`,
			inFlight: DEFAULT_CONCURRENCY,
		},
		{ label: 'plain undici loop, all at once', inFlight: entry.items.length },
	];
	// One unrecorded round first: n8n compiles and caches on a workflow's first execution.
	for (const variant of entry.variants) await n8n.run(variant.workflow, entry.items);
	for (let run = 0; run < runs; run++) {
		for (const variant of entry.variants) {
			entry.sandbox.clearLog();
			const { execution } = await n8n.run(variant.workflow, entry.items);
			const task = taskOf(execution, NODE_UNDER_TEST);
			if (task.error) throw new Error(`${variant.label}: ${task.error.message ?? ''}`);
			record(variant.label, task.executionTime ?? Number.NaN);
			outputs.set(variant.label, task.data?.main?.[0] ?? []);
			requests.set(variant.label, entry.sandbox.requestsTo(entry.route));
			log(
				`  ${entry.label}, run ${run + 1}: ${variant.label} ${format.ms(task.executionTime ?? Number.NaN)}`,
			);
		}
		for (const floor of floors) {
			entry.sandbox.clearLog();
			const started = performance.now();
			await undiciLoop(entry.items.length, floor.inFlight, entry.send);
			record(floor.label, performance.now() - started);
			requests.set(floor.label, entry.sandbox.requestsTo(entry.route));
		}
	}

	const [ours, , peer] = entry.variants.map((variant) => variant.label);
	const peerMs = median(times.get(peer) ?? []);
	const comparison = compareOutputs(
		outputs.get(ours) ?? [],
		outputs.get(peer) ?? [],
		entry.explained,
	);
	const allLabels = [
		...entry.variants.map((variant) => variant.label),
		...floors.map((floor) => floor.label),
	];
	const identicalRequests = allLabels.every((label) =>
		sameRequests(requests.get(label) ?? [], requests.get(peer) ?? []),
	);
	const rows = allLabels.map((label) => {
		const ms = median(times.get(label) ?? []);
		return [
			label,
			format.ms(ms),
			format.perSecond((entry.items.length / ms) * 1000),
			format.ratio(peerMs / ms),
			format.count(requests.get(label)?.length ?? Number.NaN),
		];
	});
	const ratio = peerMs / median(times.get(ours) ?? []);
	return {
		title: `1. Throughput: ${entry.label}, ${entry.items.length.toLocaleString('en-US')} items`,
		target: 'at least 4× the HTTP Request node, with identical output items and pairedItem',
		setup: `sandbox answers every request after ${LATENCY_MS} ms, no rate limit; time = the node's execution time as n8n recorded it (for undici: the loop's wall time); median of ${runs} runs after one warm-up run`,
		columns: ['variant', 'time', 'items/s', 'speed vs HTTP Request', 'requests'],
		rows,
		verdict: `${ratio >= 4 ? 'Met' : 'Missed'}: this pack (default) runs at ${format.ratio(ratio)} the HTTP Request node; output ${comparison.summary}; requests ${identicalRequests ? 'identical (method, path, body) for every variant' : 'NOT identical across variants'}`,
		notes: ratio >= 4 ? [] : throughputNotes(),
		errors: [
			...(comparison.identical ? [] : [`${entry.label}: output ${comparison.summary}`]),
			...(identicalRequests ? [] : [`${entry.label}: the variants sent different requests`]),
		],
	};
}

/** Why the 4× target is out of reach, and what was done about it. */
function throughputNotes(): string[] {
	return [
		`The target assumed the HTTP Request node sends items one after another. It does not: it starts every item's request at once, with no cap (its Batching option only spaces them out). So there is no waiting left to overlap, and this pack's bounded pool cannot be 4× faster. Both nodes are bound by n8n's own CPU work for each item instead: n8n 2.x evaluates every expression in a sandboxed isolate (CPU profiles of these runs put 0.75 to 1 ms on each item's ID expression, all before the first request is sent), plus credential decryption and n8n's HTTP client for each request. "All at once" in plain undici shows what the sandbox itself allows.`,
		"The pack also checks every item before it sends anything, so a bad item 1,000 cannot leave 999 tickets already changed; the price is that the items' expressions are all evaluated before the first request instead of overlapping with the requests.",
		'What was changed to get closer: Max Parallel Requests now defaults to 10 (at 5 this pack ran at about 0.8× the HTTP Request node) and goes up to 20, and the credentials authenticate with a function instead of expressions, which saves one isolate evaluation per request (for the HTTP Request node using these credentials too).',
		"Why the pack does not simply send everything at once like the HTTP Request node: scenario 2 shows the price at a provider's rate limit. Users who know their account allows more can raise Max Parallel Requests.",
	];
}
