import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireEmail, requireString } from '../../../shared/validation';
import { gorgiasRequest } from '../../transport';
import { roleField, userFieldOptions, userFields } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'Email the user logs in with',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Full name of the user',
	},
	{ ...roleField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: userFieldOptions,
	},
];

const displayOptions = { show: { resource: ['user'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const body: IDataObject = {
		email: requireEmail(ctx, 'Email', this.getNodeParameter('email', itemIndex, '')),
		name: requireString(ctx, 'Name', this.getNodeParameter('name', itemIndex, '')),
		role: { name: requireString(ctx, 'Role', this.getNodeParameter('role', itemIndex, 'agent')) },
		...userFields(
			ctx,
			this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
			'Additional Fields',
		),
	};
	return async () =>
		(await gorgiasRequest.call(this, 'POST', '/users', {
			body,
			itemIndex,
			// Not repeated after a lost answer: it could invite the user twice.
			retrySafe: false,
		})) as IDataObject;
}
