import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, toList } from '../../../shared/validation';
import { gorgiasRequest } from '../../transport';
import { idParameter, requireGorgiasId } from '../ticket/common';
import { tagLocator } from './common';

const properties: INodeProperties[] = [
	{
		...tagLocator,
		displayName: 'Into Tag',
		description: 'The tag that stays: tickets of the merged tags get this one',
	},
	{
		displayName: 'Tags to Merge Names or IDs',
		name: 'sourceTagIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTags' },
		required: true,
		default: [],
		description:
			'Tags merged into the tag above, then deleted. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

const displayOptions = { show: { resource: ['tag'], operation: ['merge'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const tagId = idParameter(this, itemIndex, 'tagId', 'Into Tag');
	const label = 'Tags to Merge Names or IDs';
	const sources = toList(ctx, label, this.getNodeParameter('sourceTagIds', itemIndex, [])).map(
		(id) => requireGorgiasId(ctx, label, id),
	);
	if (sources.length === 0)
		throw invalidParameterError(ctx.node, label, 'pick at least one tag to merge', itemIndex);
	if (sources.includes(tagId))
		throw invalidParameterError(
			ctx.node,
			label,
			`tag ${tagId} cannot be merged into itself`,
			itemIndex,
		);
	return async () =>
		(await gorgiasRequest.call(this, 'PUT', `/tags/${tagId}/merge`, {
			body: { source_tags_ids: sources },
			itemIndex,
			// The sources are gone once merged: a repeat after a lost answer would fail on them.
			retrySafe: false,
		})) as IDataObject;
}
