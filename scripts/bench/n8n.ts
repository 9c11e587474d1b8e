/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- benchmark tooling runs in plain Node and is never packaged */
/**
 * The one real n8n every benchmark runs in: n8n 2.41 from the e2e install (.cache/n8n) with the
 * packed pack installed as n8n's Community Nodes installer does it, the benchmark credentials
 * and workflows imported, each workflow started by its own Webhook (so a run is one HTTP call
 * and n8n's own execution record says what each node did and how long it took).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { request } from 'undici';

import {
	createUserFolder,
	importCredentials,
	importWorkflows,
	N8nServer,
	workflow,
} from '../../dev/n8n';
import type { ScenarioReport } from './report';
import type { BenchCredential } from './setup';
import type {
	CredentialFile,
	ExecutionDetail,
	TaskData,
	UserFolder,
	WorkflowFile,
	WorkflowNode,
} from '../../dev/n8n';

/** A benchmark scenario run in n8n: its credentials and workflows are imported before n8n starts. */
export interface N8nScenario {
	/** For the progress log. */
	title: string;
	credentials: BenchCredential[];
	workflows: BenchWorkflow[];
	run(
		n8n: BenchN8n,
		runs: number,
		log: (line: string) => void,
	): Promise<ScenarioReport | ScenarioReport[]>;
}

/** A workflow whose first node is a Webhook at `path`; it answers when the last node is done. */
export interface BenchWorkflow {
	file: WorkflowFile;
	path: string;
}

export interface BenchRun {
	execution: ExecutionDetail;
	/** Webhook call to answer, as the caller saw it. */
	wallMs: number;
	/** Peak resident memory of the n8n process during the run (VmHWM after a reset). */
	peakRssBytes: number;
	/** Resident memory right before the run. */
	startRssBytes: number;
}

/**
 * Webhook → Split Out (the posted `items` become n8n items) → `nodes`. The Webhook answers with
 * no data once the last node has run, so the caller waits for the whole execution; with
 * `answer: 'atOnce'` it answers as soon as n8n has accepted the call (in queue mode: enqueued).
 */
export function webhookWorkflow(
	name: string,
	nodes: WorkflowNode[],
	answer: 'whenDone' | 'atOnce' = 'whenDone',
): BenchWorkflow {
	const path = `bench-${randomUUID()}`;
	const start: WorkflowNode[] = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			id: randomUUID(),
			parameters: {
				httpMethod: 'POST',
				path,
				...(answer === 'whenDone'
					? { responseMode: 'lastNode', responseData: 'noData' }
					: { responseMode: 'onReceived' }),
				options: {},
			},
		},
		{
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
		},
	];
	const file = workflow(name, [...start, ...nodes]);
	(file.nodes[0] as WorkflowNode & { webhookId?: string }).webhookId = path;
	return { file, path };
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
		readFileSync(`/proc/${pid}/status`, 'utf8'),
	);
	if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
	return Number(match[1]) * 1024;
}

export class BenchN8n {
	private readonly runsOf = new Map<string, number>();

	private constructor(
		private readonly server: N8nServer,
		private readonly folder: UserFolder,
	) {}

	/** `env`: extra environment for n8n, e.g. NODE_OPTIONS for a CPU profile. */
	static async start(
		credentials: CredentialFile[],
		workflows: BenchWorkflow[],
		env: Record<string, string> = {},
	): Promise<BenchN8n> {
		const folder = await createUserFolder();
		try {
			await importCredentials(folder.dir, credentials);
			await importWorkflows(
				folder.dir,
				workflows.map((entry) => entry.file),
			);
			const server = await N8nServer.start(folder.dir, { env });
			const bench = new BenchN8n(server, folder);
			try {
				await server.setupOwner();
				for (const entry of workflows) await server.activateWorkflow(entry.file.id);
			} catch (error) {
				await bench.stop();
				throw error;
			}
			return bench;
		} catch (error) {
			await folder.remove();
			throw error;
		}
	}

	get pid(): number {
		const pid = this.server.pid;
		if (pid === undefined) throw new Error('n8n is not running');
		return pid;
	}

	/** Posts `items` to the workflow's webhook, waits for the execution and reads it back. */
	async run(entry: BenchWorkflow, items: unknown[]): Promise<BenchRun> {
		const pid = this.pid;
		// Linux: writing 5 to clear_refs resets the process's peak RSS to its current RSS.
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		const startRssBytes = statusKb(pid, 'VmRSS');
		const started = performance.now();
		const response = await this.post(entry, items);
		const answer = await response.body.text();
		const wallMs = performance.now() - started;
		if (response.statusCode !== 200) {
			throw new Error(
				`${entry.file.name}: webhook answered ${response.statusCode}: ${answer.slice(0, 500)}`,
			);
		}
		const count = (this.runsOf.get(entry.file.id) ?? 0) + 1;
		this.runsOf.set(entry.file.id, count);
		const [newest] = await this.server.waitForExecutions(entry.file.id, count, 5 * 60_000);
		// Read before fetching the execution: loading it back costs n8n memory too.
		const peakRssBytes = statusKb(pid, 'VmHWM');
		const execution = await this.server.getExecution(newest.id);
		return { execution, wallMs, peakRssBytes, startRssBytes };
	}

	/**
	 * POSTs to the webhook. Right after activation n8n may not have registered it yet (it answers
	 * 404 "not registered", without running anything), so that answer is retried for a while.
	 */
	private async post(entry: BenchWorkflow, items: unknown[]) {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const response = await request(`${this.server.baseUrl}/webhook/${entry.path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ items }),
				headersTimeout: 30 * 60_000,
				bodyTimeout: 30 * 60_000,
			});
			if (response.statusCode !== 404 || Date.now() > deadline) return response;
			await response.body.text();
			await sleep(500);
		}
	}

	async stop(): Promise<void> {
		await this.server.stop();
		await this.folder.remove();
	}
}

/** The run of one node in an execution; throws with n8n's message when the node failed. */
export function taskOf(execution: ExecutionDetail, nodeName: string): TaskData {
	const task = execution.data.resultData.runData[nodeName]?.[0];
	if (!task) {
		const error = execution.data.resultData.error;
		throw new Error(
			`Node "${nodeName}" did not run${error ? `: ${error.message ?? JSON.stringify(error)}` : ''}`,
		);
	}
	return task;
}
