import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { idParameter } from '../ticket/common';
import { changeArchived, macroLocator } from './common';

const properties: INodeProperties[] = [macroLocator];

const displayOptions = { show: { resource: ['macro'], operation: ['unarchive'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Every item starts at once so all their macros meet in the same bulk calls. */
export const concurrency = Number.POSITIVE_INFINITY;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const macroId = idParameter(this, itemIndex, 'macroId', 'Macro');
	return async () => await changeArchived(this, itemIndex, 'unarchive', macroId);
}
