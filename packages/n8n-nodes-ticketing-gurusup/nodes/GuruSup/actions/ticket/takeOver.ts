import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireString } from '../../../shared/validation';
import { agentFields, externalIdField } from '../../descriptions';
import { GURUSUP_TICKETS_PATH, guruSupRequest } from '../../transport';
import {
	agentBody,
	generateMessageId,
	idParameter,
	ticketObject,
	type GuruSupMessage,
} from './common';

const properties: INodeProperties[] = [
	externalIdField,
	...agentFields,
	{
		displayName: 'Agent Message',
		name: 'takeOverMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description:
			'Optional message from the agent taking over (e.g. "Hi, I am Ana and I will help you from here"), added to the ticket as an agent message',
	},
];

const displayOptions = { show: { resource: ['ticket'], operation: ['takeOver'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

/**
 * A human agent takes the ticket: the agent fields are set and, when given, the agent's first
 * message is added. GuruSup has no dedicated endpoint; this is its documented update.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const rawMessage = this.getNodeParameter('takeOverMessage', itemIndex, '') as unknown;
	const messages: GuruSupMessage[] = [];
	if (
		!(typeof rawMessage === 'string' && rawMessage.trim() === '') &&
		rawMessage !== undefined &&
		rawMessage !== null
	) {
		messages.push({
			// Fixed here so a retried update carries the same message ID and nothing doubles.
			external_id: generateMessageId(0),
			body: requireString(ctx, 'Agent Message', rawMessage),
			is_agent: true,
			received_at: new Date().toISOString(),
		});
	}
	const body = {
		external_id: idParameter(this, itemIndex, 'externalId', 'Ticket External ID'),
		...agentBody(this, itemIndex),
		messages,
	};
	return async () =>
		ticketObject(
			await guruSupRequest.call(this, 'PUT', GURUSUP_TICKETS_PATH, {
				body,
				itemIndex,
			}),
		);
}
