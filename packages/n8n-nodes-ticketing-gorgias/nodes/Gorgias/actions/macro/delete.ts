import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { macroLocator } from './common';

const properties: INodeProperties[] = [
	{ ...macroLocator, description: 'The macro to delete for good; Archive keeps it restorable' },
];

const displayOptions = { show: { resource: ['macro'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const macroId = idParameter(this, itemIndex, 'macroId', 'Macro');
	return async () => {
		// Gorgias answers 204 without a body.
		await gorgiasRequest.call(this, 'DELETE', `/macros/${macroId}`, { itemIndex });
		return { id: macroId, deleted: true };
	};
}
