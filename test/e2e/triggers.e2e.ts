/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
/**
 * Exactly once in real n8n 2.41, under each of its three ways of running a poll trigger
 * (legacy, durable scheduler, durable cursors; see nodes/shared/trigger.ts). One n8n per mode,
 * the three modes side by side, each with the Zaia (new tickets and new chat messages), Gorgias and GuruSup triggers active at once
 * behind a filter the provider cannot apply, each trigger followed by a 10 s Wait so that an
 * execution is still running when n8n is killed. One run, in this order:
 *
 * 1. activation, then SIGTERM before any scheduled poll, tickets created while n8n is down;
 * 2. steady arrivals over three polls, tickets that pass the filter and tickets that do not;
 * 3. SIGTERM after the first emissions, tickets created while n8n is down;
 * 4. a filtered-out backlog larger than one poll's window (150 tickets, 100 a window), read by
 *    a poll, then one matching ticket;
 * 5. kill -9 while the executions of an emitting poll run; n8n started again;
 * 6. one more matching ticket after the crash;
 * 7. the operator's recovery: each crashed execution retried (REST, as the Executions list's
 *    "Retry" does) delivers its tickets to the node after the trigger.
 *
 * GuruSup's tickets are pushed with conversations that began earlier (minutes, a day, a year),
 * the way imports from another system arrive, and are new all the same.
 *
 * Expected per trigger: every matching ticket created after activation in exactly one
 * execution, none of the others; the tickets of step 5 in an execution n8n marks crashed (its
 * hand-off is at most once: they are not emitted again, and the crashed execution holds them
 * for a retry). The counts are printed per mode and trigger.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { createUserFolder, importCredentials, importWorkflows, N8nServer } from '../../dev/n8n';
import type { OwnerAccount, UserFolder } from '../../dev/n8n';
import { PROVIDER_KEYS } from '../../dev/providers';
import { startSandboxes } from './lifecycles';
import type { Sandboxes } from './lifecycles';
import {
	countTickets,
	executionsOf,
	SCHEDULER_MODES,
	sqlite,
	triggersUnderTest,
	triggerItems,
	WAIT_NODE,
	WAIT_SECONDS,
	WAITING_THRESHOLD_MINUTES,
	waitingUnderTest,
} from './triggers';
import type {
	ExecutionRecord,
	SchedulerMode,
	TriggerCounts,
	TriggerUnderTest,
	WaitingUnderTest,
} from './triggers';

jest.setTimeout(20 * 60_000);

const UNFINISHED = ['new', 'running', 'waiting'];

async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs: number,
	everyMs = 1_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(everyMs);
	}
}

interface ModeRun {
	mode: SchedulerMode;
	counts: Record<string, TriggerCounts>;
	executions: Record<string, ExecutionRecord[]>;
	/** Ids of the tickets created while the killed executions ran, per trigger. */
	killed: Record<string, string[]>;
	/** Starts after the kill that n8n itself failed (it started on the next try). */
	failedStarts: string[];
	/** n8n log lines about polls abandoned, leases, retried tasks or cursor commits. */
	schedulerLog: string[];
	/** Ticket ids the retry of each trigger's crashed executions delivered to the Wait node. */
	retried: Record<string, string[]>;
	/** Rows n8n keeps for its schedulers: durable jobs of poll triggers, cursor rows. */
	pollJobs: number;
	cursors: Array<Record<string, unknown>>;
	seconds: number;
	/**
	 * Customer Waiting for a Reply: per provider, how many executions held the story's ticket
	 * (other tickets the sandboxes hold may wait too: the other triggers' customers).
	 */
	waiting: Record<string, number>;
}

/** One n8n in one scheduler mode, the whole scenario, and what became of every ticket. */
class Scenario {
	server!: N8nServer;
	owner!: OwnerAccount;
	folder!: UserFolder;
	sandboxes!: Sandboxes;
	triggers: TriggerUnderTest[] = [];
	waiting: WaitingUnderTest[] = [];
	readonly expected = new Map<string, string[]>();
	readonly unexpected = new Map<string, string[]>();
	readonly killed = new Map<string, string[]>();
	/** Why n8n refused its first start after the kill, when it did. */
	readonly failedStarts: string[] = [];
	/** n8n's output of every process this scenario ran, for the report. */
	readonly outputs: string[] = [];

