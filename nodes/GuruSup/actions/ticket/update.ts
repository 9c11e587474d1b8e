import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { invalidParameterError } from '../../../shared/errors';
import { requireEmail, requireString } from '../../../shared/validation';
import { externalIdField, messageFields } from '../../descriptions';
import { readMessages } from '../../messages';
import { gurusupRequest } from '../../transport';
import { ticketExternalId, ticketOutput } from './common';

const show = { resource: ['ticket'], operation: ['update'] };

export const description: INodeProperties[] = [
	externalIdField(
		['update'],
		'External ID the ticket was created with: GuruSup identifies tickets by it',
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Agent Email',
				name: 'agent',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Email of the assigned agent',
			},
			{
				displayName: 'Agent ID',
				name: 'agentId',
				type: 'string',
				default: '',
				description: 'ID of the assigned agent',
			},
			{
				displayName: 'Agent Name',
				name: 'agentName',
				type: 'string',
				default: '',
				description: 'Name of the assigned agent',
			},
			{
				displayName: 'Sender Email',
				name: 'sender',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Email of the customer',
			},
			{
				displayName: 'Sender Name',
				name: 'senderName',
				type: 'string',
				default: '',
				description: 'Name of the customer',
			},
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				description: 'New subject',
			},
		],
	},
	...messageFields(['update'], false),
];

const UPDATE_FIELDS: Array<[key: string, apiKey: string, label: string, email: boolean]> = [
	['agent', 'agent', 'Agent Email', true],
	['agentId', 'agent_id', 'Agent ID', false],
	['agentName', 'agent_name', 'Agent Name', false],
	['sender', 'sender', 'Sender Email', true],
	['senderName', 'sender_name', 'Sender Name', false],
	['subject', 'subject', 'Subject', false],
];

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = { node: this.getNode(), itemIndex };
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { external_id: ticketExternalId(this, itemIndex) };
	for (const [key, apiKey, label, email] of UPDATE_FIELDS) {
		if (fields[key] === undefined) continue;
		const where = `Update Fields → ${label}`;
		body[apiKey] = email
			? requireEmail(ctx, where, fields[key])
			: requireString(ctx, where, fields[key]);
	}
	// GuruSup requires the messages key on every update; it may be an empty list.
	body.messages = readMessages(this, itemIndex, { required: false });
	if (Object.keys(body).length === 2 && (body.messages as unknown[]).length === 0) {
		throw invalidParameterError(
			ctx.node,
			'Update Fields',
			'choose at least one field to change or a message to add',
			itemIndex,
		);
	}
	return async () => {
		// Safe to repeat: the ticket is named by its external ID and message IDs are fixed above.
		const ticket = await gurusupRequest.call(this, 'PUT', { body, itemIndex });
		return ticketOutput(this, itemIndex, ticket);
	};
}
