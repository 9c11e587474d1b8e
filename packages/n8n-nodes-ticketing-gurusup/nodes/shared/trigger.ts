/**
 * How a poll's state survives n8n, whichever way n8n runs the poll (read from n8n 2.41.1:
 * `n8n-core` `execution-engine/active-workflow-triggers.js` and `poll-trigger-executor.js`,
 * `n8n` `active-workflow-manager.js`, `scheduling/poll-trigger-node/poll-trigger-task-handler.js`,
 * `workflows/triggers/trigger-execution-context.factory.js` and `poll-cursor.service.js`,
 * `@n8n/db` `poller-state.repository.js`, `@n8n/config` `scheduler.config.js`).
 *
 * What n8n saves, per scheduler mode:
 * - Legacy (the default): the workflow object stays in memory between polls; its static data
 *   (node and global) is written to the database when a poll emits (`__emit` saves it before the
 *   execution starts) and after activation. A restart reloads it and polls at activation.
 * - Durable scheduler (`N8N_SCHEDULER_ENABLED`, `N8N_SCHEDULER_POLL_TRIGGERS_ENABLED`): each
 *   scheduled poll builds a new workflow from the database; an emitting poll saves its static
 *   data, a poll that returns nothing saves nothing. The activation poll runs once, when the
 *   scheduler job is inserted, and its workflow is saved after activation; restarts do not poll
 *   at activation.
 * - Durable cursors (plus `N8N_POLLER_DURABLE_CURSORS_ENABLED`): node static data is a staged
 *   copy of a `poller_state` row, created at the activation poll from the (empty) node static
 *   data; the staged copy is committed with the execution when a poll emits, or alone after an
 *   empty scheduled poll, and never after the activation poll, which only "tests" the trigger.
 *   Global static data is not staged: it lives in the workflow and is saved as in durable mode,
 *   after activation included.
 *
 * Why the design holds in every mode:
 * - The starting point of a first activation is written twice: into node static data (the
 *   state) and into global static data under the node's id. Global static data is saved after
 *   activation in all three modes, so a poll that finds no node state (the first scheduled poll
 *   under durable cursors) starts from that activation point instead of from "now", and the
 *   tickets created in between are emitted. Only a poll that finds neither creates a new start.
 * - No poll relies on an empty answer being saved. When a whole window of new items is dropped
 *   by the trigger's filters, the same poll goes on with the next window (oldest first) until
 *   something passes, the list is read to its end, or half the time n8n grants the poll is spent
 *   (capped at 20 s). A matching ticket within that reach is emitted, and its emission saves the
 *   state past the dropped windows in every mode. Legacy keeps the state of an empty poll in
 *   memory and durable cursors commit it, so there a longer filtered-out run simply continues on
 *   the next poll; the durable scheduler without cursors is the one mode where a filtered-out run
 *   longer than one poll's reach is read again from its start on every poll.
 * - State moves only over what a poll has read and emitted (or read and dropped), and is written
 *   only after the poll succeeded; the id memory at the watermark makes a repeated poll (the
 *   scheduler is at-least-once) emit nothing twice. Polls that overlap start from the same saved
 *   state, which no saved state can tell apart: n8n runs them at once when a node has several
 *   poll times (one scheduler job each; after a restart the durable scheduler catches up every
 *   job's missed occurrence together, and the cursor fence only checks each poll's own task
 *   lease: `@n8n/db` `poller-state.repository.js` `buildFenceClause`). A short in-process claim
 *   on each emitted id (below) keeps the second of them from emitting the same items; polls run
 *   on one process, the leader main.
 * - Hand-off is n8n's: once a poll emitted, its state is saved and the items belong to the
 *   execution. If n8n dies before the execution finishes, the items stay in that execution, which
 *   n8n marks crashed and which can be retried; the trigger does not emit them again.
 */
import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';

import { rememberIds } from './idMemory';
import {
	advance,
	initialState,
	readState,
	writeState,
	type PageBudget,
	type PollState,
	type Stamped,
} from './poll';

/** A polling trigger's Options: how much one poll reads (paged sources only). */
export const maxPagesOption: INodeProperties = {
	displayName: 'Max Pages per Poll',
	name: 'maxPages',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 100 },
	default: 10,
	description:
		'Upper bound of list pages one poll emits from. A larger backlog is emitted over the following polls, oldest first, with nothing skipped.',
};

/** A polling trigger's Options: the backfill window of the first activation. */
export const backfillOption: INodeProperties = {
	displayName: 'Start From (Hours Ago)',
	name: 'backfillHours',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		'On first activation, also emit what happened in this many past hours. 0 = only what happens after activation.',
};

