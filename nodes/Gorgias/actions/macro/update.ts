import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireSomeField, requireString } from '../../../shared/validation';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { macroFieldOptions, macroFields, macroLocator } from './common';

const properties: INodeProperties[] = [
	macroLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...macroFieldOptions,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the macro',
			},
		],
	},
];

const displayOptions = { show: { resource: ['macro'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const macroId = idParameter(this, itemIndex, 'macroId', 'Macro');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	// Gorgias' update is partial: only the chosen fields are sent.
	const body: IDataObject = macroFields(ctx, fields, 'Update Fields');
	if (fields.name !== undefined)
		body.name = requireString(ctx, 'Update Fields → Name', fields.name);
	requireSomeField(ctx, body, 'Update Fields');
	return async () =>
		(await gorgiasRequest.call(this, 'PUT', `/macros/${macroId}`, {
			body,
			itemIndex,
		})) as IDataObject;
}
