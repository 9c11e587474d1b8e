import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';

import { invalidParameterError } from './errors';
import { MAX_REMEMBERED_IDS } from './poll';
import { claimIds, claimScope, releaseIds } from './trigger';
import { itemContext, requireBoolean } from './validation';

/**
 * "Customer Waiting for a Reply": a ticket whose customer wrote last, and whose latest customer
 * message has gone unanswered for longer than a threshold. Each waiting episode (from the first
 * unanswered customer message to the next agent reply) is emitted once per level: level 1 at the
 * threshold, level 2 at the optional second threshold.
 *
 * What decides an emission is the provider's own data, never the poll that looked at it:
 * - `since`: the customer's latest unanswered message (a follow-up moves it, and the clock with
 *   it, but does not start a new episode);
 * - the episode's identity, from the provider (GuruSup: the agent reply before it) or, where the
 *   ticket cannot tell, resolved by the provider's source when the customer wrote again;
 * - `floor`: the first activation's starting point (activation time less the threshold then, less
 *   any backfill). A ticket whose customer has been waiting since before it was already waiting
 *   over the threshold at activation, and is not emitted for that episode (no flood).
 *
 * State (node static data `waiting`, saved by n8n with each emission): `floor`, the episodes
 * emitted (ticket id → [episode, level, since]) and, for sources that read a time window per
 * level, the window marks. The floor is also kept in global static data, which n8n saves after
 * activation in every scheduler mode (see trigger.ts), so the first scheduled poll under durable
 * cursors starts from the same floor. Every decision can be made again from the same data: a
 * poll whose state was not saved is simply repeated, and the episode memory makes the repeat
 * emit nothing twice.
 */

export const CUSTOMER_WAITING_EVENT = 'customerWaiting';

/** The threshold, shown with the Customer Waiting for a Reply event. */
export const waitingMinutesField: INodeProperties = {
	displayName: 'Waiting Longer Than (Minutes)',
	name: 'waitingMinutes',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 30,
	description:
		"Emit a ticket once the customer's latest message has gone unanswered for longer than this many minutes (once per waiting episode)",
	displayOptions: { show: { event: ['customerWaiting'] } },
};

/** The second, later threshold. */
export const secondLevelMinutesField: INodeProperties = {
	displayName: 'Second Level After (Minutes)',
	name: 'secondLevelMinutes',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		'Emit the ticket once more, marked as level 2, when the customer has waited this many minutes (0 = no second level). Must be larger than Waiting Longer Than.',
	displayOptions: { show: { event: ['customerWaiting'] } },
};

export const onlyOpenField: INodeProperties = {
	displayName: 'Only Open Tickets',
	name: 'onlyOpen',
	type: 'boolean',
	default: true,
	description: 'Whether to leave out closed tickets',
	displayOptions: { show: { event: ['customerWaiting'] } },
};

export const onlyUnassignedField: INodeProperties = {
	displayName: 'Only Unassigned Tickets',
	name: 'onlyUnassigned',
	type: 'boolean',
	default: false,
	description: 'Whether to leave out tickets assigned to an agent',
	displayOptions: { show: { event: ['customerWaiting'] } },
};

const WAITING_LABEL = 'Waiting Longer Than (Minutes)';
const SECOND_LABEL = 'Second Level After (Minutes)';
/** A year: a longer wait is almost certainly a unit mistake. */
const MAX_MINUTES = 525_600;
const MINUTE_MS = 60_000;

export interface WaitingSettings {
	/** Level thresholds in ms, ascending: [level 1] or [level 1, level 2]. */
	thresholds: number[];
	onlyOpen: boolean;
	onlyUnassigned: boolean;
}

function minutesOf(context: IPollFunctions, label: string, value: unknown, allowZero: boolean) {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (
		typeof number !== 'number' ||
		!Number.isFinite(number) ||
		number < 0 ||
		(number === 0 && !allowZero) ||
		number > MAX_MINUTES
	) {
		const shown =
			typeof value === 'string' ? `"${value.slice(0, 40)}"` : (JSON.stringify(value) ?? 'nothing');
		throw invalidParameterError(
			context.getNode(),
			label,
			`expected a number of minutes above 0 and at most ${MAX_MINUTES}${allowZero ? ' (or 0 for none)' : ''} but got ${shown}`,
			0,
		);
	}
	return number;
}

