/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * The pack in n8n's queue mode, as admins run it: Postgres and Redis from Debian's packages,
 * one main instance and two workers, the pack installed on each (the combined pack, as the
 * Community Nodes installer installs it).
 *
 * 1. 100 webhook calls of 100 items each (10,000 Zaia Get operations) are accepted by main and
 *    run on both workers: every ticket requested exactly once, no failed execution.
 * 2. A Zaia Trigger polls on main and emits each new ticket once; its executions run on workers.
 * 3. A worker without the pack starts without a word and fails what it takes: the failed
 *    execution names the unrecognized node type, which is how an admin finds it.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { request } from 'undici';

import { ZAIA_ROUTES } from '../../dev/sandboxes/zaia';
import {
	createUserFolder,
	importCredentials,
	importWorkflows,
	N8nServer,
	workflow,
} from '../../dev/n8n';
import type { UserFolder, WorkflowFile, WorkflowNode } from '../../dev/n8n';
import { startSandboxes } from './lifecycles';
import type { Sandboxes } from './lifecycles';
import { executionsStartedBy, startQueueServices, startWorker } from '../../dev/n8n/queue';
import type { QueueServices } from '../../dev/n8n/queue';

const CALLS = 100;
const ITEMS_PER_CALL = 100;

let services: QueueServices;
let sandboxes: Sandboxes;
let main: N8nServer;
const workers: N8nServer[] = [];
const folders: UserFolder[] = [];

const zaiaRef = () => ({
	zaiaApi: { id: sandboxes.credentials.zaia.id, name: sandboxes.credentials.zaia.name },
});

/** Webhook (answers at once) → one item per ticket → Zaia Get. */
function webhookGets(path: string): WorkflowFile {
	const nodes: WorkflowNode[] = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		},
		{
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
		},
		{
			name: 'Get ticket',
			type: 'n8n-nodes-ticketing.zaia',
			typeVersion: 1,
			parameters: {
				resource: 'ticket',
				operation: 'get',
				ticketId: { __rl: true, mode: 'id', value: '={{ $json.ticketId }}' },
			},
			credentials: zaiaRef(),
		},
	];
	const file = workflow('Queue: webhook → Zaia Get', nodes);
	(file.nodes[0] as WorkflowNode & { webhookId?: string }).webhookId = path;
	return file;
}

/**
 * POSTs to the production webhook. Right after activation main may not have registered it yet:
 * it answers 404 without running anything, so that answer is retried for a while.
 */
