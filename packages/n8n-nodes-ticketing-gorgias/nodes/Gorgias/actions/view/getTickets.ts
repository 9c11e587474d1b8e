import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf } from '../../../shared/validation';
import { gorgiasListAll } from '../../transport';
import { idParameter } from '../ticket/common';
import { itemsOrderField, viewLocator } from './common';

const properties: INodeProperties[] = [viewLocator, ...returnAllFields, itemsOrderField];

const displayOptions = { show: { resource: ['view'], operation: ['getTickets'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const viewId = idParameter(this, itemIndex, 'viewId', 'View');
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const orderBy = this.getNodeParameter('orderBy', itemIndex, '') as string;
	const qs: IDataObject = orderBy ? { order_by: orderBy } : {};
	return async () =>
		await gorgiasListAll.call(this, `/views/${viewId}/items`, qs, { limit, itemIndex });
}