/** The waiting parameters, checked before any request is sent. */
export function waitingSettings(
	context: IPollFunctions,
	provider: { hasStatus: boolean },
): WaitingSettings {
	const first = minutesOf(
		context,
		WAITING_LABEL,
		context.getNodeParameter('waitingMinutes', 30),
		false,
	);
	const second = minutesOf(
		context,
		SECOND_LABEL,
		context.getNodeParameter('secondLevelMinutes', 0),
		true,
	);
	if (second !== 0 && second <= first) {
		throw invalidParameterError(
			context.getNode(),
			SECOND_LABEL,
			`expected more minutes than Waiting Longer Than (${first}) but got ${second}`,
			0,
		);
	}
	const check = itemContext(context);
	return {
		thresholds: [first, ...(second ? [second] : [])].map((minutes) => minutes * MINUTE_MS),
		onlyOpen: provider.hasStatus
			? requireBoolean(check, 'Only Open Tickets', context.getNodeParameter('onlyOpen', true))
			: false,
		onlyUnassigned: requireBoolean(
			check,
			'Only Unassigned Tickets',
			context.getNodeParameter('onlyUnassigned', false),
		),
	};
}

/** One emitted episode: its identity, the level emitted, and the `since` last looked at. */
export type EpisodeEntry = [episode: string, level: number, since: number];

export interface WaitingState {
	floor: number;
	episodes: Record<string, EpisodeEntry>;
	/** Per level (index 0 = level 1): where the next read of that level's time window starts. */
	marks: number[];
}

function floorKey(context: IPollFunctions): string {
	return `waitingFloor:${context.getNode().id}`;
}

/**
 * The saved state, or a new one on first activation: the floor is now less the threshold (less
 * the backfill); it is written into global static data too (see above).
 */
export function readWaitingState(
	context: IPollFunctions,
	settings: WaitingSettings,
	backfillHours: number,
): WaitingState {
	const saved = (context.getWorkflowStaticData('node').waiting ?? {}) as IDataObject;
	const global = context.getWorkflowStaticData('global');
	let floor = Number(saved.floor);
	if (!Number.isFinite(floor)) floor = Number(global[floorKey(context)]);
	if (!Number.isFinite(floor)) {
		floor = Date.now() - settings.thresholds[0] - Math.max(0, backfillHours) * 3_600_000;
		global[floorKey(context)] = floor;
	}
	const episodes: Record<string, EpisodeEntry> = {};
	if (saved.episodes && typeof saved.episodes === 'object') {
		for (const [id, entry] of Object.entries(saved.episodes as IDataObject)) {
			if (Array.isArray(entry) && entry.length === 3) {
				episodes[id] = [String(entry[0]), Number(entry[1]) || 0, Number(entry[2]) || 0];
			}
		}
	}
	const marks = Array.isArray(saved.marks)
		? (saved.marks as unknown[]).map((mark) => Number(mark))
		: [];
	return {
		floor,
		episodes,
		marks: settings.thresholds.map((_, index) =>
			Number.isFinite(marks[index]) ? marks[index] : floor,
		),
	};
}

/** Writes the state into node static data (n8n saves it when the poll emits). */
export function writeWaitingState(context: IPollFunctions, state: WaitingState): void {
	const entries = Object.entries(state.episodes)
		// Bounded: the episodes whose customer wrote longest ago are forgotten first.
		.sort((a, b) => b[1][2] - a[1][2])
		.slice(0, MAX_REMEMBERED_IDS);
	context.getWorkflowStaticData('node').waiting = {
		floor: state.floor,
		episodes: Object.fromEntries(entries),
		marks: state.marks,
	};
}

export interface WaitingCandidate<T> {
	id: string;
	item: T;
	/** The customer's latest unanswered message (ms). */
	since: number;
	/** The episode's identity when the provider's data tells it; else resolved (see below). */
	episode?: string;
}

/**
 * For a ticket whose episode its data cannot tell: whether anyone but the customer replied after
 * `after` (the customer message of the episode emitted before) and up to the customer's latest
 * message now. No: the same episode (a follow-up). Yes: a new one.
 */
export type RepliedBetween<T> = (
	candidate: WaitingCandidate<T>,
	after: number,
	until: number,
) => Promise<boolean>;

export interface DueTicket<T> {
	candidate: WaitingCandidate<T>;
	level: number;
	episode: string;
}

/** The highest level `since` has reached by `now`; 0 when none. */
function levelAt(since: number, now: number, thresholds: number[]): number {
	let level = 0;
	thresholds.forEach((threshold, index) => {
		if (now - since >= threshold) level = index + 1;
	});
	return level;
}

/**
 * The candidates to emit now, oldest wait first, each with the highest level it reached and
 * not yet emitted in its episode (a ticket seen first past both thresholds is emitted once, as
 * level 2). Records them in `state.episodes`; a lowered threshold thus emits what is now over
 * it once, a raised one emits nothing again.
 */
