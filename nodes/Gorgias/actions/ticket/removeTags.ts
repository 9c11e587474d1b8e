import type { INodeProperties } from 'n8n-workflow';

import { tagFields, ticketLocator } from '../../descriptions';
import { gorgiasRequest } from '../../transport';
import { changeTags } from './common';

export const option = {
	name: 'Remove Tags',
	description: 'Remove tags from a ticket',
	action: 'Remove tags from a ticket',
};

export const description: INodeProperties[] = [ticketLocator(), ...tagFields()];

/** Tag sets converge (the same change sent again leaves the same tags): safe to repeat. */
export const prepare = changeTags(
	'removed',
	async (context, ticketId, tags, itemIndex) =>
		await gorgiasRequest.call(context, 'DELETE', `/tickets/${ticketId}/tags`, {
			body: tags,
			itemIndex,
			retrySafe: true,
		}),
);
