import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf, requireString } from '../../../shared/validation';
import { gorgiasListAll } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'refund',
				description: 'Only tags whose name contains this text (not case-sensitive)',
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'orderBy',
		type: 'options',
		default: 'created_datetime:desc',
		options: [
			{ name: 'Least Used First', value: 'usage:asc,name:asc' },
			{ name: 'Most Used First', value: 'usage:desc,name:desc' },
			{ name: 'Name (A to Z)', value: 'name:asc' },
			{ name: 'Name (Z to A)', value: 'name:desc' },
			{ name: 'Newest First', value: 'created_datetime:desc' },
			{ name: 'Oldest First', value: 'created_datetime:asc' },
		],
		description: 'Order of the tags; "used" counts the tickets carrying the tag',
	},
];

const displayOptions = { show: { resource: ['tag'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		order_by: this.getNodeParameter('orderBy', itemIndex, 'created_datetime:desc') as string,
	};
	if (filters.search !== undefined)
		qs.search = requireString(ctx, 'Filters → Search', filters.search);
	return async () => await gorgiasListAll.call(this, '/tags', qs, { limit, itemIndex });
}
