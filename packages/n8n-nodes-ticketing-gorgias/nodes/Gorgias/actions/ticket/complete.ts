import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { ticketLocator } from '../../descriptions';
import { idParameter, putTicket } from './common';

const properties: INodeProperties[] = [ticketLocator];

const displayOptions = { show: { resource: ['ticket'], operation: ['complete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

/** Gorgias completes a ticket by closing it. */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	return async () => await putTicket(this, itemIndex, ticketId, { status: 'closed' });
}
