import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { agentFields, externalIdField } from '../../descriptions';
import { GURUSUP_TICKETS_PATH, guruSupRequest } from '../../transport';
import { agentBody, ticketExternalId, ticketOutput } from './common';

export const option = {
	name: 'Assign',
	description: 'Set the agent of a ticket',
	action: 'Assign a ticket',
};

export const description: INodeProperties[] = [
	externalIdField('External ID the ticket was created with: GuruSup identifies tickets by it'),
	...agentFields,
];

export const returnsTickets = true;

/** GuruSup has no assign endpoint: an update that sets only the agent fields. */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const body = {
		external_id: ticketExternalId(this, itemIndex),
		...agentBody(this, itemIndex),
		messages: [],
	};
	return async () => {
		const ticket = await guruSupRequest.call(this, 'PUT', GURUSUP_TICKETS_PATH, {
			body,
			itemIndex,
		});
		return ticketOutput(this, itemIndex, ticket);
	};
}
