import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { idParameter, putTicket } from '../common';

export const description: INodeProperties[] = [];

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	return async () => await putTicket(this, itemIndex, ticketId, { status: 'open' });
}