	constructor(readonly mode: SchedulerMode) {}

	private log(message: string): void {
		console.log(`[${this.mode}] ${message}`);
	}

	private env(): Record<string, string> {
		// A SIGTERM lets running executions (WAIT_SECONDS of Wait) finish.
		return { ...SCHEDULER_MODES[this.mode], N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '30' };
	}

	async setUp(): Promise<void> {
		[this.sandboxes, this.folder] = await Promise.all([startSandboxes(), createUserFolder()]);
		this.triggers = triggersUnderTest(this.sandboxes);
		for (const trigger of this.triggers) {
			this.expected.set(trigger.label, []);
			this.killed.set(trigger.label, []);
			// Tickets that exist before activation are never emitted.
			this.unexpected.set(
				trigger.label,
				Array.from({ length: 3 }, () => trigger.create(true)),
			);
		}
		await importCredentials(this.folder.dir, Object.values(this.sandboxes.credentials));
		this.waiting = waitingUnderTest(this.sandboxes);
		await importWorkflows(this.folder.dir, [
			...this.triggers.map((trigger) => trigger.workflow),
			...this.waiting.map((waiting) => waiting.workflow),
		]);
		this.server = await N8nServer.start(this.folder.dir, { env: this.env() });
		this.owner = await this.server.setupOwner();
	}

	async tearDown(): Promise<void> {
		await this.server?.stop();
		await Promise.all([this.folder?.remove(), this.sandboxes?.stop()]);
	}

	private create(passes: boolean, count = 1): Record<string, string[]> {
		const made: Record<string, string[]> = {};
		for (const trigger of this.triggers) {
			const ids = Array.from({ length: count }, () => trigger.create(passes));
			(passes ? this.expected : this.unexpected).get(trigger.label)!.push(...ids);
			made[trigger.label] = ids;
		}
		return made;
	}

	private pollCount(): number[] {
		return this.triggers.map(
			(trigger) =>
				this.sandboxes[trigger.provider]
					.requestsTo(trigger.pollRoute)
					.filter((request) => trigger.isPoll?.(request) ?? true).length,
		);
	}

	private totalRequests(): number {
		return PROVIDER_KEYS.reduce(
			(sum, provider) => sum + this.sandboxes[provider].requests.length,
			0,
		);
	}

	/** Until every trigger has polled again, and the sandboxes have been quiet for 2 s. */
	private async nextPoll(): Promise<void> {
		const before = this.pollCount();
		await waitFor(
			'a poll of every trigger',
			async () => (this.pollCount().every((count, i) => count > before[i]) ? true : undefined),
			90_000,
			250,
		);
		for (let last = this.totalRequests(); ; ) {
			await sleep(2_000);
			const now = this.totalRequests();
			if (now === last) return;
			last = now;
		}
	}

	private async executions(trigger: TriggerUnderTest): Promise<ExecutionRecord[]> {
		return await executionsOf(this.server, trigger);
	}

	/** Until the given tickets are each in an execution (or the timeout: they count as lost). */
	private async emitted(made: Record<string, string[]>, timeoutMs = 100_000): Promise<void> {
		try {
			await waitFor(
				'the tickets in executions',
				async () => {
					for (const trigger of this.triggers) {
						const held = new Set((await this.executions(trigger)).flatMap((e) => e.ids));
						if (!made[trigger.label].every((id) => held.has(id))) return undefined;
					}
					return true;
				},
				timeoutMs,
				2_000,
			);
		} catch (error) {
			this.log(String(error));
		}
	}

	private async idle(): Promise<void> {
		await waitFor(
			'no running executions',
			async () => {
				for (const trigger of this.triggers) {
					const open = await this.server.countExecutions({
						workflowId: trigger.workflow.id,
						status: UNFINISHED,
					});
					if (open > 0) return undefined;
				}
				return true;
			},
			120_000,
		);
	}

