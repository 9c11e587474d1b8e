import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { decodeIdHashes, hashId } from '../shared/idMemory';
import { isNewUnordered, oldestFirst, timeOf, uniqueById, type Stamped } from '../shared/poll';
import type { PollSource } from '../shared/trigger';
import { simplifyGuruSupTicket } from './simplify';
import { GURUSUP_TICKETS_PATH, guruSupListAll } from './transport';

export interface GuruSupTriggerSettings {
	agentIds: string[];
	simplify: boolean;
}

/**
 * When a ticket began: `created_at` if GuruSup sends one (undocumented), otherwise its
 * earliest message's `received_at`, which GuruSup requires on every message. It orders what
 * one poll emits; it does not decide what is new.
 */
export function ticketTime(ticket: IDataObject): number | undefined {
	const created = timeOf(ticket.created_at);
	if (created !== undefined) return created;
	const messages = Array.isArray(ticket.messages) ? (ticket.messages as IDataObject[]) : [];
	const times = messages
		.map((message) => timeOf(message.received_at))
		.filter((time): time is number => time !== undefined);
	return times.length ? Math.min(...times) : undefined;
}

/**
 * GuruSup's listing has no documented order, date filter or paging, and a ticket pushed from
 * another system carries the dates of that system: every poll reads the listing whole (the
 * shared page cap bounds it), and a ticket is new when its id was never seen, however old its
 * messages are or however late it shows up. The ids seen are kept in a compact memory
 * (`idMemory.ts`).
 */
export function guruSupPollSource(
	context: IPollFunctions,
	settings: GuruSupTriggerSettings,
): PollSource<IDataObject> {
	const listTickets = async () => await guruSupListAll.call(context, GURUSUP_TICKETS_PATH, {});
	// A ticket without any date still has an identity: it is timed at the epoch.
	const stampAll = (tickets: IDataObject[]) =>
		tickets
			.map((ticket): Stamped<IDataObject> | undefined => {
				const id = ticket.external_id ?? ticket.id;
				return id === undefined || id === null
					? undefined
					: { id: String(id), time: ticketTime(ticket) ?? 0, item: ticket };
			})
			.filter((entry): entry is Stamped<IDataObject> => entry !== undefined);
	return {
		remembersEveryId: true,
		async newest() {
			return oldestFirst(stampAll(await listTickets())).pop()?.item;
		},
		async current() {
			return stampAll(await listTickets());
		},
		async collect(state) {
			const all = uniqueById(stampAll(await listTickets()));
			const known = state.seenIds === undefined ? undefined : decodeIdHashes(state.seenIds);
			// State saved before the id memory existed: its time rule decides once, then the
			// memory takes over with every id of this listing.
			const isNew = known
				? (entry: Stamped<IDataObject>) => !known.has(hashId(entry.id))
				: (entry: Stamped<IDataObject>) => isNewUnordered(state, entry.id, entry.time);
			return {
				items: oldestFirst(all.filter(isNew)),
				more: false,
				listed: all.map((entry) => entry.id),
			};
		},
		async output(tickets) {
			return tickets
				.filter(
					(ticket) =>
						settings.agentIds.length === 0 || settings.agentIds.includes(String(ticket.agent_id)),
				)
				.map((ticket) =>
					settings.simplify ? (simplifyGuruSupTicket(ticket) as IDataObject) : ticket,
				);
		},
	};
}
