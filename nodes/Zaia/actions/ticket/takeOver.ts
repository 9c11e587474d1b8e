import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { zaiaRequest } from '../../transport';
import { ticketOutput, uuidParameter } from './common';

export const description: INodeProperties[] = [];

/** A human takes the chat over from the AI agent; Zaia sets the assignee and the stage. */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = uuidParameter(this, itemIndex, 'ticketId', 'Ticket');
	const assigneeId = uuidParameter(this, itemIndex, 'assigneeId', 'Assignee');
	return async () => {
		const ticket = await zaiaRequest.call(this, 'PATCH', `/tickets/${ticketId}/takeover`, {
			body: { assigneeId },
			itemIndex,
		});
		return ticketOutput(this, itemIndex, ticket as IDataObject);
	};
}