	private async restart(kill = false): Promise<void> {
		if (kill) await this.server.kill();
		else await this.server.stop(60_000);
		this.outputs.push(this.server.output);
		this.log(kill ? 'killed (-9)' : 'stopped (SIGTERM)');
		// Arrivals while n8n is down, a few milliseconds apart: the triggers keep times to the
		// millisecond, and tickets sharing one would hide a starting point taken too late.
		const whileDown: Record<string, string[]> = {};
		for (let i = 0; !kill && i < 2; i++) {
			for (const [label, ids] of Object.entries(this.create(true, 1))) {
				(whileDown[label] ??= []).push(...ids);
			}
			await sleep(5);
		}
		this.create(false, 1);
		const first = await N8nServer.start(this.folder.dir, { env: this.env() }).then(
			(server) => ({ server, error: undefined }),
			(error: unknown) => ({ server: undefined, error }),
		);
		if (first.server) {
			this.server = first.server;
		} else {
			const error = first.error;
			// n8n 2.41.1 can fail its first start after a kill -9: its crash recovery amends an
			// execution that was created but never started, and the insights module then reads
			// that execution's missing start time. The next start skips the failed recovery and
			// marks the executions crashed, as a restart policy (systemd, Docker) would see it.
			if (!kill) throw new Error(`n8n did not start again: ${String(error)}`);
			const cause = /TypeError: [^\n]*/.exec(String(error))?.[0] ?? String(error).split('\n')[0];
			this.failedStarts.push(cause);
			this.log(`n8n did not start after the crash (${cause}); starting it again`);
			this.server = await N8nServer.start(this.folder.dir, { env: this.env() });
		}
		await this.server.login(this.owner.email, this.owner.password);
		this.log('started again');
		if (!kill) await this.emitted(whileDown);
	}

	async run(): Promise<ModeRun> {
		const started = Date.now();
		for (const trigger of this.triggers) {
			expect((await this.server.activateWorkflow(trigger.workflow.id)).active).toBe(true);
		}
		for (const waiting of this.waiting) {
			expect((await this.server.activateWorkflow(waiting.workflow.id)).active).toBe(true);
		}
		this.log('activated');
		// 1. Down before any scheduled poll: the activation poll's start has to hold.
		await this.restart();
		// Customer Waiting for a Reply, first episode: the customer writes now.
		for (const waiting of this.waiting) waiting.write(false);
		const firstWaitAt = Date.now();

		// 2. Steady arrivals.
		for (let round = 0; round < 3; round++) {
			const made = this.create(true, 1 + round);
			this.create(false, 1);
			await this.nextPoll();
			await this.emitted(made, 30_000);
		}
		this.log('steady arrivals done');
		// The first wait is emitted past the threshold; then a reply, and the customer writes again.
		await this.waitingEmissions(1, firstWaitAt);
		for (const waiting of this.waiting) waiting.write(true);
		await sleep(1_000);
		for (const waiting of this.waiting) waiting.write(false);
		const secondWaitAt = Date.now();

		// 3. Down after emissions.
		await this.idle();
		await this.restart();

		// 4. A filtered-out backlog larger than a window, read by a poll, then a match.
		this.create(false, 150);
		await this.nextPoll();
		const match = this.create(true, 1);
		await this.emitted(match);
		this.log('filtered backlog done');

		// 5. kill -9 while the executions of an emitting poll hold their tickets.
		await this.idle();
		const marks = new Map<string, Set<string>>();
		for (const trigger of this.triggers) {
			marks.set(trigger.label, new Set((await this.executions(trigger)).map((e) => e.id)));
		}
		const held = this.create(true, 2);
		await waitFor(
			'a running execution of every trigger',
			async () => {
				for (const trigger of this.triggers) {
					const running = await this.server.listExecutions(
						{ workflowId: trigger.workflow.id, status: UNFINISHED },
						10,
					);
					if (!running.some((e) => !marks.get(trigger.label)!.has(e.id))) return undefined;
				}
				return true;
			},
			90_000,
			200,
		);
		for (const trigger of this.triggers) this.killed.set(trigger.label, held[trigger.label]);
		await this.restart(true);
		await sleep(WAIT_SECONDS * 1_000);

		// 6. The trigger goes on after the crash.
		await this.emitted(this.create(true, 1));
		await this.idle();

		// 7. The operator retries the crashed executions.
		const retried: Record<string, string[]> = {};
		for (const trigger of this.triggers) {
			retried[trigger.label] = [];
			const crashed = (await this.executions(trigger)).filter((e) => e.status === 'crashed');
			for (const execution of crashed) {
				await this.server.rest('POST', `/rest/executions/${execution.id}/retry`, {
					loadWorkflow: false,
				});
			}
			await this.idle();
			for (const summary of await this.server.listExecutions(
				{ workflowId: trigger.workflow.id },
				100,
			)) {
				if (summary.mode !== 'retry') continue;
				const runs = (await this.server.getExecution(summary.id)).data.resultData.runData[
					WAIT_NODE
				];
				for (const item of runs?.at(-1)?.data?.main?.[0] ?? []) {
					retried[trigger.label].push(trigger.idOf(item));
				}
			}
		}
		this.log('crashed executions retried');
		await this.waitingEmissions(2, secondWaitAt);
		// Polls well past the threshold emit nothing more.
		await this.nextPoll();
		await this.idle();
		const waiting: Record<string, number> = {};
		for (const entry of this.waiting) waiting[entry.label] = await this.waitingExecutions(entry);

		const counts: Record<string, TriggerCounts> = {};
		const executions: Record<string, ExecutionRecord[]> = {};
		for (const trigger of this.triggers) {
			executions[trigger.label] = await this.executions(trigger);
			counts[trigger.label] = countTickets(
				this.expected.get(trigger.label)!,
				this.unexpected.get(trigger.label)!,
				executions[trigger.label],
			);
		}
		const [{ jobs }] = (await sqlite(
			this.folder.dir,
			"select count(*) as jobs from scheduled_job where taskType = 'workflow:poll-trigger'",
		)) as Array<{ jobs: number }>;
		const cursors = await sqlite(this.folder.dir, 'select nodeId, cursor from poller_state');
		return {
			mode: this.mode,
			counts,
			executions,
			killed: Object.fromEntries(this.killed),
			retried,
			failedStarts: this.failedStarts,
			schedulerLog: [...this.outputs, this.server.output]
				.flatMap((output) => output.split('\n'))
				.filter((line) => /timed out|abandon|lease|reap|cursor|superseded|duplicate/i.test(line))
				.slice(0, 40),
			pollJobs: Number(jobs),
			cursors,
			seconds: Math.round((Date.now() - started) / 1000),
			waiting,
		};
	}

