import type { IDataObject, IPollFunctions } from 'n8n-workflow';

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
 * earliest message's `received_at`, which GuruSup requires on every message.
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
 * GuruSup's listing has no documented order or date filter: every poll reads it whole (the
 * shared page cap bounds it) and the bounded id memory makes repeats and late arrivals safe.
 */
export function guruSupPollSource(
	context: IPollFunctions,
	settings: GuruSupTriggerSettings,
): PollSource<IDataObject> {
	const listTickets = async () => await guruSupListAll.call(context, GURUSUP_TICKETS_PATH, {});
	const stampAll = (tickets: IDataObject[]) =>
		tickets
			.map((ticket): Stamped<IDataObject> | undefined => {
				const time = ticketTime(ticket);
				const id = ticket.external_id ?? ticket.id;
				return time === undefined || id === undefined || id === null
					? undefined
					: { id: String(id), time, item: ticket };
			})
			.filter((entry): entry is Stamped<IDataObject> => entry !== undefined);
	return {
		async newest() {
			return oldestFirst(stampAll(await listTickets())).pop()?.item;
		},
		async current() {
			return stampAll(await listTickets());
		},
		async collect(state) {
			const all = uniqueById(stampAll(await listTickets()));
			return {
				items: oldestFirst(all.filter((entry) => isNewUnordered(state, entry.id, entry.time))),
				more: false,
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
