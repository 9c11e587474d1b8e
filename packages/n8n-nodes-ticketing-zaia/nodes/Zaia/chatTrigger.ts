import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	isNewUnordered,
	LATE_ITEM_GRACE_MS,
	oldestFirst,
	timeOf,
	uniqueById,
	type PollState,
	type Stamped,
} from '../shared/poll';
import { invalidParameterError } from '../shared/errors';
import type { PollSource } from '../shared/trigger';
import { itemContext, requireBoolean, requireUuidList, toList } from '../shared/validation';
import {
	chatListQuery,
	customerRolesOf,
	isCustomerMessage,
	listChatMessages,
	messageTime,
	OPEN_TICKET_STATUSES,
	simplifyChatMessage,
	ticketsOfChats,
	ZAIA_MAX_CHAT_MESSAGES,
} from './chats';
import { ZAIA_MAX_PAGE_SIZE, zaiaRequest } from './transport';

/** Which chats the New Chat Message event watches. */
export type WatchedChats = 'openTickets' | 'all' | 'specific';

export interface ChatMessageTriggerSettings {
	watch: WatchedChats;
	/** The chats of `specific`. */
	chatIds: string[];
	channelTypes: string[];
	customerOnly: boolean;
	customerRoles: string[];
	simplify: boolean;
}

/** A message with the chat it was listed under. */
export interface ChatMessageEntry {
	message: IDataObject;
	chat: IDataObject;
}

/** Pages read when a list has to be read whole (chats with activity). */
const MAX_LIST_PAGES = 50;
/**
 * Look-back windows for a first activation, smallest first: the start is the newest message of
 * the first window with any activity, so a quiet workspace still starts at its own newest
 * message rather than at the epoch (which would emit every old message on the next poll).
 */
const START_WINDOWS_MS = [2 * LATE_ITEM_GRACE_MS, 6 * 3_600_000, 7 * 86_400_000, undefined];
/** Chats read for "Fetch test event". */
const TEST_EVENT_CHATS = 5;

/**
 * New Chat Message: Zaia has no message events, so each poll lists the chats whose latest
 * message is at most the grace window older than the watermark (the chats list filters on the
 * time of each chat's latest message), keeps the watched ones and reads their messages. The
 * chats list has no documented order and one chat's messages interleave with another's, so
 * messages are new by the unordered rule: inside the grace window and not yet emitted.
 */
