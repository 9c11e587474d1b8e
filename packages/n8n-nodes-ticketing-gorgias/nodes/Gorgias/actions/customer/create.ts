import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireEmail, requirePhone } from '../../../shared/validation';
import { customerFieldOptions, customerFields, saveCustomer } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'Primary email of the customer; Gorgias refuses one another customer has',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...customerFieldOptions,
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				placeholder: '+14155550100',
				default: '',
				description: 'Added as a phone channel of the customer',
			},
		],
	},
];

const displayOptions = { show: { resource: ['customer'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const email = requireEmail(ctx, 'Email', this.getNodeParameter('email', itemIndex, ''));
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	// Gorgias lists `channels` as required: the email is the preferred one.
	const channels: IDataObject[] = [{ type: 'email', address: email, preferred: true }];
	if (extra.phone !== undefined) {
		channels.push({
			type: 'phone',
			address: requirePhone(ctx, 'Additional Fields → Phone', extra.phone),
			preferred: false,
		});
	}
	const body: IDataObject = {
		email,
		...customerFields(ctx, extra, 'Additional Fields'),
		channels,
	};
	return async () =>
		await saveCustomer(this, itemIndex, { method: 'POST', path: '/customers', body, email });
}
