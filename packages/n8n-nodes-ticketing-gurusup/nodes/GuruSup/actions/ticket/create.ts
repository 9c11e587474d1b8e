import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import {
	itemContext,
	requireEmail,
	requireInteger,
	requireString,
} from '../../../shared/validation';
import {
	externalIdField,
	messagesField,
	messagesInputField,
	messagesJsonField,
} from '../../descriptions';
import { GURUSUP_TICKETS_PATH, guruSupRequest, SOURCE_API } from '../../transport';
import { readMessages, idParameter, ticketObject } from './common';

const properties: INodeProperties[] = [
	{
		...externalIdField,
		description: 'ID of the ticket in your own system; GuruSup links the ticket to it',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		description: 'Short summary of the issue',
	},
	{
		displayName: 'Sender Email',
		name: 'sender',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'Email of the customer who opened the ticket',
	},
	messagesInputField,
	{
		...messagesField,
		required: true,
		description: 'The conversation, at least one message',
	},
	{ ...messagesJsonField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Agent ID',
				name: 'agentId',
				type: 'string',
				default: '',
				description: 'ID of the agent handling the ticket',
			},
			{
				displayName: 'Agent Name',
				name: 'agentName',
				type: 'string',
				default: '',
				description: 'Display name of that agent',
			},
			{
				displayName: 'Source',
				name: 'sources',
				type: 'number',
				default: 2,
				description: 'Origin code of the ticket; 2 means created through the API',
			},
		],
	},
];

const displayOptions = { show: { resource: ['ticket'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		external_id: idParameter(this, itemIndex, 'externalId', 'Ticket External ID'),
		subject: requireString(ctx, 'Subject', this.getNodeParameter('subject', itemIndex, '')),
		sender: requireEmail(ctx, 'Sender Email', this.getNodeParameter('sender', itemIndex, '')),
		messages: readMessages(this, itemIndex, { required: true }),
		sources: requireInteger(ctx, 'Additional Fields → Source', extra.sources ?? SOURCE_API),
	};
	if (extra.agentId !== undefined && extra.agentId !== '') {
		body.agent_id = requireString(ctx, 'Additional Fields → Agent ID', extra.agentId);
	}
	if (extra.agentName !== undefined && extra.agentName !== '') {
		body.agent_name = requireString(ctx, 'Additional Fields → Agent Name', extra.agentName);
	}
	return async () => {
		// Never sent twice: GuruSup documents no idempotency for creation.
		return ticketObject(
			await guruSupRequest.call(this, 'POST', GURUSUP_TICKETS_PATH, {
				body,
				itemIndex,
				retrySafe: false,
			}),
		);
	};
}
