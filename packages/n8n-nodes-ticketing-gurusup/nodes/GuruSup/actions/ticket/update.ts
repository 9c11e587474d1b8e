import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { invalidParameterError } from '../../../shared/errors';
import { itemContext, requireEmail, requireString } from '../../../shared/validation';
import {
	externalIdField,
	messagesField,
	messagesInputField,
	messagesJsonField,
} from '../../descriptions';
import { GURUSUP_TICKETS_PATH, guruSupRequest } from '../../transport';
import { readMessages, idParameter, ticketObject } from './common';

const properties: INodeProperties[] = [
	externalIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Agent Email',
				name: 'agentEmail',
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
	messagesInputField,
	messagesField,
	messagesJsonField,
];

const displayOptions = { show: { resource: ['ticket'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const UPDATE_FIELDS: Array<[key: string, apiKey: string, label: string, email: boolean]> = [
	['agentEmail', 'agent', 'Agent Email', true],
	['agentId', 'agent_id', 'Agent ID', false],
	['agentName', 'agent_name', 'Agent Name', false],
	['sender', 'sender', 'Sender Email', true],
	['senderName', 'sender_name', 'Sender Name', false],
	['subject', 'subject', 'Subject', false],
];

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		external_id: idParameter(this, itemIndex, 'externalId', 'Ticket External ID'),
	};
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
		return ticketObject(
			await guruSupRequest.call(this, 'PUT', GURUSUP_TICKETS_PATH, {
				body,
				itemIndex,
			}),
		);
	};
}
