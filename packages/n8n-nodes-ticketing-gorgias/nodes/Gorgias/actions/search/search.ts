import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireInteger, requireString } from '../../../shared/validation';
import { gorgiasSearch, SEARCH_MAX_SIZE } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'searchType',
		type: 'options',
		default: 'customer',
		description: 'What kind of record to find',
		options: [
			{ name: 'Agent', value: 'agent', description: 'Users of the helpdesk' },
			{ name: 'Customer', value: 'customer' },
			{ name: 'Customer by Phone', value: 'customers_by_phone' },
			{ name: 'Customer Channel', value: 'customer_channel' },
			{ name: 'Customer Email Address', value: 'customer_channel_email' },
			{ name: 'Customer Phone Number', value: 'customer_channel_phone' },
			{ name: 'Customer Profile', value: 'customer_profile' },
			{ name: 'Integration', value: 'integration' },
			{ name: 'Tag', value: 'tag' },
			{ name: 'Team', value: 'team' },
		],
	},
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: 'e.g. ana',
		description: 'Text to look for; empty finds the first records of the type',
	},
	{
		displayName: 'Max Results',
		name: 'size',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 10,
		description: 'How many records to return at most (Gorgias returns up to 50, in one page)',
	},
];

const displayOptions = { show: { resource: ['search'], operation: ['search'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const type = requireString(ctx, 'Type', this.getNodeParameter('searchType', itemIndex));
	const rawQuery = this.getNodeParameter('query', itemIndex, '');
	const query = rawQuery === '' ? '' : requireString(ctx, 'Query', rawQuery);
	const size = requireInteger(ctx, 'Max Results', this.getNodeParameter('size', itemIndex, 10), {
		min: 1,
		max: SEARCH_MAX_SIZE,
	});
	return async () => await gorgiasSearch.call(this, type, query, size, itemIndex);
}
