import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runPoll, type HarnessCredentials, type PollResult } from '../../dev/harness';

/**
 * n8n 2.41's three ways of running a poll trigger, reduced to when they save what the node
 * wrote into its static data (read from n8n's own code, see nodes/shared/poll.ts):
 * - `legacy`: one workflow object lives in memory between polls; its static data is written to
 *   the database when a poll emits and after activation. A restart reloads it from the database
 *   and runs an activation poll.
 * - `durable`: every scheduled poll rebuilds the workflow from the database; an emitting poll
 *   saves it, an empty poll saves nothing. The activation poll runs once, when the scheduler job
 *   is first inserted, and is saved after activation; a restart runs no activation poll.
 * - `cursors`: as `durable`, but node static data is a staged copy of a cursor row (created from
 *   the workflow's node static data the first time it is read) that is committed with the
 *   execution when a poll emits, or alone after an empty scheduled poll, and never after the
 *   activation poll. Global static data stays in the workflow and is saved as in `durable`.
 */
export type SchedulerMode = 'legacy' | 'durable' | 'cursors';

export const SCHEDULER_MODES: SchedulerMode[] = ['legacy', 'durable', 'cursors'];

interface StaticData {
	node: IDataObject;
	global: IDataObject;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? {})) as T;

/** One active trigger in a simulated n8n: activation, scheduled polls, restarts. */
export class PersistedTrigger {
	/** What the database holds: the workflow's static data, and the cursor row (cursors mode). */
	database: { workflow: StaticData; cursor?: IDataObject } = { workflow: { node: {}, global: {} } };

	/** One workflow: every poll of this trigger runs in it. */
	readonly workflowId = `persisted-${randomUUID()}`;

	/** The in-memory workflow of legacy mode. */
	private memory: StaticData | undefined;

	constructor(
		readonly mode: SchedulerMode,
		private readonly nodeType: string,
		private readonly parameters: INodeParameters,
		private readonly credentials: () => HarnessCredentials,
	) {}

	private async run(node: IDataObject, global: IDataObject): Promise<PollResult> {
		return await runPoll({
			nodeType: this.nodeType,
			parameters: this.parameters,
			credentials: this.credentials(),
			staticData: node,
			globalStaticData: global,
			workflowId: this.workflowId,
		});
	}

	private save(workflow: StaticData): void {
		this.database.workflow = clone(workflow);
	}

	/** First activation (or, in legacy mode, the activation that follows a restart). */
	async activate(): Promise<PollResult> {
		if (this.mode === 'legacy') {
			this.memory = clone(this.database.workflow);
			const result = await this.run(this.memory.node, this.memory.global);
			this.memory = clone({ node: result.staticData, global: result.globalStaticData });
			this.save(this.memory);
			return result;
		}
		const workflow = clone(this.database.workflow);
		if (this.mode === 'durable') {
			const result = await this.run(workflow.node, workflow.global);
			this.save({ node: result.staticData, global: result.globalStaticData });
			return result;
		}
		this.database.cursor ??= clone(workflow.node);
		const result = await this.run(clone(this.database.cursor), workflow.global);
		if (!result.error && result.items.length) this.database.cursor = clone(result.staticData);
		this.save({ node: workflow.node, global: result.globalStaticData });
		return result;
	}

	/** One scheduled poll. */
	async poll(): Promise<PollResult> {
		if (this.mode === 'legacy') {
			this.memory ??= clone(this.database.workflow);
			const result = await this.run(this.memory.node, this.memory.global);
			this.memory = clone({ node: result.staticData, global: result.globalStaticData });
			if (!result.error && result.items.length) this.save(this.memory);
			return result;
		}
		const workflow = clone(this.database.workflow);
		if (this.mode === 'durable') {
			const result = await this.run(workflow.node, workflow.global);
			if (!result.error && result.items.length) {
				this.save({ node: result.staticData, global: result.globalStaticData });
			}
			return result;
		}
		this.database.cursor ??= clone(workflow.node);
		const result = await this.run(clone(this.database.cursor), workflow.global);
		if (result.error) return result;
		this.database.cursor = clone(result.staticData);
		if (result.items.length) this.save({ node: workflow.node, global: result.globalStaticData });
		return result;
	}

	/**
	 * Scheduled polls that start together from the same saved state, as n8n runs the missed
	 * occurrences of a node's several poll times after a restart (durable modes).
	 */
	async pollTogether(count: number): Promise<PollResult[]> {
		if (this.mode === 'legacy') {
			return await Promise.all(Array.from({ length: count }, async () => await this.poll()));
		}
		const workflow = clone(this.database.workflow);
		this.database.cursor ??= clone(workflow.node);
		const cursor = clone(this.database.cursor);
		const results = await Promise.all(
			Array.from({ length: count }, async () =>
				this.mode === 'durable'
					? await this.run(clone(workflow.node), clone(workflow.global))
					: await this.run(clone(cursor), clone(workflow.global)),
			),
		);
		// Whichever finishes last is saved last.
		for (const result of results) {
			if (result.error) continue;
			if (this.mode === 'cursors') this.database.cursor = clone(result.staticData);
			if (result.items.length) {
				this.save({
					node: this.mode === 'durable' ? result.staticData : workflow.node,
					global: result.globalStaticData,
				});
			}
		}
		return results;
	}

	/**
	 * n8n stops (SIGTERM) and starts again: legacy mode reloads from the database and polls at
	 * activation; the durable modes keep their scheduler job and poll at the next occurrence.
	 */
	async restart(): Promise<PollResult | undefined> {
		this.memory = undefined;
		return this.mode === 'legacy' ? await this.activate() : undefined;
	}
}
