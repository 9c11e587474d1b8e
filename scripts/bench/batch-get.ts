/**
 * Scenario 3: get 1,000 Gorgias tickets by id. The pack batches ids into `ticket_ids` listings
 * of 100; the HTTP Request node asks for each ticket on its own.
 */
import type { RunItem } from '../../dev/n8n';
import type { LoggedRequest } from '../../dev/sandboxes/framework';
import { compareOutputs } from './compare';
import type { N8nScenario } from './n8n';
import { taskOf, webhookWorkflow } from './n8n';
import { format, median } from './report';
import type { BenchSandboxes } from './setup';
import { byId, gorgiasCredential, httpRequestNode, LATENCY_MS, packNode } from './setup';
import { NODE_UNDER_TEST } from './throughput';

export function batchGetScenario(sandboxes: BenchSandboxes, count: number): N8nScenario {
	const sandbox = sandboxes.gorgias;
	const credential = gorgiasCredential(sandbox, 'Gorgias (bench sandbox, batch get)');
	const items = Array.from({ length: count }, () => ({ ticketId: sandbox.addTicket().id }));
	const ours = {
		label: 'this pack (Get)',
		workflow: webhookWorkflow('Gorgias batch get, pack', [
			packNode(NODE_UNDER_TEST, 'gorgias', credential, {
				authentication: 'apiKey',
				resource: 'ticket',
				operation: 'get',
				ticketId: byId('={{ $json.ticketId }}'),
			}),
		]),
	};
	const peer = {
		label: "n8n's HTTP Request node (GET per id)",
		workflow: webhookWorkflow('Gorgias batch get, HTTP Request', [
			httpRequestNode(NODE_UNDER_TEST, credential, {
				method: 'GET',
				url: `={{ "${sandbox.baseUrl}/api/tickets/" + $json.ticketId }}`,
			}),
		]),
	};
	const variants = [ours, peer];

	return {
		title: '3. Batch get',
		workflows: variants.map((variant) => variant.workflow),
		credentials: [credential],
		async run(n8n, runs, log) {
			const times = new Map<string, number[]>();
			const requests = new Map<string, LoggedRequest[]>();
			const outputs = new Map<string, RunItem[]>();
			// One unrecorded round first: n8n compiles and caches on a workflow's first execution.
			for (const variant of variants) await n8n.run(variant.workflow, items);
			for (let run = 0; run < runs; run++) {
				for (const variant of variants) {
					sandbox.clearLog();
					const { execution } = await n8n.run(variant.workflow, items);
					const task = taskOf(execution, NODE_UNDER_TEST);
					if (task.error) throw new Error(`${variant.label}: ${task.error.message ?? ''}`);
					const ms = task.executionTime ?? Number.NaN;
					times.set(variant.label, [...(times.get(variant.label) ?? []), ms]);
					requests.set(variant.label, [...sandbox.requests]);
					outputs.set(variant.label, task.data?.main?.[0] ?? []);
					log(
						`  run ${run + 1}: ${variant.label}: ${sandbox.requests.length} requests, ${format.ms(ms)}`,
					);
				}
			}
			const peerMs = median(times.get(peer.label) ?? []);
			const rows = variants.map(({ label }) => {
				const ms = median(times.get(label) ?? []);
				return [
					label,
					format.count(requests.get(label)?.length ?? Number.NaN),
					format.ms(ms),
					format.ratio(peerMs / ms),
				];
			});
			const sent = requests.get(ours.label)?.length ?? Number.NaN;
			const comparison = compareOutputs(
				outputs.get(ours.label) ?? [],
				outputs.get(peer.label) ?? [],
				{
					messages:
						"Gorgias' ticket listing leaves each ticket's messages out, the one-ticket endpoint includes them",
				},
			);
			return {
				title: `3. Batch get: ${format.count(count)} Gorgias tickets by id`,
				target: `≤ ${Math.ceil(count / 100)} requests`,
				setup: `sandbox answers after ${LATENCY_MS} ms, no rate limit; time = the node's execution time as n8n recorded it; median of ${runs} runs after one warm-up run`,
				columns: ['variant', 'requests', 'time', 'speed vs HTTP Request'],
				rows,
				verdict: `${sent <= Math.ceil(count / 100) ? 'Met' : 'Missed'}: ${format.count(sent)} requests for ${format.count(count)} ids (${format.ratio(peerMs / median(times.get(ours.label) ?? []))} the HTTP Request node's speed); output ${comparison.summary}`,
				notes: [
					"The pack's Get collects the IDs of all input items and fetches them 100 per request through Gorgias' ticket listing (`ticket_ids`), then gives every item its own ticket back in input order. The listing leaves out each ticket's messages, which the one-ticket endpoint includes (use Message → Get Many for those).",
				],
				errors: comparison.identical ? [] : [`batch get: output ${comparison.summary}`],
			};
		},
	};
}