export function zaiaChatMessagePollSource(
	context: IPollFunctions,
	settings: ChatMessageTriggerSettings,
): PollSource<ChatMessageEntry> {
	const readWhole = async (path: string, qs: IDataObject, what: string) => {
		const all: IDataObject[] = [];
		for (let pageNumber = 1; ; pageNumber++) {
			if (pageNumber > MAX_LIST_PAGES) {
				throw new NodeOperationError(
					context.getNode(),
					`More than ${MAX_LIST_PAGES * ZAIA_MAX_PAGE_SIZE} ${what} to read in one poll`,
					{ description: 'Narrow the watched chats (Channel Types, or Specific Chats).' },
				);
			}
			const page = (await zaiaRequest.call(context, 'GET', path, {
				qs: { ...qs, pageNumber, pageSize: ZAIA_MAX_PAGE_SIZE },
			})) as IDataObject[];
			all.push(...(Array.isArray(page) ? page : []));
			if (!Array.isArray(page) || page.length < ZAIA_MAX_PAGE_SIZE) return all;
		}
	};

	/** Chats whose latest message is at or after `since` (all chats without it). */
	const activeChats = async (since: number | undefined) => {
		const qs = chatListQuery({
			channelTypes: settings.channelTypes,
			lastMessageAfter: since === undefined ? undefined : new Date(since).toISOString(),
		});
		const chats = await readWhole('/chats', qs, 'chats with new messages');
		return chats.filter((chat) => typeof chat.id === 'string' && chat.id !== '');
	};

	/** The watched chats among `chats`. */
	const watched = async (chats: IDataObject[]) => {
		if (settings.watch === 'all' || chats.length === 0) return chats;
		if (settings.watch === 'specific') {
			return chats.filter((chat) => settings.chatIds.includes(String(chat.id)));
		}
		// Only the tickets of the chats with activity: the whole open list may be far larger.
		const tickets = await ticketsOfChats(
			context,
			chats.map((chat) => String(chat.id)),
			OPEN_TICKET_STATUSES,
		);
		const open = new Set([...tickets.values()].map((ticket) => String(ticket.chatId)));
		return chats.filter((chat) => open.has(String(chat.id)));
	};

	const messagesOf = async (chats: IDataObject[]) => {
		const stamped: Array<Stamped<ChatMessageEntry>> = [];
		for (const chat of chats) {
			const messages = await listChatMessages(context, String(chat.id), {
				joinSenders: true,
				limit: ZAIA_MAX_CHAT_MESSAGES,
			});
			for (const message of messages) {
				const time = messageTime(message);
				// A message without an id or a readable time cannot be emitted exactly once.
				if (time === undefined || typeof message.id !== 'string') continue;
				stamped.push({ id: message.id, time, item: { message, chat } });
			}
		}
		return stamped;
	};

	const wanted = (entry: ChatMessageEntry) =>
		!settings.customerOnly || isCustomerMessage(entry.message, settings.customerRoles);

	const lastActivity = (chat: IDataObject) => timeOf(chat.lastMessageCreatedAt);

	/** Chats of the first look-back window with activity, and the newest activity seen. */
	const recentChats = async () => {
		const now = Date.now();
		for (const window of START_WINDOWS_MS) {
			const chats = await activeChats(window === undefined ? undefined : now - window);
			if (chats.length) return chats;
		}
		return [];
	};

	return {
		async newest() {
			const chats = (await watched(await recentChats()))
				.sort((a, b) => (lastActivity(b) ?? 0) - (lastActivity(a) ?? 0))
				.slice(0, TEST_EVENT_CHATS);
			const candidates = oldestFirst(await messagesOf(chats)).filter((entry) => wanted(entry.item));
			return candidates.pop()?.item;
		},
		async current() {
			// Every chat (watched or not) active near the newest message: the start's id memory
			// must hold each message inside the grace window below it.
			const chats = await recentChats();
			const times = chats.map(lastActivity).filter((time): time is number => time !== undefined);
			const newest = times.length ? Math.max(...times) : undefined;
			const near =
				newest === undefined
					? chats
					: chats.filter((chat) => (lastActivity(chat) ?? newest) >= newest - LATE_ITEM_GRACE_MS);
			const messages = await messagesOf(near);
			if (!messages.length) return [];
			const top = Math.max(...messages.map((entry) => entry.time));
			return messages.filter((entry) => entry.time >= top - LATE_ITEM_GRACE_MS);
		},
		async collect(state: PollState) {
			const since = state.watermark > 0 ? state.watermark - LATE_ITEM_GRACE_MS : undefined;
			const chats = await watched(await activeChats(since));
			const items = oldestFirst(
				uniqueById(await messagesOf(chats)).filter((entry) =>
					isNewUnordered(state, entry.id, entry.time),
				),
			);
			return { items, more: false };
		},
		async output(entries) {
			return entries.filter(wanted).map(({ message, chat }) =>
				settings.simplify
					? {
							...simplifyChatMessage(message, settings.customerRoles),
							ticketId: typeof chat.ticketId === 'string' ? chat.ticketId : null,
							customerName: typeof chat.ownerName === 'string' ? chat.ownerName : null,
							channelType: typeof chat.channelType === 'string' ? chat.channelType : null,
						}
					: message,
			);
		},
	};
}

/** The New Chat Message source for the trigger's parameters, checked before any request. */
export function chatMessagePollSource(context: IPollFunctions): PollSource<ChatMessageEntry> {
	const check = itemContext(context);
	const watch = context.getNodeParameter('watchChats', 'openTickets') as WatchedChats;
	const filters = context.getNodeParameter('chatFilters', {}) as IDataObject;
	const chatIds =
		watch === 'specific'
			? requireUuidList(check, 'Chat IDs', context.getNodeParameter('chatIds', ''))
			: [];
	if (watch === 'specific' && chatIds.length === 0) {
		throw invalidParameterError(check.node, 'Chat IDs', 'add at least one chat ID', 0);
	}
	return zaiaChatMessagePollSource(context, {
		watch,
		chatIds,
		channelTypes: toList(check, 'Chat Filters → Channel Types', filters.channelTypes),
		customerOnly: requireBoolean(
			check,
			'Customer Messages Only',
			context.getNodeParameter('customerMessagesOnly', true),
		),
		customerRoles: customerRolesOf(
			toList(check, 'Chat Filters → Customer Roles', filters.customerRoles),
		),
		simplify: requireBoolean(check, 'Simplify', context.getNodeParameter('simplifyMessages', true)),
	});
}
