import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { ticketLocator } from '../../descriptions';
import { idParameter } from './common';

export const option = {
	name: 'Delete',
	description: 'Delete a ticket for good',
	action: 'Delete a ticket',
};

export const description: INodeProperties[] = [ticketLocator()];

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	return async () => {
		await gorgiasRequest.call(this, 'DELETE', `/tickets/${ticketId}`, { itemIndex });
		return { id: ticketId, deleted: true };
	};
}
