import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { requireString } from '../../../shared/validation';
import { generateMessageId, type GurusupMessage } from '../../messages';
import { gurusupRequest } from '../../transport';
import { agentFields, ticketExternalId, ticketOutput } from './common';

export const description: INodeProperties[] = [
	{
		displayName: 'Agent Message',
		name: 'takeOverMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description:
			'Optional message from the agent taking over (e.g. "Hi, I am Ana and I will help you from here"), added to the ticket as an agent message',
		displayOptions: { show: { resource: ['ticket'], operation: ['takeOver'] } },
	},
];

/**
 * A human agent takes the ticket: the agent fields are set and, when given, the agent's first
 * message is added. GuruSup has no dedicated endpoint; this is its documented update.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = { node: this.getNode(), itemIndex };
	const rawMessage = this.getNodeParameter('takeOverMessage', itemIndex, '') as unknown;
	const messages: GurusupMessage[] = [];
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
		external_id: ticketExternalId(this, itemIndex),
		...agentFields(this, itemIndex),
		messages,
	};
	return async () => {
		const ticket = await gurusupRequest.call(this, 'PUT', { body, itemIndex });
		return ticketOutput(this, itemIndex, ticket);
	};
}
