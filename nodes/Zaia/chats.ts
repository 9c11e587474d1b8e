import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { timeOf } from '../shared/poll';
import type { RequestContext } from '../shared/transport';
import { zaiaListAll, zaiaRequest } from './transport';

/*
 * Reading Zaia conversations: a chat, the chats list and a chat's messages.
 *
 * What rests on inference (see the README's Zaia notes):
 * - the chat detail path `/chats/{id}/details` (only the tickets' `/tickets/{id}/details` is
 *   visible; the chat page shows its parameters and response, not its path);
 * - the wire form of the messages' `pagination` object: sent as `pagination[limit]`;
 * - the message fields beyond `id`, `chatId`, `chatThreadId`, `content`, `role` (read
 *   defensively: the sender, its name and the time may sit under several names);
 * - the order of the messages list (undocumented): sorted oldest first here;
 * - the `role` of a customer's message: `user` unless the caller says otherwise.
 */

/** Most messages Zaia returns for one chat: the list has a limit (1–1000) and no paging. */
export const ZAIA_MAX_CHAT_MESSAGES = 1000;

/** Statuses of a ticket a human still has to work on. */
export const OPEN_TICKET_STATUSES: readonly string[] = ['pending', 'ongoing'];

/** Chat ids sent in one ticket listing (repeated `chatIds` keys). */
const CHAT_IDS_PER_REQUEST = 50;

/** Message roles taken for the customer's own messages unless the user lists others. */
export const DEFAULT_CUSTOMER_ROLES: readonly string[] = ['user'];

export interface ChatRequestOptions {
	itemIndex?: number;
}

export interface ChatMessageOptions extends ChatRequestOptions {
	/** Only the messages of this thread of the chat. */
	threadId?: string;
	/** Only the messages linked to these tickets. */
	ticketIds?: string[];
	/** Ask Zaia to join each message's sender (`joins=senders`). */
	joinSenders?: boolean;
	/** How many messages to ask for (1–1000); none = the API's own default of 250. */
	limit?: number;
}

export interface ChatListFilters {
	channelIds?: string[];
	channelTypes?: string[];
	ownerIds?: string[];
	/** ISO date-times bounding the time of each chat's latest message. */
	lastMessageAfter?: string;
	lastMessageBefore?: string;
}

/** One chat with details (`GET /chats/{id}/details`, path inferred). */
export async function getChat(
	context: RequestContext,
	chatId: string,
	options: ChatRequestOptions = {},
): Promise<IDataObject> {
	return (await zaiaRequest.call(context, 'GET', `/chats/${chatId}/details`, {
		itemIndex: options.itemIndex,
	})) as IDataObject;
}

/** The query of the chats list for these filters (absent filters are not sent). */
export function chatListQuery(filters: ChatListFilters): IDataObject {
	const qs: IDataObject = {};
	if (filters.channelIds?.length) qs.channelIds = filters.channelIds;
	if (filters.channelTypes?.length) qs.channelTypes = filters.channelTypes;
	if (filters.ownerIds?.length) qs.ownerIds = filters.ownerIds;
	if (filters.lastMessageAfter) qs.lastChatMessageCreatedAtStart = filters.lastMessageAfter;
	if (filters.lastMessageBefore) qs.lastChatMessageCreatedAtEnd = filters.lastMessageBefore;
	return qs;
}

/** Chats matching the filters, every page or up to `limit`. The list's order is Zaia's. */
export async function listChats(
	context: RequestContext,
	filters: ChatListFilters,
	options: ChatRequestOptions & { limit?: number } = {},
): Promise<IDataObject[]> {
	return await zaiaListAll.call(context, '/chats', chatListQuery(filters), options);
}

/** The chat a ticket belongs to, read from the ticket's details. */
export async function chatIdOfTicket(
	context: RequestContext,
	ticketId: string,
	options: ChatRequestOptions = {},
): Promise<string> {
	const ticket = (await zaiaRequest.call(context, 'GET', `/tickets/${ticketId}/details`, {
		itemIndex: options.itemIndex,
	})) as IDataObject;
	if (typeof ticket.chatId !== 'string' || ticket.chatId === '') {
		throw new NodeOperationError(context.getNode(), `Zaia's ticket ${ticketId} names no chat`, {
			itemIndex: options.itemIndex,
		});
	}
	return ticket.chatId;
}

/**
 * A chat's messages, oldest first. Zaia answers at most 1,000 messages per request and has no
 * page or cursor, so a longer chat cannot be read past its first 1,000.
 */
