import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf } from '../../../shared/validation';
import { GURUSUP_TICKETS_PATH, guruSupListAll } from '../../transport';

const properties: INodeProperties[] = [...returnAllFields];

const displayOptions = { show: { resource: ['ticket'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	return async () =>
		await guruSupListAll.call(this, GURUSUP_TICKETS_PATH, {}, { limit, itemIndex });
}