	/** How often the story's ticket was emitted (executions n8n marked crashed included). */
	private async waitingExecutions(entry: WaitingUnderTest): Promise<number> {
		const summaries = await this.server.listExecutions({ workflowId: entry.workflow.id }, 100);
		let count = 0;
		for (const summary of summaries.filter((s) => s.mode !== 'retry')) {
			const ids = triggerItems(await this.server.getExecution(summary.id)).map(entry.idOf);
			count += ids.filter((id) => id === entry.id).length;
		}
		return count;
	}

	/** Until every waiting ticket is in `count` executions (counted after the test). */
	private async waitingEmissions(count: number, waitingSince: number): Promise<void> {
		// Not before the threshold has passed, and a poll (15 s) after it.
		const due = waitingSince + WAITING_THRESHOLD_MINUTES * 60_000;
		await sleep(Math.max(0, due - Date.now()));
		try {
			await waitFor(
				`${count} waiting emissions`,
				async () => {
					for (const entry of this.waiting) {
						if ((await this.waitingExecutions(entry)) < count) return undefined;
					}
					return true;
				},
				90_000,
				2_000,
			);
		} catch (error) {
			this.log(String(error));
		}
	}
}

const MODES: SchedulerMode[] = ['legacy', 'durable', 'cursors'];
const runs = new Map<SchedulerMode, Promise<ModeRun>>();
const scenarios: Scenario[] = [];
const fileStarted = Date.now();

