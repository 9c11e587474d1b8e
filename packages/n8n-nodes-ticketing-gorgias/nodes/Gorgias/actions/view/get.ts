import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { viewLocator } from './common';

const properties: INodeProperties[] = [viewLocator];

const displayOptions = { show: { resource: ['view'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const viewId = idParameter(this, itemIndex, 'viewId', 'View');
	return async () =>
		(await gorgiasRequest.call(this, 'GET', `/views/${viewId}`, { itemIndex })) as IDataObject;
}
