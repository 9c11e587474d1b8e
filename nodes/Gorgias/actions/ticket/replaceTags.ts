import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { tagFields } from '../../descriptions';
import { gorgiasRequest } from '../../transport';
import { idParameter, tagSelection } from '../common';

export const description: INodeProperties[] = tagFields(['replaceTags']);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const tags = tagSelection(this, itemIndex);
	return async () => {
		await gorgiasRequest.call(this, 'PUT', `/tickets/${ticketId}/tags`, {
			body: tags,
			itemIndex,
			// Tag sets converge: sending the same change again leaves the same tags.
			retrySafe: true,
		});
		return { ticketId, replaced: tags };
	};
}
