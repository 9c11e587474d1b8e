/**
 * Scenario 5: Get Many with Return All over 50,000 Zaia tickets, against n8n's HTTP Request
 * node paginating the same listing. Peak resident memory of the n8n process during the run.
 * Every run gets an n8n process of its own: V8 keeps the heap an earlier run grew to, so in a
 * shared process the second variant would start where the first one peaked.
 */
import type { BenchWorkflow } from './n8n';
import { BenchN8n, taskOf, webhookWorkflow } from './n8n';
import type { ScenarioReport } from './report';
import { format, median } from './report';
import type { BenchSandboxes } from './setup';
import { httpRequestNode, packNode, zaiaCredential } from './setup';
import { NODE_UNDER_TEST } from './throughput';

/** Zaia's largest page in the contract; both variants ask for it. */
const PAGE_SIZE = 100;

const range = (values: number[]) =>
	values.length ? `${format.mb(Math.min(...values))} – ${format.mb(Math.max(...values))}` : 'n/a';

export interface MemoryScenario {
	title: string;
	run(runs: number, log: (line: string) => void): Promise<ScenarioReport>;
}

export function memoryScenario(sandboxes: BenchSandboxes, tickets: number): MemoryScenario {
	const sandbox = sandboxes.zaiaLarge;
	for (let index = 0; index < tickets; index++) sandbox.addTicket({ status: 'ongoing' });
	const credential = zaiaCredential(sandbox, 'Zaia (bench sandbox, 50,000 tickets)');
	const ours = {
		label: 'this pack (Get Many, Return All)',
		workflow: webhookWorkflow('Zaia Get Many, pack', [
			packNode(NODE_UNDER_TEST, 'zaia', credential, {
				resource: 'ticket',
				operation: 'getMany',
				status: 'ongoing',
				returnAll: true,
			}),
		]),
	};
	const peer = {
		label: "n8n's HTTP Request node with pagination",
		workflow: webhookWorkflow('Zaia Get Many, HTTP Request', [
			httpRequestNode(NODE_UNDER_TEST, credential, {
				method: 'GET',
				url: `${sandbox.baseUrl}/api/v1/tickets/details`,
				query: [
					{ name: 'status', value: 'ongoing' },
					{ name: 'pageSize', value: String(PAGE_SIZE) },
				],
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: {
								parameters: [{ type: 'qs', name: 'pageNumber', value: '={{ $pageCount + 1 }}' }],
							},
							paginationCompleteWhen: 'other',
							completeExpression: `={{ $response.body.length < ${PAGE_SIZE} }}`,
							limitPagesFetched: false,
						},
					},
				},
			}),
		]),
	};
	const variants = [ours, peer];

	const runAlone = async (workflow: BenchWorkflow) => {
		const n8n = await BenchN8n.start([credential.file], [workflow]);
		try {
			return await n8n.run(workflow, [{}]);
		} finally {
			await n8n.stop();
		}
	};

	return {
		title: '5. Memory',
		async run(runs, log) {
			const peaks = new Map<string, number[]>();
			const growth = new Map<string, number[]>();
			const times = new Map<string, number[]>();
			const counts = new Map<string, number>();
			const requests = new Map<string, number>();
			const add = (map: Map<string, number[]>, label: string, value: number) =>
				map.set(label, [...(map.get(label) ?? []), value]);
			for (let run = 0; run < runs; run++) {
				for (const variant of variants) {
					sandbox.clearLog();
					const result = await runAlone(variant.workflow);
					const task = taskOf(result.execution, NODE_UNDER_TEST);
					if (task.error) throw new Error(`${variant.label}: ${task.error.message ?? ''}`);
					add(peaks, variant.label, result.peakRssBytes);
					add(growth, variant.label, result.peakRssBytes - result.startRssBytes);
					add(times, variant.label, task.executionTime ?? Number.NaN);
					counts.set(variant.label, task.data?.main?.[0]?.length ?? 0);
					requests.set(variant.label, sandbox.requests.length);
					log(
						`  run ${run + 1}: ${variant.label}: peak ${format.mb(result.peakRssBytes)} (+${format.mb(result.peakRssBytes - result.startRssBytes)}), ${counts.get(variant.label)} items`,
					);
				}
			}
			const rows = variants.map(({ label }) => [
				label,
				format.count(counts.get(label) ?? Number.NaN),
				format.count(requests.get(label) ?? Number.NaN),
				format.mb(median(peaks.get(label) ?? [])),
				range(peaks.get(label) ?? []),
				format.mb(median(growth.get(label) ?? [])),
				format.ms(median(times.get(label) ?? [])),
			]);
			const oursPeak = median(peaks.get(ours.label) ?? []);
			const peerPeak = median(peaks.get(peer.label) ?? []);
			const complete =
				(counts.get(ours.label) ?? 0) === tickets && (counts.get(peer.label) ?? 0) === tickets;
			return {
				title: `5. Memory: Get Many, Return All over ${format.count(tickets)} Zaia tickets`,
				target:
					'peak RSS of the n8n process, against the HTTP Request node paginating the same listing',
				setup: `a fresh n8n process for every run; peak RSS = that process's VmHWM, reset right before the run (Linux /proc/<pid>/clear_refs) and read once the execution is saved; growth = peak minus RSS at the start of the run; pages of ${PAGE_SIZE}; sandbox without latency; median of ${runs} runs`,
				columns: [
					'variant',
					'items out',
					'requests',
					'peak RSS',
					'peak RSS, lowest–highest run',
					'growth during run',
					'time',
				],
				rows,
				verdict: `${complete ? '' : 'INCOMPLETE OUTPUT — '}this pack peaks at ${format.mb(oursPeak)}, the HTTP Request node at ${format.mb(peerPeak)} (${format.ratio(oursPeak / peerPeak)})`,
				notes: [
					"Single runs of the same workflow differ by up to about 150 MB, for both nodes: how much garbage is still on the heap at the peak depends on when V8's garbage collector happens to run. Compare the ranges, not only the medians.",
					`Both nodes end up holding all ${format.count(tickets)} tickets as n8n items (that is the output), and n8n saves the execution with all of them; both count in the peak.`,
				],
				errors: complete ? [] : [`memory: an output holds fewer than ${tickets} tickets`],
			};
		},
	};
}
