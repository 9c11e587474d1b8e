import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { ticketLocator } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { ticketOutput, uuidParameter } from './common';

export const option = {
	name: 'Get',
	description: 'Get a ticket with its details',
	action: 'Get a ticket',
};

export const description: INodeProperties[] = [ticketLocator()];

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = uuidParameter(this, itemIndex, 'ticketId', 'Ticket');
	return async () => {
		const ticket = await zaiaRequest.call(this, 'GET', `/tickets/${ticketId}/details`, {
			itemIndex,
		});
		return ticketOutput(this, itemIndex, ticket as IDataObject);
	};
}
