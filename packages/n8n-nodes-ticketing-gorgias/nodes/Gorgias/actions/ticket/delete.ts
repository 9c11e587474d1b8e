import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { ticketLocator } from '../../descriptions';
import { idParameter } from './common';

const properties: INodeProperties[] = [ticketLocator];

const displayOptions = { show: { resource: ['ticket'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	return async () => {
		await gorgiasRequest.call(this, 'DELETE', `/tickets/${ticketId}`, { itemIndex });
		return { id: ticketId, deleted: true };
	};
}
