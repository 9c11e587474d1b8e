import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { timeOf } from '../shared/poll';
import {
	endEpisode,
	finishWaitingPoll,
	readWaitingState,
	type WaitingCandidate,
	type WaitingSettings,
} from '../shared/waiting';
import {
	chatListQuery,
	DEFAULT_CUSTOMER_ROLES,
	isCustomerMessage,
	listChatMessages,
	messageTime,
	OPEN_TICKET_STATUSES,
	ticketsOfChats,
} from './chats';
import { simplifyZaiaTicket } from './simplify';
import { ZAIA_MAX_PAGE_SIZE, ZAIA_STATUSES, zaiaListAll } from './transport';

/**
 * Waiting, from a Zaia chat: the chats list carries each chat's latest message (its time and the
 * role of who wrote it) and the ticket linked to it (`ticketId`, `ticketStatus`; names inferred
 * from the chat page's descriptions). A chat's customer waits when its latest message is the
 * customer's (role `user`, inferred) and a ticket is linked: any other role (the AI agent, a
 * human) counts as a reply. A chat without a ticket is still the AI agent's: not waited on.
 */
function chatWaitingSince(chat: IDataObject): number | undefined {
	if (typeof chat.ticketId !== 'string' || chat.ticketId === '') return undefined;
	if (!isCustomerMessage({ role: chat.lastMessageRole }, DEFAULT_CUSTOMER_ROLES)) return undefined;
	return timeOf(chat.lastMessageCreatedAt);
}

/**
 * The chats list filters by the time of each chat's latest message
 * (`lastChatMessageCreatedAtStart/End`): the chats that may have reached level L since the last
 * poll are those whose latest message lies between that level's mark and now − T. Each level
 * reads that window (one request when nothing happened), then the linked tickets are read by
 * their chats, one listing per status (Zaia lists one status at a time): pending and ongoing,
 * and completed too unless Only Open Tickets. Only Unassigned keeps the tickets not taken over
 * yet (no `ongoingAt`, no assignee).
 */
export async function pollZaiaWaiting(
	context: IPollFunctions,
	settings: WaitingSettings,
	options: { simplify: boolean; maxPages: number; backfillHours: number },
): Promise<INodeExecutionData[][] | null> {
	const now = Date.now();
	const state = readWaitingState(context, settings, options.backfillHours);
	const chats = new Map<string, IDataObject>();
	const marks = [...state.marks];
	const limit = options.maxPages * ZAIA_MAX_PAGE_SIZE;
	const read = async (after: number, upper: number) => {
		if (upper <= after) return true;
		const listed = await zaiaListAll.call(
			context,
			'/chats',
			chatListQuery({
				lastMessageAfter: new Date(after).toISOString(),
				// The end bound is inclusive: one millisecond less keeps each window half-open.
				lastMessageBefore: new Date(upper - 1).toISOString(),
			}),
			{ limit },
		);
		for (const chat of listed) if (typeof chat.id === 'string') chats.set(chat.id, chat);
		return listed.length < limit;
	};
	if (context.getMode() === 'manual') {
		await read(now - settings.thresholds[0] - 24 * 3_600_000, now - settings.thresholds[0]);
	} else {
		for (const [index, threshold] of settings.thresholds.entries()) {
			// The list's order is not documented: a window read only in part is read again whole.
			if (await read(state.marks[index], now - threshold)) {
				marks[index] = Math.max(state.marks[index], now - threshold);
			}
		}
	}
	const waitingChats = [...chats.values()].filter((chat) => chatWaitingSince(chat) !== undefined);
	const answeredTickets = [...chats.values()]
		.filter((chat) => chatWaitingSince(chat) === undefined && typeof chat.ticketId === 'string')
		.map((chat) => String(chat.ticketId));
	for (const id of answeredTickets) endEpisode(state, id);
	const tickets = await ticketsOfChats(
		context,
		waitingChats.map((chat) => String(chat.id)),
		settings.onlyOpen ? OPEN_TICKET_STATUSES : ZAIA_STATUSES,
	);
	const candidates: Array<WaitingCandidate<IDataObject>> = [];
	for (const chat of waitingChats) {
		const ticket = tickets.get(String(chat.ticketId));
		if (!ticket) continue;
		if (settings.onlyUnassigned && (ticket.ongoingAt || ticket.assigneeId)) continue;
		candidates.push({ id: String(ticket.id), item: ticket, since: chatWaitingSince(chat)! });
	}
	state.marks = marks;
	return await finishWaitingPoll(
		context,
		state,
		candidates,
		settings,
		now,
		(items) =>
			options.simplify ? items.map((ticket) => simplifyZaiaTicket(ticket) as IDataObject) : items,
		async (candidate, after, until) =>
			await repliedBetween(context, String(candidate.item.chatId), after, until),
	);
}

/**
 * Whether anyone but the customer wrote in the chat after `after` and up to `until`: asked only
 * when the customer wrote again after an emission, to tell a follow-up from a new wait.
 */
async function repliedBetween(
	context: IPollFunctions,
	chatId: string,
	after: number,
	until: number,
): Promise<boolean> {
	const messages = await listChatMessages(context, chatId, { limit: 1000 });
	return messages.some((message) => {
		const time = messageTime(message);
		return (
			time !== undefined &&
			time > after &&
			time <= until &&
			!isCustomerMessage(message, DEFAULT_CUSTOMER_ROLES)
		);
	});
}
