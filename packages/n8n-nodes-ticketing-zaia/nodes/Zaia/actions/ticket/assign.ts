import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { assigneeLocator, ticketLocator } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { idParameter } from './common';

const properties: INodeProperties[] = [ticketLocator, assigneeLocator];

const displayOptions = { show: { resource: ['ticket'], operation: ['assign'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const assigneeId = idParameter(this, itemIndex, 'assigneeId', 'Assignee');
	return async () =>
		(await zaiaRequest.call(this, 'PATCH', `/tickets/${ticketId}/assignee`, {
			body: { assigneeId },
			itemIndex,
		})) as IDataObject;
}
