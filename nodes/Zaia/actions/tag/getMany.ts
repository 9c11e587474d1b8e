import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf } from '../../../shared/validation';
import { zaiaListAll } from '../../transport';

const properties: INodeProperties[] = [...returnAllFields];

const displayOptions = { show: { resource: ['tag'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const limit = limitOf(itemContext(this, itemIndex), (name, fallback) =>
		this.getNodeParameter(name, itemIndex, fallback),
	);
	return async () => await zaiaListAll.call(this, '/tags', {}, { limit, itemIndex });
}