/** What one read of new items found. */
export interface Collected<T> {
	/** New items, oldest first, within the page budget. */
	items: Array<Stamped<T>>;
	/** True when newer items are left beyond the budget (a backlog for another window). */
	more: boolean;
	/** For a source that remembers every id: every id the poll read, new or not. */
	listed?: string[];
}

export interface PollSource<T> {
	/**
	 * True for a source that reads its whole list on every poll: an item is new when its id was
	 * never seen, whatever its time (the state's `seenIds`, built from `current()` at activation
	 * and from `Collected.listed` after each poll).
	 */
	remembersEveryId?: boolean;
	/** For "Fetch test event": the newest item, without touching state. */
	newest(): Promise<T | undefined>;
	/** Items that exist now, to start from on first activation (nothing is emitted for them). */
	current(): Promise<Array<Stamped<T>>>;
	/** New items since `state`, oldest first, within the page budget. */
	collect(state: PollState, budget: PageBudget): Promise<Collected<T>>;
	/** Output of the emitted items: details, filters, Simplify. May drop items (filters). */
	output(items: T[]): Promise<IDataObject[]>;
}

/** The time n8n's durable scheduler grants a poll (45 s timeout less its margin). */
const DEFAULT_POLL_BUDGET_MS = 36_000;
/** Longest a poll keeps reading past windows its filters dropped whole. */
const MAX_FILTERED_READ_MS = 20_000;
/** A hard stop on windows per poll, whatever the clock says. */
const MAX_WINDOWS_PER_POLL = 1_000;

/** How long this poll may keep reading further windows: half of what n8n grants it. */
function filteredReadBudgetMs(context: IPollFunctions): number {
	// n8n 1.x has no poll budget: fall back to what the durable scheduler grants.
	const granted =
		'getPollBudgetMs' in context && typeof context.getPollBudgetMs === 'function'
			? Number(context.getPollBudgetMs())
			: Number.NaN;
	const budget = Number.isFinite(granted) && granted > 0 ? granted : DEFAULT_POLL_BUDGET_MS;
	return Math.min(budget / 2, MAX_FILTERED_READ_MS);
}

/**
 * Items this process emitted lately, per scope (a workflow's trigger node, and what it emits).
 * n8n may run two polls of one node at the same time: a node with several poll times has one
 * scheduler job per time, and after a restart the durable scheduler runs each job's missed
 * occurrence at once; both polls start from the same saved state and would emit the same items.
 * Likewise two webhook calls of one node run at once on a copy each of the same saved static
 * data. A poll runs in one process (the leader main), a webhook call in the process that
 * received it, so a short memory there is enough: a caller drops an id that another call of the
 * same scope claimed less than `CLAIM_MS` ago, and releases its own claims when it fails.
 */
const CLAIM_MS = 2 * 60_000;
const MAX_CLAIMS_PER_SCOPE = 10_000;
const claims = new Map<string, Map<string, number>>();

/** The claim scope of a trigger node: its workflow and node ids, and what kind of ids. */
export function claimScope(
	context: Pick<IPollFunctions, 'getWorkflow' | 'getNode'>,
	kind = 'items',
): string {
	return `${context.getWorkflow().id ?? ''}:${context.getNode().id}:${kind}`;
}

/**
 * The ids no other caller of this scope claimed lately; claims them for this caller. It never
 * awaits, so two overlapping callers cannot both get the same id.
 */
export function claimIds(scope: string, ids: string[]): string[] {
	const now = Date.now();
	for (const [other, recent] of claims) {
		for (const [id, at] of recent) if (now - at > CLAIM_MS) recent.delete(id);
		if (recent.size === 0) claims.delete(other);
	}
	const recent = claims.get(scope) ?? new Map<string, number>();
	claims.set(scope, recent);
	const fresh = [...new Set(ids)].filter((id) => !recent.has(id));
	for (const id of fresh) recent.set(id, now);
	for (const id of recent.keys()) {
		if (recent.size <= MAX_CLAIMS_PER_SCOPE) break;
		recent.delete(id);
	}
	return fresh;
}

/** Gives claimed ids back: what failed to be emitted is free for the next caller. */
export function releaseIds(scope: string, ids: string[]): void {
	const recent = claims.get(scope);
	for (const id of ids) recent?.delete(id);
}

