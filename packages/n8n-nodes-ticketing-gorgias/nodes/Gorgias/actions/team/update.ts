import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireSomeField } from '../../../shared/validation';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { teamFieldOptions, teamFields, teamLocator } from './common';

const properties: INodeProperties[] = [
	teamLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...teamFieldOptions,
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		],
	},
];

const displayOptions = { show: { resource: ['team'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const teamId = idParameter(this, itemIndex, 'teamId', 'Team');
	const body = teamFields(
		ctx,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		'Update Fields',
	);
	requireSomeField(ctx, body, 'Update Fields');
	return async () =>
		(await gorgiasRequest.call(this, 'PUT', `/teams/${teamId}`, {
			body,
			itemIndex,
		})) as IDataObject;
}
