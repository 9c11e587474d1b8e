import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collection } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireEmail, requirePhone } from '../../../shared/validation';
import { customerFieldOptions, customerFields, saveCustomer } from './common';

export const option = {
	name: 'Create',
	description: 'Create a customer',
	action: 'Create a customer',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'Primary email of the customer; Gorgias refuses one another customer has',
	},
	collection('Additional Fields', 'additionalFields', 'Add Field', [
		...customerFieldOptions,
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			placeholder: '+14155550100',
			default: '',
			description: 'Added as a phone channel of the customer',
		},
	]),
];

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
