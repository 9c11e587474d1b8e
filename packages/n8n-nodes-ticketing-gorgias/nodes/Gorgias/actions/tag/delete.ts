import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { tagLocator } from './common';

const properties: INodeProperties[] = [
	{
		...tagLocator,
		description:
			'The tag to delete. Gorgias takes it off every ticket; it refuses a tag that macros or rules use.',
	},
];

const displayOptions = { show: { resource: ['tag'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const tagId = idParameter(this, itemIndex, 'tagId', 'Tag');
	return async () => {
		await gorgiasRequest.call(this, 'DELETE', `/tags/${tagId}`, { itemIndex });
		return { id: tagId, deleted: true };
	};
}
