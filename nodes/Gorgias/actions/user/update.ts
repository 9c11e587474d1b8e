import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireSomeField } from '../../../shared/validation';
import { gorgiasRequest } from '../../transport';
import { userIdOf } from '../ticket/common';
import { roleField, userFieldOptions, userFields, userLocator, userParameter } from './common';

const properties: INodeProperties[] = [
	userLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		// Email and password changes need the user's password, which a workflow should not hold.
		options: [
			...userFieldOptions,
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Full name' },
			roleField,
		],
	},
];

const displayOptions = { show: { resource: ['user'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const user = userParameter(this, itemIndex);
	const body = userFields(
		ctx,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		'Update Fields',
	);
	requireSomeField(ctx, body, 'Update Fields');
	return async () => {
		const userId = await userIdOf(this, itemIndex, user);
		return (await gorgiasRequest.call(this, 'PUT', `/users/${userId}`, {
			body,
			itemIndex,
		})) as IDataObject;
	};
}
