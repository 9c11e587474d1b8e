import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { zaiaRequest } from '../../transport';
import { ticketOutput, uuidParameter } from './common';

export const description: INodeProperties[] = [];

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = uuidParameter(this, itemIndex, 'ticketId', 'Ticket');
	const assigneeId = uuidParameter(this, itemIndex, 'assigneeId', 'Assignee');
	return async () => {
		const ticket = await zaiaRequest.call(this, 'PATCH', `/tickets/${ticketId}/assignee`, {
			body: { assigneeId },
			itemIndex,
		});
		return ticketOutput(this, itemIndex, ticket as IDataObject);
	};
}