async function post(path: string, body: unknown): Promise<number> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const response = await request(`${main.baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		await response.body.text();
		if (response.statusCode !== 404 || Date.now() > deadline) return response.statusCode;
		await sleep(500);
	}
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await sleep(1_000);
	}
}

const UNFINISHED = ['new', 'running', 'waiting'];

/** Waits until a workflow has `expected` executions and none is still running or waiting. */
async function waitUntilFinished(workflowId: string, expected: number, timeoutMs = 240_000) {
	await waitFor(
		`${expected} finished executions of ${workflowId}`,
		async () => {
			const all = await main.countExecutions({ workflowId });
			const unfinished = await main.countExecutions({ workflowId, status: UNFINISHED });
			return all >= expected && unfinished === 0 ? true : undefined;
		},
		timeoutMs,
	);
}

let gets: WorkflowFile;
let trigger: WorkflowFile;

beforeAll(async () => {
	[services, sandboxes] = await Promise.all([startQueueServices(), startSandboxes()]);
	gets = webhookGets(`queue-${randomUUID()}`);
	trigger = workflow('Queue: Zaia Trigger', [
		{
			name: 'New pending ticket',
			type: 'n8n-nodes-ticketing.zaiaTrigger',
			typeVersion: 1,
			parameters: {
				event: 'newTicket',
				statuses: ['pending'],
				filters: {},
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				options: { backfillHours: 1 },
			},
			credentials: zaiaRef(),
		},
	]);
	for (let index = 0; index < 3; index++) folders.push(await createUserFolder());
	const [mainFolder, ...workerFolders] = folders;
	main = await N8nServer.start(mainFolder.dir, { env: services.env });
	await main.setupOwner();
	// the CLI writes into the cluster's database, like an admin's import on main
	await importCredentials(mainFolder.dir, [sandboxes.credentials.zaia], { env: services.env });
	await importWorkflows(mainFolder.dir, [gets, trigger], { env: services.env });
	for (const folder of workerFolders) workers.push(await startWorker(folder.dir, services));
}, 600_000);

afterAll(async () => {
	await Promise.all([...workers, main].filter(Boolean).map(async (server) => await server.stop()));
	await Promise.all(folders.map(async (folder) => await folder.remove()));
	await Promise.all([services?.stop(), sandboxes?.stop()]);
});

describe('queue mode: main + 2 workers on Postgres and Redis', () => {
	it(`${CALLS} webhook calls × ${ITEMS_PER_CALL} items run on both workers, each ticket requested once`, async () => {
		const tickets = Array.from({ length: CALLS * ITEMS_PER_CALL }, () =>
			sandboxes.zaia.addTicket({ status: 'ongoing' }),
		);
		sandboxes.zaia.clearLog();
		expect((await main.activateWorkflow(gets.id)).active).toBe(true);

		const path = (gets.nodes[0].parameters as { path: string }).path;
		const accepted = Date.now();
		const statuses: number[] = [];
		for (let call = 0; call < CALLS; call += 10) {
			statuses.push(
				...(await Promise.all(
					Array.from({ length: 10 }, async (_, offset) => {
						const batch = tickets.slice(
							(call + offset) * ITEMS_PER_CALL,
							(call + offset + 1) * ITEMS_PER_CALL,
						);
						return await post(path, { items: batch.map((ticket) => ({ ticketId: ticket.id })) });
					}),
				)),
			);
		}
		const acceptMs = Date.now() - accepted;
		expect(statuses).toEqual(Array.from({ length: CALLS }, () => 200));

		await waitUntilFinished(gets.id, CALLS);
		expect(await main.countExecutions({ workflowId: gets.id })).toBe(CALLS);
		expect(await main.countExecutions({ workflowId: gets.id, status: ['success'] })).toBe(CALLS);
		const requested = sandboxes.zaia.requestsTo(ZAIA_ROUTES.getTicket).map((call) => call.path);
		expect(requested).toHaveLength(CALLS * ITEMS_PER_CALL);
		expect(new Set(requested)).toEqual(
			new Set(tickets.map((ticket) => `/api/v1/tickets/${ticket.id}/details`)),
		);

		// main only enqueues: every execution ran on one worker, and both took some
		const ranOn = workers.map(executionsStartedBy);
		expect(ranOn.flat()).toHaveLength(CALLS);
		expect(new Set(ranOn.flat()).size).toBe(CALLS);
		for (const started of ranOn) expect(started.length).toBeGreaterThan(0);
		console.log(
			`queue mode: ${CALLS} calls accepted by main in ${acceptMs} ms; executions per worker: ${ranOn
				.map((started) => started.length)
				.join(' / ')}`,
		);
	});

	it('a trigger on main emits each new ticket once; its executions run on the workers', async () => {
		const before = Array.from({ length: 3 }, () =>
			sandboxes.zaia.addTicket({
				status: 'pending',
				createdAt: new Date(Date.now() - 60_000).toISOString(),
			}),
		);
		expect((await main.activateWorkflow(trigger.id)).active).toBe(true);
		// the activation poll emits the backfill; then tickets arrive for the scheduled polls
		await waitUntilFinished(trigger.id, 1, 60_000);
		const after = Array.from({ length: 2 }, () => sandboxes.zaia.addTicket({ status: 'pending' }));
		const listings = () => sandboxes.zaia.requestsTo(ZAIA_ROUTES.listTickets).length;
		const atArrival = listings();
		// two scheduled polls after the arrivals: the first emits them, the second would repeat
		await waitFor(
			'two scheduled polls',
			async () => (listings() - atArrival >= 2 ? true : undefined),
			200_000,
		);
		await sleep(3_000);

		await waitUntilFinished(trigger.id, 2, 60_000);
		const executions = await main.listExecutions({ workflowId: trigger.id }, 100);
		const emitted: string[] = [];
		for (const summary of executions) {
			expect(summary.status).toBe('success');
			const detail = await main.getExecution(summary.id);
			for (const item of detail.data.resultData.runData['New pending ticket']?.[0]?.data
				?.main?.[0] ?? [])
				emitted.push(String(item.json.id));
		}
		expect(emitted.sort()).toEqual([...before, ...after].map((ticket) => ticket.id).sort());
		const ranOnWorkers = workers.flatMap(executionsStartedBy);
		for (const summary of executions) expect(ranOnWorkers).toContain(summary.id);
		expect((await main.deactivateWorkflow(trigger.id)).active).toBe(false);
	});

	it('a worker without the pack fails what it takes, and the failed execution says why', async () => {
		await Promise.all(workers.splice(0).map(async (worker) => await worker.stop()));
		const bare = await createUserFolder({ installPack: false });
		folders.push(bare);
		const worker = await startWorker(bare.dir, services);
		workers.push(worker);
		// it starts like any other worker: nothing in its log hints at the missing package
		expect(worker.output).not.toMatch(/n8n-nodes-ticketing|Unrecognized/);

		const before = await main.countExecutions({ workflowId: gets.id });
		const ticket = sandboxes.zaia.addTicket({ status: 'ongoing' });
		const path = (gets.nodes[0].parameters as { path: string }).path;
		expect(await post(path, { items: [{ ticketId: ticket.id }] })).toBe(200);
		await waitUntilFinished(gets.id, before + 1, 60_000);
		const [latest] = await main.listExecutions({ workflowId: gets.id }, 1);
		expect(executionsStartedBy(worker)).toContain(latest.id);
		expect(latest.status).toBe('error');
		const detail = await main.getExecution(latest.id);
		expect(JSON.stringify(detail.data.resultData.error ?? detail.data)).toMatch(
			/Unrecognized node type: n8n-nodes-ticketing\.zaia/,
		);
		expect(sandboxes.zaia.requestsTo(ZAIA_ROUTES.getTicket).map((call) => call.path)).not.toContain(
			`/api/v1/tickets/${ticket.id}/details`,
		);
	});
});
