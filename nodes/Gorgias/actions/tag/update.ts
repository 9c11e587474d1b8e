import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireSomeField } from '../../../shared/validation';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { tagFieldOptions, tagFields, tagLocator, tagName } from './common';

const properties: INodeProperties[] = [
	tagLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...tagFieldOptions,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name; every ticket carrying the tag shows it',
			},
		],
	},
];

const displayOptions = { show: { resource: ['tag'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const tagId = idParameter(this, itemIndex, 'tagId', 'Tag');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		...(fields.name === undefined
			? {}
			: { name: tagName(ctx, 'Update Fields → Name', fields.name) }),
		...tagFields(ctx, fields, 'Update Fields'),
	};
	requireSomeField(ctx, body, 'Update Fields');
	return async () =>
		(await gorgiasRequest.call(this, 'PUT', `/tags/${tagId}`, { body, itemIndex })) as IDataObject;
}