export async function dueTickets<T>(
	state: WaitingState,
	candidates: Array<WaitingCandidate<T>>,
	settings: WaitingSettings,
	now: number,
	replied?: RepliedBetween<T>,
): Promise<Array<DueTicket<T>>> {
	const due: Array<DueTicket<T>> = [];
	for (const candidate of [...candidates].sort((a, b) => a.since - b.since)) {
		if (candidate.since < state.floor) continue;
		const level = levelAt(candidate.since, now, settings.thresholds);
		if (level === 0) continue;
		const known = state.episodes[candidate.id];
		let episode = candidate.episode;
		if (episode === undefined) {
			if (!known) episode = String(candidate.since);
			else if (known[2] === candidate.since || !replied) episode = known[0];
			else if (await replied(candidate, known[2], candidate.since))
				episode = String(candidate.since);
			else episode = known[0];
		}
		if (known && known[0] === episode && known[1] >= level) {
			known[2] = Math.max(known[2], candidate.since);
			continue;
		}
		state.episodes[candidate.id] = [episode, level, candidate.since];
		due.push({ candidate, level, episode });
	}
	return due;
}

/** Forgets the episode of a ticket seen answered (or gone): its next wait is a new episode. */
export function endEpisode(state: WaitingState, id: string): void {
	delete state.episodes[id];
}

/**
 * Keeps the tickets no overlapping poll of this node emitted a moment ago (n8n may run two polls
 * of one node at once, both from the same saved state); `release` gives them back on failure.
 */
export function claimDue<T>(context: IPollFunctions, due: Array<DueTicket<T>>) {
	const scope = claimScope(context, 'waiting');
	const keyOf = (entry: DueTicket<T>) => `${entry.candidate.id}|${entry.episode}|${entry.level}`;
	const fresh = new Set(claimIds(scope, due.map(keyOf)));
	const kept = due.filter((entry) => fresh.has(keyOf(entry)));
	return { kept, release: () => releaseIds(scope, kept.map(keyOf)) };
}

/** What the output adds to each ticket: since when and how long the customer waited, the level. */
function waitingInfo(since: number, level: number, now: number, thresholds: number[]) {
	return {
		since: new Date(since).toISOString(),
		minutes: Math.floor((now - since) / MINUTE_MS),
		level,
		thresholdMinutes: thresholds[level - 1] / MINUTE_MS,
	};
}

/** The trigger's Options that a waiting poll uses: page budget and first-activation backfill. */
export function pollOptions(context: IPollFunctions): { maxPages: number; backfillHours: number } {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return {
		maxPages: Math.max(1, Math.floor(Number(options.maxPages) || 10)),
		backfillHours: Math.max(0, Number(options.backfillHours) || 0),
	};
}

/** Shapes emitted tickets for the output (Simplify); same length and order as its input. */
export type ShapeTickets<T> = (tickets: T[]) => Promise<IDataObject[]> | IDataObject[];

/** Each ticket as the output shows it: its own shape plus `waiting`. */
async function waitingOutput<T>(
	due: Array<{ candidate: WaitingCandidate<T>; level: number }>,
	now: number,
	settings: WaitingSettings,
	shape: ShapeTickets<T>,
): Promise<IDataObject[]> {
	const shaped = await shape(due.map((entry) => entry.candidate.item));
	return shaped.map((ticket, index) => ({
		...ticket,
		waiting: waitingInfo(due[index].candidate.since, due[index].level, now, settings.thresholds),
	}));
}

/**
 * The end of every waiting poll: "Fetch test event" shows the most recent wait past the first
 * threshold and keeps no state; a scheduled poll emits what is due, claims it against an
 * overlapping poll, and writes the state (n8n saves it with the emission).
 */
export async function finishWaitingPoll<T>(
	context: IPollFunctions,
	state: WaitingState,
	candidates: Array<WaitingCandidate<T>>,
	settings: WaitingSettings,
	now: number,
	shape: ShapeTickets<T>,
	replied?: RepliedBetween<T>,
): Promise<INodeExecutionData[][] | null> {
	if (context.getMode() === 'manual') {
		const newest = candidates
			.filter((candidate) => now - candidate.since >= settings.thresholds[0])
			.sort((a, b) => b.since - a.since)[0];
		if (!newest) return null;
		const level = levelAt(newest.since, now, settings.thresholds);
		return [
			context.helpers.returnJsonArray(
				await waitingOutput([{ candidate: newest, level }], now, settings, shape),
			),
		];
	}
	const due = await dueTickets(state, candidates, settings, now, replied);
	const { kept, release } = claimDue(context, due);
	let items: IDataObject[] = [];
	let produced = false;
	try {
		items = await waitingOutput(kept, now, settings, shape);
		produced = true;
	} finally {
		// A failed poll emits nothing: the next one must be free to emit these tickets.
		if (!produced) release();
	}
	writeWaitingState(context, state);
	return items.length ? [context.helpers.returnJsonArray(items)] : null;
}
