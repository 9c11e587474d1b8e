import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import {
	itemContext,
	requireBoolean,
	requireInteger,
	requireUuid,
	toList,
} from '../../../shared/validation';
import {
	chatIdOfTicket,
	customerRolesOf,
	listChatMessages,
	simplifyChatMessage,
	ZAIA_MAX_CHAT_MESSAGES,
} from '../../chats';
import { chatLocator, customerRolesOption, ticketLocator } from '../../descriptions';
import { idParameter } from '../ticket/common';

const properties: INodeProperties[] = [
	{
		displayName: 'Conversation Of',
		name: 'source',
		type: 'options',
		default: 'ticket',
		description: 'Whether to read the chat of a ticket or a chat picked directly',
		options: [
			{ name: 'Ticket', value: 'ticket', description: 'The chat the ticket belongs to' },
			{ name: 'Chat', value: 'chat', description: 'A chat picked directly' },
		],
	},
	{ ...ticketLocator, displayOptions: { show: { source: ['ticket'] } } },
	{ ...chatLocator, displayOptions: { show: { source: ['chat'] } } },
	{
		displayName:
			'Zaia lists at most 1,000 messages per chat and offers no further pages: Return All returns up to 1,000 messages, and a longer chat is cut there',
		name: 'messageCapNotice',
		type: 'notice',
		default: '',
	},
	returnAllFields[0],
	{ ...returnAllFields[1], typeOptions: { minValue: 1, maxValue: 1000 } },
	{
		displayName: 'Simplify',
		name: 'simplifyMessages',
		type: 'boolean',
		default: true,
		description:
			"Whether to return each message as role, whether the customer wrote it, sender name, text and time (a shape an AI step reads directly) instead of Zaia's own object",
	},
	{
		displayName: 'Options',
		name: 'messageOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			customerRolesOption,
			{
				displayName: 'Include Senders',
				name: 'includeSenders',
				type: 'boolean',
				default: true,
				description:
					"Whether to ask Zaia to join each message's sender (joins=senders), which gives the sender's name",
			},
			{
				displayName: "Only the Ticket's Messages",
				name: 'ticketMessagesOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only the messages Zaia links to the ticket, instead of the whole chat',
				displayOptions: { show: { '/source': ['ticket'] } },
			},
			{
				displayName: 'Thread ID',
				name: 'threadId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f',
				description: 'Only the messages of this thread of the chat',
			},
		],
	},
];

const displayOptions = { show: { resource: ['chatMessage'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const check = itemContext(this, itemIndex);
	const source = this.getNodeParameter('source', itemIndex, 'ticket') as string;
	const ticketId =
		source === 'ticket' ? idParameter(this, itemIndex, 'ticketId', 'Ticket') : undefined;
	const chatId = source === 'chat' ? idParameter(this, itemIndex, 'chatId', 'Chat') : undefined;
	const returnAll = requireBoolean(
		check,
		'Return All',
		this.getNodeParameter('returnAll', itemIndex, false),
	);
	const limit = returnAll
		? ZAIA_MAX_CHAT_MESSAGES
		: requireInteger(check, 'Limit', this.getNodeParameter('limit', itemIndex, 50), {
				min: 1,
				max: ZAIA_MAX_CHAT_MESSAGES,
			});
	const simplify = requireBoolean(
		check,
		'Simplify',
		this.getNodeParameter('simplifyMessages', itemIndex, true),
	);
	const options = this.getNodeParameter('messageOptions', itemIndex, {}) as IDataObject;
	const threadId =
		options.threadId === undefined || options.threadId === ''
			? undefined
			: requireUuid(check, 'Options → Thread ID', options.threadId);
	const joinSenders =
		options.includeSenders === undefined
			? true
			: requireBoolean(check, 'Options → Include Senders', options.includeSenders);
	const ticketOnly =
		ticketId !== undefined &&
		options.ticketMessagesOnly !== undefined &&
		requireBoolean(check, "Options → Only the Ticket's Messages", options.ticketMessagesOnly);
	const customerRoles = customerRolesOf(
		toList(check, 'Options → Customer Roles', options.customerRoles),
	);

	return async () => {
		const chat = chatId ?? (await chatIdOfTicket(this, ticketId as string, { itemIndex }));
		const messages = await listChatMessages(this, chat, {
			threadId,
			ticketIds: ticketOnly ? [ticketId as string] : undefined,
			joinSenders,
			limit,
			itemIndex,
		});
		// The limit is Zaia's to apply; an answer that ignored it is still cut to what was asked.
		const kept = messages.slice(0, limit);
		return simplify
			? kept.map((message) => ({ ...simplifyChatMessage(message, customerRoles) }))
			: kept;
	};
}
