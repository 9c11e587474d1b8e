import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { ticketLocator, userLocator } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { ticketOutput, uuidParameter } from './common';

export const option = {
	name: 'Complete',
	description: 'Mark a ticket as completed',
	action: 'Complete a ticket',
};

export const description: INodeProperties[] = [
	ticketLocator(),
	userLocator('userId', 'Completed By', 'The Zaia user (agent) who completes the ticket'),
];

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = uuidParameter(this, itemIndex, 'ticketId', 'Ticket');
	const userId = uuidParameter(this, itemIndex, 'userId', 'Completed By');
	return async () => {
		const ticket = await zaiaRequest.call(this, 'PATCH', `/tickets/${ticketId}/complete`, {
			body: { userId },
			itemIndex,
		});
		return ticketOutput(this, itemIndex, ticket as IDataObject);
	};
}
