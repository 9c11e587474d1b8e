import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { customerLocator } from './common';

export const option = {
	name: 'Get',
	description: 'Get a customer by ID',
	action: 'Get a customer',
};

export const description: INodeProperties[] = [customerLocator];

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const customerId = idParameter(this, itemIndex, 'customerId', 'Customer');
	return async () =>
		(await gorgiasRequest.call(this, 'GET', `/customers/${customerId}`, {
			itemIndex,
		})) as IDataObject;
}
