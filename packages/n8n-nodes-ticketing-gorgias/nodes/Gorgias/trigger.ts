import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isNewOrdered, timeOf, type PollState, type Stamped } from '../shared/poll';
import type { PollSource } from '../shared/trigger';
import { assumeUtc } from '../shared/validation';
import { simplifyTickets } from './customFields';
import { GORGIAS_MAX_PAGE_SIZE, gorgiasListAll, gorgiasPage, gorgiasRequest } from './transport';

export type GorgiasTriggerEvent = 'newTicket' | 'ticketUpdated' | 'ticketClosed';

const EVENT_TYPES: Record<GorgiasTriggerEvent, string> = {
	newTicket: 'ticket-created',
	ticketUpdated: 'ticket-updated',
	ticketClosed: 'ticket-closed',
};

export interface GorgiasTriggerSettings {
	event: GorgiasTriggerEvent;
	statuses: string[];
	channels: string[];
	assigneeUserIds: number[];
	teamIds: number[];
	tags: string[];
	simplify: boolean;
}

export function ticketIdOf(event: IDataObject): number | undefined {
	const data = (event.data ?? {}) as IDataObject;
	const id = Number(
		event.object_type === 'Ticket' ? event.object_id : (data.ticket_id ?? event.object_id),
	);
	return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** A Gorgias time in microseconds since the epoch (its times carry six decimals). */
function microsOf(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const fraction = /^[^.]*T[^.]*\.(\d+)/.exec(value)?.[1] ?? '';
	const seconds = Date.parse(assumeUtc(value.replace(/(T[^.]*)\.\d+/, '$1')));
	if (Number.isNaN(seconds)) return undefined;
	return seconds * 1000 + Number(`${fraction}000000`.slice(0, 6));
}

/**
 * Where a poll's read of events starts: the newest event read so far, to the microsecond, so
 * that only the events at that very time are read again (a burst within one millisecond would
 * otherwise be read again by every poll and take room in the page). A state without that time,
 * or one that disagrees with the millisecond watermark, starts at the millisecond.
 */
function readFrom(state: PollState): string {
	const exact = state.exactWatermark;
	if (exact === undefined || Math.floor(exact / 1000) !== state.watermark) {
		return new Date(state.watermark).toISOString();
	}
	const seconds = Math.floor(exact / 1_000_000);
	const fraction = String(exact - seconds * 1_000_000).padStart(6, '0');
	return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${fraction}Z`;
}

/**
 * How the trigger reads Gorgias events of the given types: the newest ones (activation, "Fetch
 * test event"), and the new ones since a state, from the watermark on, oldest first (so a
 * backlog simply continues on the next poll).
 */
function eventReader(
	context: IPollFunctions,
	types: string[],
): Omit<PollSource<IDataObject>, 'output'> {
	const stamp = (event: IDataObject): Stamped<IDataObject> | undefined => {
		const time = timeOf(event.created_datetime);
		if (time === undefined) return undefined;
		const exact = microsOf(event.created_datetime);
		// Only a finer time that agrees with the millisecond one may narrow the next read.
		return exact !== undefined && Math.floor(exact / 1000) === time
			? { id: String(event.id), time, item: event, exact }
			: { id: String(event.id), time, item: event };
	};
	const newestEvents = async (limit: number) => {
		const page = await gorgiasPage.call(
			context,
			'/events',
			{ types, order_by: 'created_datetime:desc', limit },
			undefined,
		);
		return page.items
			.map(stamp)
			.filter((entry): entry is Stamped<IDataObject> => entry !== undefined);
	};
	return {
		async newest() {
			return (await newestEvents(1))[0]?.item;
		},
		async current() {
			// Gorgias times carry microseconds, ours milliseconds: the newest page, so that every
			// event sharing the newest millisecond is known to exist before activation.
			return await newestEvents(GORGIAS_MAX_PAGE_SIZE);
		},
		async collect(state, budget) {
			const qs: IDataObject = {
				types,
				order_by: 'created_datetime:asc',
				limit: GORGIAS_MAX_PAGE_SIZE,
			};
			if (state.watermark > 0) qs['created_datetime[gte]'] = readFrom(state);
			const events: Array<Stamped<IDataObject>> = [];
			let cursor: string | undefined;
			for (let pageNumber = 0; pageNumber < budget.maxPages; pageNumber++) {
				const page = await gorgiasPage.call(context, '/events', qs, cursor);
				for (const event of page.items) {
					const entry = stamp(event);
					if (entry && isNewOrdered(state, entry.id, entry.time)) events.push(entry);
				}
				if (!page.nextCursor || page.items.length === 0) return { items: events, more: false };
				cursor = page.nextCursor;
			}
			return { items: events, more: true };
		},
	};
}

/**
 * Gorgias' ticket list cannot be filtered by date, its events can: a poll reads the events
 * of the chosen type, then fetches their tickets 100 per request. Fewer than 100 new tickets
 * thus cost 2 requests, and an imported ticket (created_datetime in the past) is found by its
 * ticket-created event, dated when the import happened.
 */
export function gorgiasPollSource(
	context: IPollFunctions,
	settings: GorgiasTriggerSettings,
): PollSource<IDataObject> {
	const passes = (ticket: IDataObject) => {
		const tags = Array.isArray(ticket.tags)
			? (ticket.tags as IDataObject[]).map((tag) => String(tag.name).toLowerCase())
			: [];
		const user = (ticket.assignee_user ?? null) as IDataObject | null;
		const team = (ticket.assignee_team ?? null) as IDataObject | null;
		return (
			(settings.statuses.length === 0 || settings.statuses.includes(String(ticket.status))) &&
			(settings.channels.length === 0 || settings.channels.includes(String(ticket.channel))) &&
			(settings.assigneeUserIds.length === 0 ||
				(user !== null && settings.assigneeUserIds.includes(Number(user.id)))) &&
			(settings.teamIds.length === 0 ||
				(team !== null && settings.teamIds.includes(Number(team.id)))) &&
			(settings.tags.length === 0 || settings.tags.some((tag) => tags.includes(tag.toLowerCase())))
		);
	};

	return {
		...eventReader(context, [EVENT_TYPES[settings.event]]),
		async output(events) {
			const ids = [
				...new Set(events.map(ticketIdOf).filter((id): id is number => id !== undefined)),
			];
			const tickets = new Map<number, IDataObject>();
			for (let start = 0; start < ids.length; start += GORGIAS_MAX_PAGE_SIZE) {
				const chunk = ids.slice(start, start + GORGIAS_MAX_PAGE_SIZE);
				for (const ticket of await gorgiasListAll.call(context, '/tickets', {
					ticket_ids: chunk,
				})) {
					tickets.set(Number(ticket.id), ticket);
				}
			}
			const output: IDataObject[] = [];
			// One item per ticket (several updates in one poll show its latest state once);
			// tickets deleted since the event are skipped.
			for (const id of ids) {
				const ticket = tickets.get(id);
				if (ticket && passes(ticket)) output.push(ticket);
			}
			return settings.simplify ? await simplifyTickets(context, output) : output;
		},
	};
}

/** Survey events one poll emits at most (each needs its survey read). */
export const MAX_SURVEYS_PER_POLL = 20;

/**
 * "Any Event": each new event of the chosen types, as Gorgias records it, once. An event about
 * a satisfaction survey carries the survey itself under `satisfaction_survey` (the event has
 * only the survey id; its ticket and customer are on the survey), or null when it is gone.
 */
export function gorgiasEventPollSource(
	context: IPollFunctions,
	types: string[],
): PollSource<IDataObject> {
	const reader = eventReader(context, types);
	return {
		...reader,
		async collect(state, budget) {
			// Each survey event costs a request of its own: a poll takes at most so many of them
			// (a prefix of the oldest-first list, the rest next time), so it stays well inside the
			// time n8n grants it, whatever the rate limit.
			const found = await reader.collect(state, budget);
			let surveys = 0;
			const cut = found.items.findIndex(
				(entry) =>
					entry.item.object_type === 'SatisfactionSurvey' && ++surveys > MAX_SURVEYS_PER_POLL,
			);
			return cut === -1 ? found : { items: found.items.slice(0, cut), more: true };
		},
		async output(events) {
			const output: IDataObject[] = [];
			for (const event of events) {
				output.push(
					event.object_type === 'SatisfactionSurvey'
						? { ...event, satisfaction_survey: await surveyOf(context, event.object_id) }
						: event,
				);
			}
			return output;
		},
	};
}

async function surveyOf(context: IPollFunctions, id: unknown): Promise<IDataObject | null> {
	if (!Number.isInteger(Number(id)) || Number(id) < 1) return null;
	const outcome = await gorgiasRequest
		.call(context, 'GET', `/satisfaction-surveys/${Number(id)}`, {})
		.then(
			(value) => ({ value: value as IDataObject }),
			(error: unknown) => ({ error }),
		);
	if ('value' in outcome) return outcome.value;
	// A deleted survey does not hold its event back; any other failure fails the poll, so the
	// event is emitted by a later one.
	if (outcome.error instanceof NodeApiError && outcome.error.httpCode === '404') return null;
	throw outcome.error as NodeApiError;
}
