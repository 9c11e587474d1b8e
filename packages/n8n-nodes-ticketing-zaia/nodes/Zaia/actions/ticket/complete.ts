import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { assigneeModes, ticketLocator } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { idParameter } from './common';

const properties: INodeProperties[] = [
	ticketLocator,
	{
		displayName: 'Completed By',
		name: 'userId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Zaia user (agent) who completes the ticket',
		...assigneeModes,
	},
];

const displayOptions = { show: { resource: ['ticket'], operation: ['complete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const userId = idParameter(this, itemIndex, 'userId', 'Completed By');
	return async () =>
		(await zaiaRequest.call(this, 'PATCH', `/tickets/${ticketId}/complete`, {
			body: { userId },
			itemIndex,
		})) as IDataObject;
}