export async function listChatMessages(
	context: RequestContext,
	chatId: string,
	options: ChatMessageOptions = {},
): Promise<IDataObject[]> {
	const qs: IDataObject = { chatId };
	if (options.threadId) qs.chatThreadId = options.threadId;
	if (options.ticketIds?.length) qs.ticketIds = options.ticketIds;
	if (options.joinSenders) qs.joins = 'senders';
	if (options.limit !== undefined) {
		qs['pagination[limit]'] = Math.min(
			Math.max(1, Math.floor(options.limit)),
			ZAIA_MAX_CHAT_MESSAGES,
		);
	}
	const answer = await zaiaRequest.call(context, 'GET', '/chat-messages', {
		qs,
		itemIndex: options.itemIndex,
	});
	const messages = Array.isArray(answer)
		? (answer.filter((entry) => entry !== null && typeof entry === 'object') as IDataObject[])
		: [];
	return oldestMessagesFirst(messages);
}

/** The time a message was written, whichever of the likely field names carries it. */
export function messageTime(message: IDataObject): number | undefined {
	return timeOf(message.createdAt ?? message.sentAt ?? message.updatedAt);
}

/** Stable sort by time; messages without a readable time keep their place after timed ones. */
export function oldestMessagesFirst(messages: IDataObject[]): IDataObject[] {
	return messages
		.map((message, index) => ({ message, index, time: messageTime(message) }))
		.sort((a, b) => {
			if (a.time === undefined || b.time === undefined) {
				return a.time === b.time ? a.index - b.index : a.time === undefined ? 1 : -1;
			}
			return a.time - b.time || a.index - b.index;
		})
		.map((entry) => entry.message);
}

/** The joined sender of a message (`joins=senders`), whichever shape it came in. */
function senderOf(message: IDataObject): IDataObject | undefined {
	const sender = message.sender ?? message.senderSuperIdentity ?? message.superIdentity;
	return sender !== null && typeof sender === 'object' && !Array.isArray(sender)
		? (sender as IDataObject)
		: undefined;
}

function textOf(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

/** The roles a user listed, or the default when the list is empty. */
export function customerRolesOf(listed: string[]): string[] {
	return listed.length ? listed : [...DEFAULT_CUSTOMER_ROLES];
}

/** Whether a message was written by the customer (its role is one of `customerRoles`). */
export function isCustomerMessage(
	message: IDataObject,
	customerRoles: readonly string[] = DEFAULT_CUSTOMER_ROLES,
): boolean {
	const role = typeof message.role === 'string' ? message.role.toLowerCase() : '';
	return customerRoles.some((wanted) => wanted.toLowerCase() === role);
}

/** A message in a flat shape an AI step or a person reads directly. */
export interface SimplifiedChatMessage {
	id: string;
	chatId: string | null;
	threadId: string | null;
	role: string | null;
	fromCustomer: boolean;
	senderId: string | null;
	senderName: string | null;
	text: string;
	createdAt: string | null;
}

export function simplifyChatMessage(
	message: IDataObject,
	customerRoles: readonly string[] = DEFAULT_CUSTOMER_ROLES,
): SimplifiedChatMessage {
	const sender = senderOf(message);
	const time = messageTime(message);
	return {
		id: String(message.id ?? ''),
		chatId: textOf(message.chatId),
		threadId: textOf(message.chatThreadId),
		role: textOf(message.role),
		fromCustomer: isCustomerMessage(message, customerRoles),
		senderId: textOf(message.senderId ?? message.senderSuperIdentityId ?? sender?.id),
		senderName: textOf(sender?.name ?? message.senderName),
		text: String(message.content ?? message.rawContent ?? message.text ?? ''),
		createdAt: time === undefined ? null : new Date(time).toISOString(),
	};
}

/**
 * The tickets linked to these chats, by ticket id: the ticket list filtered by `chatIds`, per
 * status (Zaia requires one) and 50 chats at a time, so only the tickets of the chats at hand are
 * read, however many tickets the workspace holds.
 */
export async function ticketsOfChats(
	context: RequestContext,
	chatIds: string[],
	statuses: readonly string[],
): Promise<Map<string, IDataObject>> {
	const tickets = new Map<string, IDataObject>();
	for (let start = 0; start < chatIds.length; start += CHAT_IDS_PER_REQUEST) {
		const chunk = chatIds.slice(start, start + CHAT_IDS_PER_REQUEST);
		for (const status of statuses) {
			for (const ticket of await zaiaListAll.call(context, '/tickets/details', {
				status,
				chatIds: chunk,
			})) {
				tickets.set(String(ticket.id), ticket);
			}
		}
	}
	return tickets;
}
