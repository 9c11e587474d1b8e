import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext } from '../../../shared/validation';
import { gorgiasRequest } from '../../transport';
import { tagFieldOptions, tagFields, tagName } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'vip',
		description: 'Name of the tag (case-sensitive, at most 256 characters)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: tagFieldOptions,
	},
];

const displayOptions = { show: { resource: ['tag'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		name: tagName(ctx, 'Name', this.getNodeParameter('name', itemIndex, '')),
		...tagFields(ctx, extra, 'Additional Fields'),
	};
	// A create is not repeated after a lost answer (the default for POST): it could run twice.
	return async () =>
		(await gorgiasRequest.call(this, 'POST', '/tags', { body, itemIndex })) as IDataObject;
}
