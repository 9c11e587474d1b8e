import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { ticketLocator } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { idParameter } from './common';

const properties: INodeProperties[] = [ticketLocator];

const displayOptions = { show: { resource: ['ticket'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	return async () =>
		(await zaiaRequest.call(this, 'GET', `/tickets/${ticketId}/details`, {
			itemIndex,
		})) as IDataObject;
}
