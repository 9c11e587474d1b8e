import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { macroLocator } from './common';

const properties: INodeProperties[] = [macroLocator];

const displayOptions = { show: { resource: ['macro'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const macroId = idParameter(this, itemIndex, 'macroId', 'Macro');
	return async () =>
		(await gorgiasRequest.call(this, 'GET', `/macros/${macroId}`, { itemIndex })) as IDataObject;
}
