import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { limitOf } from '../../../shared/validation';
import { gorgiasListAll } from '../../transport';
import { check, idParameter } from '../common';

const show = { show: { resource: ['message'], operation: ['getMany'] } };

export const description: INodeProperties[] = returnAllFields(show.show);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = check(this, itemIndex);
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	return async () =>
		await gorgiasListAll.call(this, `/tickets/${ticketId}/messages`, {}, { limit, itemIndex });
}