/** The items no other poll of this node claimed lately; claims them for this poll. */
function claimItems<T>(scope: string, items: Array<Stamped<T>>): Array<Stamped<T>> {
	const fresh = new Set(
		claimIds(
			scope,
			items.map((entry) => entry.id),
		),
	);
	return items.filter((entry) => fresh.delete(entry.id));
}

function releaseItems<T>(scope: string, items: Array<Stamped<T>>): void {
	releaseIds(
		scope,
		items.map((entry) => entry.id),
	);
}

/** Where a first activation's starting point is kept in global static data (see above). */
function startKey(context: IPollFunctions): string {
	return `pollStart:${context.getNode().id}`;
}

/** The state with `listed` added to its id memory (created if the state had none). */
function withIdMemory(state: PollState, listed: string[]): PollState {
	return { ...state, recent: [], seenIds: rememberIds(state.seenIds, listed) };
}

/**
 * Where a first activation starts. Without a backfill: from the provider's own newest item, not
 * our clock, so no skew can hide a ticket (an empty list starts at the epoch: everything that
 * appears later is new). With one: from that many hours ago. A source that remembers every id
 * starts knowing the ids that exist now (those older than the backfill, with one).
 */
async function startingState<T>(source: PollSource<T>, backfillHours: number): Promise<PollState> {
	const from = Date.now() - backfillHours * 3_600_000;
	if (source.remembersEveryId) {
		const existing = await source.current();
		const known = backfillHours === 0 ? existing : existing.filter((entry) => entry.time < from);
		const start = withIdMemory(
			advance(initialState(0), known),
			known.map((entry) => entry.id),
		);
		return backfillHours === 0 ? start : { ...start, watermark: Math.max(start.watermark, from) };
	}
	return backfillHours === 0
		? advance(initialState(0), await source.current())
		: initialState(from);
}

/**
 * One poll, the same way for every provider:
 * - manual mode ("Fetch test event") returns the newest item and never touches state;
 * - first activation starts from what exists now (or a backfill window) and emits nothing
 *   unless a backfill was asked for; that start is also kept in global static data, which n8n
 *   saves after activation in every scheduler mode;
 * - otherwise new items are emitted oldest first, and the state moves only over what was
 *   read, only after everything succeeded: a failed poll changes nothing, a repeated poll
 *   finds nothing to emit twice;
 * - a window whose items the filters drop whole does not end the poll: it reads the next one,
 *   so that a poll that returns nothing has nothing left to read within its reach.
 */
export async function pollOnce<T>(
	this: IPollFunctions,
	source: PollSource<T>,
): Promise<INodeExecutionData[][] | null> {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (this.getMode() === 'manual') {
		const newest = await source.newest();
		const output = newest === undefined ? [] : await source.output([newest]);
		return output.length ? [this.helpers.returnJsonArray(output.slice(0, 1))] : null;
	}

	const saved = this.getWorkflowStaticData('node');
	let state = readState(saved);
	if (!state) {
		const starts = this.getWorkflowStaticData('global');
		const key = startKey(this);
		const kept = starts[key];
		state = kept && typeof kept === 'object' ? readState(kept as IDataObject) : undefined;
		if (!state) {
			const backfillHours = Math.max(0, Number(options.backfillHours) || 0);
			const start = await startingState(source, backfillHours);
			const record: IDataObject = {};
			writeState(record, start);
			starts[key] = record;
			if (backfillHours === 0) {
				writeState(saved, start);
				return null;
			}
			state = start;
		}
	}
	const budget: PageBudget = { maxPages: Math.max(1, Math.floor(Number(options.maxPages) || 10)) };
	const deadline = Date.now() + filteredReadBudgetMs(this);
	const key = claimScope(this);
	for (let window = 1; ; window++) {
		const { items, more, listed } = await source.collect(state, budget);
		// No await between reading the claims and taking them: overlapping polls cannot both pass.
		const fresh = claimItems(key, items);
		let output: IDataObject[] = [];
		let produced = false;
		try {
			output = fresh.length ? await source.output(fresh.map((entry) => entry.item)) : [];
			produced = true;
		} finally {
			// A failed poll emits nothing: the next one must be free to emit these items.
			if (!produced) releaseItems(key, fresh);
		}
		// Items another poll claimed are that poll's to emit: this one moves past them too.
		state = advance(state, items);
		if (listed) state = withIdMemory(state, listed);
		if (output.length) {
			writeState(saved, state);
			return [this.helpers.returnJsonArray(output)];
		}
		if (!more || !items.length || window >= MAX_WINDOWS_PER_POLL || Date.now() >= deadline) {
			writeState(saved, state);
			return null;
		}
	}
}