beforeAll(() => {
	// The three n8n run side by side: polls are a minute apart at most, the waiting dominates.
	for (const [index, mode] of MODES.entries()) {
		const scenario = new Scenario(mode);
		scenarios.push(scenario);
		const run = (async () => {
			// Staggered starts: three first n8n starts at once would compete for the CPU.
			await sleep(index * 20_000);
			await scenario.setUp();
			return await scenario.run();
		})();
		run.catch(() => undefined);
		runs.set(mode, run);
	}
});

afterAll(async () => {
	await Promise.allSettled([...runs.values()]);
	await Promise.all(scenarios.map(async (scenario) => await scenario.tearDown()));
	console.log(`triggers.e2e: ${Math.round((Date.now() - fileStarted) / 1000)} s wall time`);
});

describe.each(MODES)('n8n 2.41 with the %s poll scheduler', (mode) => {
	it('emits every matching ticket exactly once; a kill -9 leaves its tickets in the crashed execution', async () => {
		const run = await runs.get(mode)!;
		const table = Object.entries(run.counts).map(([trigger, counts]) => ({
			mode,
			trigger,
			...counts,
		}));
		console.log(
			`${mode}: scenario ran in ${run.seconds} s; starts n8n failed after the kill: ${run.failedStarts.length ? run.failedStarts.join('; ') : 'none'}`,
		);
		console.table(table);
		if (run.schedulerLog.length) console.log(`${mode} n8n log:\n${run.schedulerLog.join('\n')}`);
		for (const [trigger, executions] of Object.entries(run.executions)) {
			const seen = new Map<string, number>();
			for (const execution of executions.filter((e) => e.mode !== 'retry')) {
				for (const id of execution.ids) seen.set(id, (seen.get(id) ?? 0) + 1);
			}
			const twice = executions.filter((e) => e.ids.some((id) => (seen.get(id) ?? 0) > 1));
			if (twice.length)
				console.log(`${mode} ${trigger}: executions sharing tickets: ${JSON.stringify(twice)}`);
			const crashed = executions.filter((execution) => execution.status === 'crashed');
			console.log(
				`${mode} ${trigger}: ${executions.length} executions; crashed: ${JSON.stringify(crashed)}; ` +
					`killed: ${JSON.stringify(run.killed[trigger])}; retry delivered: ${JSON.stringify(run.retried[trigger])}`,
			);
		}

		// The mode is really the one asked for: n8n's own scheduler tables say so.
		if (mode === 'legacy') expect(run.pollJobs).toBe(0);
		else expect(run.pollJobs).toBeGreaterThanOrEqual(3);
		if (mode === 'cursors') {
			// One cursor row per poll trigger: the exactly-once triggers and the waiting ones.
			expect(run.cursors).toHaveLength(
				Object.keys(run.counts).length + Object.keys(run.waiting).length,
			);
			for (const row of run.cursors) expect(String(row.cursor)).toMatch(/watermark|waiting/);
		} else {
			expect(run.cursors).toEqual([]);
		}

		for (const [trigger, counts] of Object.entries(run.counts)) {
			expect({ trigger, ...counts }).toEqual({
				trigger,
				created: counts.created,
				emitted: counts.created,
				lost: 0,
				duplicated: 0,
				inCrashed: run.killed[trigger].length,
				unexpected: 0,
			});
			// The killed tickets are exactly the ones in crashed executions.
			const crashed = run.executions[trigger]
				.filter((execution) => execution.status === 'crashed')
				.flatMap((execution) => execution.ids);
			expect(crashed.sort()).toEqual([...run.killed[trigger]].sort());
			// Retrying the crashed execution hands exactly those tickets to the next node.
			expect([...run.retried[trigger]].sort()).toEqual([...run.killed[trigger]].sort());
			// 2 while down, 1 + 2 + 3 steady, 2 while down, 1 after the backlog, 2 killed, 1 after
			expect(counts.created).toBe(14);
		}
		// Customer Waiting for a Reply: one emission per waiting episode, two episodes.
		console.log(`${mode} waiting: ${JSON.stringify(run.waiting)}`);
		for (const [entry, emitted] of Object.entries(run.waiting)) {
			expect({ entry, emitted }).toEqual({ entry, emitted: 2 });
		}
		expect(Object.keys(run.waiting).sort()).toEqual(['Gorgias', 'GuruSup', 'Zaia']);
	});
});
