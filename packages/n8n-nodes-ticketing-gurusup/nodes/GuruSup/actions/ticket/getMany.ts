import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf } from '../../../shared/validation';
import { GURUSUP_TICKETS_PATH, guruSupListAll } from '../../transport';
import { ticketOutputs } from './common';

export const option = {
	name: 'Get Many',
	description: 'List tickets',
	action: 'Get many tickets',
};

export const description: INodeProperties[] = returnAllFields();

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	return async () => {
		const tickets = await guruSupListAll.call(this, GURUSUP_TICKETS_PATH, {}, { limit, itemIndex });
		return ticketOutputs(this, itemIndex, tickets);
	};
}
