import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf } from '../../../shared/validation';
import { ticketLocator } from '../../descriptions';
import { gorgiasListAll } from '../../transport';
import { idParameter } from '../ticket/common';

export const option = {
	name: 'Get Many',
	description: 'List the messages of a ticket',
	action: 'Get many messages',
};

export const description: INodeProperties[] = [ticketLocator(), ...returnAllFields()];

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	return async () =>
		await gorgiasListAll.call(this, `/tickets/${ticketId}/messages`, {}, { limit, itemIndex });
}
