import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { customerLocator } from './common';

const properties: INodeProperties[] = [customerLocator];

const displayOptions = { show: { resource: ['customer'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const customerId = idParameter(this, itemIndex, 'customerId', 'Customer');
	return async () =>
		(await gorgiasRequest.call(this, 'GET', `/customers/${customerId}`, {
			itemIndex,
		})) as IDataObject;
}
