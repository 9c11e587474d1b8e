import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireSomeField } from '../../../shared/validation';
import { idParameter } from '../ticket/common';
import {
	customerFieldOptions,
	customerFields,
	customerLocator,
	optionalEmail,
	saveCustomer,
} from './common';

const properties: INodeProperties[] = [
	customerLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'New primary email; Gorgias refuses one another customer has',
			},
			...customerFieldOptions,
		],
	},
];

const displayOptions = { show: { resource: ['customer'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const customerId = idParameter(this, itemIndex, 'customerId', 'Customer');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const email = optionalEmail(ctx, 'Update Fields → Email', fields.email);
	// `channels` is left alone: a sent list would replace all of the customer's channels.
	const body: IDataObject = {
		...(email ? { email } : {}),
		...customerFields(ctx, fields, 'Update Fields'),
	};
	requireSomeField(ctx, body, 'Update Fields');
	return async () =>
		await saveCustomer(this, itemIndex, {
			method: 'PUT',
			path: `/customers/${customerId}`,
			body,
			email,
		});
}
