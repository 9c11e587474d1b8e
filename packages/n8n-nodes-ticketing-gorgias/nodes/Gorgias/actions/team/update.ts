import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { itemContext } from '../../../shared/validation';
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
	if (Object.keys(body).length === 0) {
		throw invalidParameterError(
			ctx.node,
			'Update Fields',
			'choose at least one field to change',
			itemIndex,
		);
	}
	return async () =>
		(await gorgiasRequest.call(this, 'PUT', `/teams/${teamId}`, {
			body,
			itemIndex,
		})) as IDataObject;
}
