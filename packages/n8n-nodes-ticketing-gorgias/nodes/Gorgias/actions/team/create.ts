import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireString } from '../../../shared/validation';
import { gorgiasRequest } from '../../transport';
import { teamFieldOptions, teamFields } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the team',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: teamFieldOptions,
	},
];

const displayOptions = { show: { resource: ['team'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const body: IDataObject = {
		name: requireString(ctx, 'Name', this.getNodeParameter('name', itemIndex, '')),
		...teamFields(
			ctx,
			this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
			'Additional Fields',
		),
	};
	return async () =>
		(await gorgiasRequest.call(this, 'POST', '/teams', {
			body,
			itemIndex,
			// Not repeated after a lost answer: it could create the team twice.
			retrySafe: false,
		})) as IDataObject;
}
