import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { tagLocator } from './common';

const properties: INodeProperties[] = [tagLocator];

const displayOptions = { show: { resource: ['tag'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const tagId = idParameter(this, itemIndex, 'tagId', 'Tag');
	return async () =>
		(await gorgiasRequest.call(this, 'GET', `/tags/${tagId}`, { itemIndex })) as IDataObject;
}
