import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf, requireString } from '../../../shared/validation';
import { gorgiasListAll } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Order By',
		name: 'orderBy',
		type: 'options',
		default: 'created_datetime:desc',
		options: [
			{ name: 'Created (Newest First)', value: 'created_datetime:desc' },
			{ name: 'Created (Oldest First)', value: 'created_datetime:asc' },
		],
	},
];

const displayOptions = { show: { resource: ['view'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const orderBy = requireString(
		ctx,
		'Order By',
		this.getNodeParameter('orderBy', itemIndex, 'created_datetime:desc'),
	);
	return async () =>
		await gorgiasListAll.call(this, '/views', { order_by: orderBy }, { limit, itemIndex });
}
