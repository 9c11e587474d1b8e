import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { ticketLocator } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { idParameter } from './common';

export const option = {
	name: 'Get',
	description: 'Get a ticket with its details',
	action: 'Get a ticket',
};

export const description: INodeProperties[] = [ticketLocator()];

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	return async () => {
		return (await zaiaRequest.call(this, 'GET', `/tickets/${ticketId}/details`, {
			itemIndex,
		})) as IDataObject;
	};
}
