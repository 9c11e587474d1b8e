import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { timeOf } from '../shared/poll';
import {
	endEpisode,
	finishWaitingPoll,
	readWaitingState,
	type WaitingCandidate,
	type WaitingSettings,
} from '../shared/waiting';
import { simplifyTickets } from './customFields';
import { ticketIdOf } from './trigger';
import { GORGIAS_MAX_PAGE_SIZE, gorgiasListAll, gorgiasPage } from './transport';

const MESSAGE_EVENT = 'ticket-message-created';
/** Pages of one ticket's messages read to tell a follow-up from a new wait. */
const MAX_MESSAGE_PAGES = 10;

export interface GorgiasWaitingOptions {
	simplify: boolean;
	maxPages: number;
	backfillHours: number;
}

/**
 * Waiting, from what a Gorgias ticket says: the customer wrote last when
 * `last_received_message_datetime` (the latest message from the customer) is at or after
 * `last_message_datetime` (the latest message of any kind); the customer has waited since
 * `last_received_message_datetime`. Spam and trashed tickets never wait.
 */
export function waitingSince(ticket: IDataObject): number | undefined {
	const received = timeOf(ticket.last_received_message_datetime);
	const last = timeOf(ticket.last_message_datetime);
	if (received === undefined || (last !== undefined && last > received)) return undefined;
	if (ticket.spam === true || (ticket.trashed_datetime ?? null) !== null) return undefined;
	return received;
}

/** The Only Open / Only Unassigned choices (a user assignee counts; a team alone does not). */
function passes(ticket: IDataObject, settings: WaitingSettings): boolean {
	return (
		(!settings.onlyOpen || ticket.status === 'open') &&
		(!settings.onlyUnassigned || (ticket.assignee_user ?? null) === null)
	);
}

/**
 * A ticket reaches a threshold T at its latest customer message plus T, and a message is
 * created with a `ticket-message-created` event: so the tickets that may have reached level L
 * since the last poll are those with a message event between that level's mark and now − T.
 * Each level reads that window of events (oldest first; one request when nothing happened),
 * the tickets they name are fetched 100 per request, and those whose customer is waiting are
 * decided by the shared rules. A ticket answered in the meantime is not waiting any more; one
 * whose customer wrote again is found again through the newer message's event.
 */
export async function pollGorgiasWaiting(
	context: IPollFunctions,
	settings: WaitingSettings,
	options: GorgiasWaitingOptions,
): Promise<INodeExecutionData[][] | null> {
	const now = Date.now();
	const manual = context.getMode() === 'manual';
	const state = readWaitingState(context, settings, options.backfillHours);
	const ids = new Set<number>();
	const marks = [...state.marks];
	if (manual) {
		// "Fetch test event": the tickets of the newest message events past the first threshold.
		const page = await gorgiasPage.call(
			context,
			'/events',
			{
				types: MESSAGE_EVENT,
				order_by: 'created_datetime:desc',
				limit: 10,
				'created_datetime[lt]': new Date(now - settings.thresholds[0]).toISOString(),
			},
			undefined,
		);
		for (const event of page.items) {
			const id = ticketIdOf(event);
			if (id !== undefined) ids.add(id);
		}
	} else {
		for (const [index, threshold] of settings.thresholds.entries()) {
			marks[index] = await readWindow(context, ids, state.marks[index], now - threshold, options);
		}
	}
	const tickets = await ticketsByIds(context, [...ids]);
	const candidates: Array<WaitingCandidate<IDataObject>> = [];
	for (const ticket of tickets) {
		const since = waitingSince(ticket);
		if (since === undefined) endEpisode(state, String(ticket.id));
		else if (passes(ticket, settings))
			candidates.push({ id: String(ticket.id), item: ticket, since });
	}
	state.marks = marks;
	return await finishWaitingPoll(
		context,
		state,
		candidates,
		settings,
		now,
		async (items) => (options.simplify ? await simplifyTickets(context, items) : items),
		async (candidate, after, until) =>
			await agentRepliedBetween(context, Number(candidate.id), after, until),
	);
}

/**
 * The message events of one level's window [mark, upper), into `ids`; returns the next mark:
 * `upper` when the window was read to its end, else the time of the last event read (events at
 * that time are read again next poll, which decides nothing twice). A raised threshold moves
 * `upper` below the mark: nothing is read until time catches up.
 */
async function readWindow(
	context: IPollFunctions,
	ids: Set<number>,
	mark: number,
	upper: number,
	options: GorgiasWaitingOptions,
): Promise<number> {
	if (upper <= mark) return mark;
	const qs: IDataObject = {
		types: MESSAGE_EVENT,
		order_by: 'created_datetime:asc',
		limit: GORGIAS_MAX_PAGE_SIZE,
		'created_datetime[gte]': new Date(mark).toISOString(),
		'created_datetime[lt]': new Date(upper).toISOString(),
	};
	let cursor: string | undefined;
	let last = mark;
	for (let pageNumber = 0; pageNumber < options.maxPages; pageNumber++) {
		const page = await gorgiasPage.call(context, '/events', qs, cursor);
		for (const event of page.items) {
			const id = ticketIdOf(event);
			if (id !== undefined) ids.add(id);
			last = Math.max(last, timeOf(event.created_datetime) ?? last);
		}
		if (!page.nextCursor || page.items.length === 0) return upper;
		cursor = page.nextCursor;
	}
	return last;
}

/** The tickets in the order of `ids` (their message events' order); deleted ones left out. */
async function ticketsByIds(context: IPollFunctions, ids: number[]): Promise<IDataObject[]> {
	const tickets = new Map<number, IDataObject>();
	for (let start = 0; start < ids.length; start += GORGIAS_MAX_PAGE_SIZE) {
		for (const ticket of await gorgiasListAll.call(context, '/tickets', {
			ticket_ids: ids.slice(start, start + GORGIAS_MAX_PAGE_SIZE),
		})) {
			tickets.set(Number(ticket.id), ticket);
		}
	}
	return ids.map((id) => tickets.get(id)).filter((ticket) => ticket !== undefined);
}

/**
 * Whether an agent replied to the customer after `after` and up to `until`: the ticket's fields
 * only tell who wrote last, so when the customer wrote again after an emission the messages,
 * newest first, tell a follow-up (same episode) from a new wait after a reply. Internal notes
 * are not replies.
 */
async function agentRepliedBetween(
	context: IPollFunctions,
	ticketId: number,
	after: number,
	until: number,
): Promise<boolean> {
	const qs: IDataObject = { order_by: 'created_datetime:desc', limit: GORGIAS_MAX_PAGE_SIZE };
	let cursor: string | undefined;
	// A hard stop: past it the follow-up is taken as the same episode (nothing sent twice).
	for (let pageNumber = 0; pageNumber < MAX_MESSAGE_PAGES; pageNumber++) {
		const page = await gorgiasPage.call(context, `/tickets/${ticketId}/messages`, qs, cursor);
		for (const message of page.items) {
			const time = timeOf(message.created_datetime);
			if (time === undefined || time > until) continue;
			if (time <= after) return false;
			const note = message.channel === 'internal-note' || message.public === false;
			if (message.from_agent === true && !note) return true;
		}
		if (!page.nextCursor || page.items.length === 0) return false;
		cursor = page.nextCursor;
	}
	return false;
}
