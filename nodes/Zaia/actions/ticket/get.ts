import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireBoolean } from '../../../shared/validation';
import { listChatMessages, ZAIA_MAX_CHAT_MESSAGES } from '../../chats';
import { ticketLocator } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { idParameter } from './common';

const properties: INodeProperties[] = [
	ticketLocator,
	{
		displayName: 'Include Chat Messages',
		name: 'includeChatMessages',
		type: 'boolean',
		default: false,
		description:
			"Whether to add the messages of the ticket's chat, oldest first, under chatMessages (Zaia lists at most 1,000 messages per chat)",
	},
];

const displayOptions = { show: { resource: ['ticket'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

export const addedKeys = ['chatMessages'] as const;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const withMessages = requireBoolean(
		itemContext(this, itemIndex),
		'Include Chat Messages',
		this.getNodeParameter('includeChatMessages', itemIndex, false),
	);
	return async () => {
		const ticket = (await zaiaRequest.call(this, 'GET', `/tickets/${ticketId}/details`, {
			itemIndex,
		})) as IDataObject;
		if (!withMessages || typeof ticket.chatId !== 'string' || ticket.chatId === '') return ticket;
		const chatMessages = await listChatMessages(this, ticket.chatId, {
			joinSenders: true,
			limit: ZAIA_MAX_CHAT_MESSAGES,
			itemIndex,
		});
		return { ...ticket, chatMessages };
	};
}
