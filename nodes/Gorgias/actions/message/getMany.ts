import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { requireBoolean, requireInteger } from '../../../shared/validation';
import { gorgiasListAll } from '../../transport';
import { check, idParameter } from '../common';

const show = { show: { resource: ['message'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: show,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show.show, returnAll: [false] } },
	},
];

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = check(this, itemIndex);
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const returnAll = requireBoolean(
		ctx,
		'Return All',
		this.getNodeParameter('returnAll', itemIndex, false),
	);
	const limit = returnAll
		? undefined
		: requireInteger(ctx, 'Limit', this.getNodeParameter('limit', itemIndex, 50), { min: 1 });
	return async () =>
		await gorgiasListAll.call(this, `/tickets/${ticketId}/messages`, {}, { limit, itemIndex });
}
