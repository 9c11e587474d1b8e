import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { timeOf } from '../shared/poll';
import {
	endEpisode,
	finishWaitingPoll,
	readWaitingState,
	type WaitingCandidate,
	type WaitingSettings,
} from '../shared/waiting';
import { simplifyGuruSupTicket } from './simplify';
import { GURUSUP_TICKETS_PATH, guruSupListAll } from './transport';

/**
 * Who wrote last, from a GuruSup ticket's own messages (`is_agent`, `received_at`, both
 * required on every message): the customer waits when their latest message is newer than the
 * latest agent message; the episode is named by that agent message (or the ticket's start), so
 * a reply followed by a new customer message is a new episode, a follow-up is not.
 */
export function waitingOf(ticket: IDataObject): { since: number; episode: string } | undefined {
	const messages = Array.isArray(ticket.messages) ? (ticket.messages as IDataObject[]) : [];
	let agent: number | undefined;
	let customer: number | undefined;
	for (const message of messages) {
		const time = timeOf(message.received_at);
		if (time === undefined) continue;
		if (message.is_agent === true) agent = Math.max(agent ?? time, time);
		else if (message.is_agent === false) customer = Math.max(customer ?? time, time);
	}
	if (customer === undefined || (agent !== undefined && agent >= customer)) return undefined;
	return { since: customer, episode: agent === undefined ? 'start' : String(agent) };
}

/**
 * GuruSup's listing carries every ticket's messages, and the plain trigger already reads it
 * whole each poll: the waiting event reads the same listing, no more, and decides from it.
 * GuruSup documents no status, so every ticket counts as open.
 */
export async function pollGuruSupWaiting(
	context: IPollFunctions,
	settings: WaitingSettings,
	options: { simplify: boolean; backfillHours: number },
): Promise<INodeExecutionData[][] | null> {
	const now = Date.now();
	const state = readWaitingState(context, settings, options.backfillHours);
	const tickets = await guruSupListAll.call(context, GURUSUP_TICKETS_PATH, {});
	const candidates: Array<WaitingCandidate<IDataObject>> = [];
	for (const ticket of tickets) {
		const key = ticket.external_id ?? ticket.id;
		if (key === undefined || key === null) continue;
		const waiting = waitingOf(ticket);
		if (waiting === undefined) endEpisode(state, String(key));
		else if (!settings.onlyUnassigned || !ticket.agent_id) {
			candidates.push({ id: String(key), item: ticket, ...waiting });
		}
	}
	return await finishWaitingPoll(context, state, candidates, settings, now, (items) =>
		options.simplify ? items.map((ticket) => simplifyGuruSupTicket(ticket) as IDataObject) : items,
	);
}
