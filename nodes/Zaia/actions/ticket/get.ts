import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { zaiaRequest } from '../../transport';
import { ticketOutput, uuidParameter } from './common';

export const description: INodeProperties[] = [];

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = uuidParameter(this, itemIndex, 'ticketId', 'Ticket');
	return async () => {
		const ticket = await zaiaRequest.call(this, 'GET', `/tickets/${ticketId}/details`, {
			itemIndex,
		});
		return ticketOutput(this, itemIndex, ticket as IDataObject);
	};
}
