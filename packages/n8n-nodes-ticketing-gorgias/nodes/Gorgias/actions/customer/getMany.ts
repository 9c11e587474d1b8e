import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf, requireString } from '../../../shared/validation';
import { gorgiasListAll } from '../../transport';
import { optionalEmail } from './common';

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
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only the customer whose primary email this is',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Only the customer with this ID in your own system',
			},
		],
	},
];

const displayOptions = { show: { resource: ['customer'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const email = optionalEmail(ctx, 'Filters → Email', filters.email);
	if (email) qs.email = email;
	if (filters.externalId !== undefined)
		qs.external_id = requireString(ctx, 'Filters → External ID', filters.externalId);
	return async () => await gorgiasListAll.call(this, '/customers', qs, { limit, itemIndex });
}
