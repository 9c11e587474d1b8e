import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireString } from '../../../shared/validation';
import { gorgiasRequest } from '../../transport';
import { macroFieldOptions, macroFields } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Refund: confirmation',
		description: 'Name of the macro, as agents see it in the macro list',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: macroFieldOptions,
	},
];

const displayOptions = { show: { resource: ['macro'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const name = requireString(ctx, 'Name', this.getNodeParameter('name', itemIndex, ''));
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { name, ...macroFields(ctx, extra, 'Additional Fields') };
	return async () =>
		(await gorgiasRequest.call(this, 'POST', '/macros', {
			body,
			itemIndex,
			// A create is not repeated after a lost answer: it could create the macro twice.
			retrySafe: false,
		})) as IDataObject;
}
