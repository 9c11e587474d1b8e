import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { ticketLocator } from '../../descriptions';
import { idParameter, putTicket } from './common';

export const option = {
	name: 'Reopen',
	description: 'Open a closed ticket again',
	action: 'Reopen a ticket',
};

export const description: INodeProperties[] = [ticketLocator()];

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	return async () => await putTicket(this, itemIndex, ticketId, { status: 'open' });
}
