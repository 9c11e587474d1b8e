/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark tooling runs in plain Node and is never packaged */
/**
 * Scenario 6: the same burst of webhook calls (each a batch of Zaia Get items) on one n8n
 * process and on n8n's queue mode (main + 2 workers), both on the same Postgres. Measured: how
 * long main takes to accept every call (the Webhook answers on receipt; in queue mode main only
 * enqueues), and how long until every execution has finished (items/s).
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { request } from 'undici';

import { createUserFolder, importCredentials, importWorkflows, N8nServer } from '../../dev/n8n';
import type { OwnerAccount, UserFolder } from '../../dev/n8n';
import { startQueueServices, startWorker } from '../../dev/n8n/queue';
import { ZAIA_ROUTES } from '../../dev/sandboxes/zaia';
import { webhookWorkflow } from './n8n';
import type { ScenarioReport } from './report';
import { format, median, repeat } from './report';
import type { BenchSandboxes } from './setup';
import { LATENCY_MS, packNode, zaiaCredential } from './setup';
import { NODE_UNDER_TEST } from './throughput';

const WORKERS = 2;

interface Measured {
	acceptMs: number;
	finishMs: number;
	requests: number;
	failed: number;
}

export async function queueScenario(
	sandboxes: BenchSandboxes,
	calls: number,
	itemsPerCall: number,
	runs: number,
	log: (line: string) => void,
): Promise<ScenarioReport> {
	const zaia = sandboxes.zaia;
	const credential = zaiaCredential(zaia, 'Zaia (bench sandbox, queue)');
	const bench = webhookWorkflow(
		'Queue: Zaia get',
		[
			packNode(NODE_UNDER_TEST, 'zaia', credential, {
				resource: 'ticket',
				operation: 'get',
				ticketId: { __rl: true, mode: 'id', value: '={{ $json.ticketId }}' },
			}),
		],
		'atOnce',
	);
	const tickets = Array.from({ length: calls * itemsPerCall }, () =>
		zaia.addTicket({ status: 'ongoing' }),
	);
	const bodies = Array.from({ length: calls }, (_, call) =>
		JSON.stringify({
			items: tickets
				.slice(call * itemsPerCall, (call + 1) * itemsPerCall)
				.map((ticket) => ({ ticketId: ticket.id })),
		}),
	);

	const services = await startQueueServices();
	const folders: UserFolder[] = [];
	const errors: string[] = [];
	try {
		for (let index = 0; index < 1 + WORKERS; index++) folders.push(await createUserFolder());
		const [mainFolder, ...workerFolders] = folders;
		await importCredentials(mainFolder.dir, [credential.file], { env: services.env });
		await importWorkflows(mainFolder.dir, [bench.file], { env: services.env });

		/** One burst: every call posted at once, then wait until every execution is done. */
		const burst = async (main: N8nServer): Promise<Measured> => {
			zaia.clearLog();
			const workflowId = bench.file.id;
			const before = await main.countExecutions({ workflowId });
			const succeededBefore = await main.countExecutions({ workflowId, status: ['success'] });
			const started = performance.now();
			const statuses = await Promise.all(
				bodies.map(async (body) => {
					const response = await request(`${main.baseUrl}/webhook/${bench.path}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body,
						headersTimeout: 10 * 60_000,
						bodyTimeout: 10 * 60_000,
					});
					await response.body.text();
					return response.statusCode;
				}),
			);
			const acceptMs = performance.now() - started;
			let reportedAt = acceptMs;
			if (statuses.some((status) => status !== 200)) {
				errors.push(`queue: webhook answers ${[...new Set(statuses)].join(', ')}`);
			}
			for (;;) {
				const all = await main.countExecutions({ workflowId });
				const unfinished = await main.countExecutions({
					workflowId,
					status: ['new', 'running', 'waiting'],
				});
				if (all >= before + calls && unfinished === 0) {
					const finishMs = performance.now() - started;
					const succeeded = await main.countExecutions({ workflowId, status: ['success'] });
					return {
						acceptMs,
						finishMs,
						requests: zaia.requestsTo(ZAIA_ROUTES.getTicket).length,
						failed: all - succeeded - (before - succeededBefore),
					};
				}
				if (performance.now() - started > 20 * 60_000)
					throw new Error(
						`queue: executions did not finish (${all - before} of ${calls} started, ${unfinished} unfinished)`,
					);
				// A slow machine can take minutes here: say where it stands, so a stall is visible.
				const waited = performance.now() - started;
				if (waited - reportedAt >= 30_000) {
					reportedAt = waited;
					log(
						`  … ${format.ms(waited)}: ${all - before} of ${calls} executions started, ${unfinished} unfinished`,
					);
				}
				await sleep(250);
			}
		};

		// both variants share the database: the owner set up by the first logs in to the second
		let owner: OwnerAccount | undefined;
		const measure = async (label: string, start: () => Promise<N8nServer[]>) => {
			const servers = await start();
			try {
				const [main] = servers;
				if (owner) await main.login(owner.email, owner.password);
				else owner = await main.setupOwner();
				// active from the first variant on: the database remembers it
				if (!(await main.getWorkflow(bench.file.id)).active)
					await main.activateWorkflow(bench.file.id);
				await sleep(1_000); // webhook registration
				const results = await repeat(runs, async (run) => {
					const result = await burst(main);
					log(
						`  run ${run + 1}: ${label}: accepted in ${format.ms(result.acceptMs)}, done in ${format.ms(result.finishMs)}`,
					);
					return result;
				});
				return results;
			} finally {
				await Promise.all(servers.map(async (server) => await server.stop()));
			}
		};

		const single = await measure('one process', async () => [
			await N8nServer.start(mainFolder.dir, {
				env: { ...services.env, EXECUTIONS_MODE: 'regular' },
			}),
		]);
		const queued = await measure(`queue mode, ${WORKERS} workers`, async () => {
			const main = await N8nServer.start(mainFolder.dir, { env: services.env });
			const workers = [];
			for (const folder of workerFolders) workers.push(await startWorker(folder.dir, services));
			return [main, ...workers];
		});

		const items = calls * itemsPerCall;
		const row = (label: string, results: Measured[]) => {
			const finish = median(results.map((result) => result.finishMs));
			for (const result of results) {
				if (result.requests !== items)
					errors.push(`queue: ${label}: ${result.requests} requests for ${items} items`);
				if (result.failed > 0) errors.push(`queue: ${label}: ${result.failed} failed executions`);
			}
			return {
				accept: median(results.map((result) => result.acceptMs)),
				finish,
				cells: [
					label,
					format.count(calls),
					format.count(items),
					format.ms(median(results.map((result) => result.acceptMs))),
					format.ms(finish),
					format.perSecond(items / (finish / 1000)),
				],
			};
		};
		const one = row('one process (regular mode)', single);
		const queue = row(`queue mode: main + ${WORKERS} workers`, queued);
		return {
			title: `6. Queue mode: ${format.count(calls)} webhook calls × ${format.count(itemsPerCall)} Zaia Get items`,
			target:
				'how queue mode changes the time main takes to accept a burst of webhook calls and the items/s of the same work, against one process',
			setup: `all ${format.count(calls)} calls posted at once; the Webhook answers on receipt; both variants on the same Postgres (Debian 15) with Redis for the queue; workers with n8n's default concurrency (10); sandbox latency ${LATENCY_MS} ms; median of ${runs} runs; the machine has 2 cores shared by n8n main, the workers, Postgres, Redis and the sandbox`,
			columns: [
				'variant',
				'calls',
				'items',
				'all calls accepted',
				'all executions done',
				'items/s',
			],
			rows: [one.cells, queue.cells],
			verdict: `queue mode: main accepts the burst ${format.ratio(one.accept / queue.accept)} as fast; the work finishes ${format.ratio(one.finish / queue.finish)} as fast as in one process`,
			notes: [
				'In queue mode main only enqueues a call, so it answers at once whatever the work; the workers then share the executions. On this 2-core machine the workers compete with main, Postgres and Redis for the same cores, so the items/s shown here say little about a cluster on separate machines.',
			],
			errors,
		};
	} finally {
		await Promise.all(folders.map(async (folder) => await folder.remove()));
		await services.stop();
	}
}
