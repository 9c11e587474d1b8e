import type { INodeProperties } from 'n8n-workflow';

import { tagFields, ticketLocator } from '../../descriptions';
import { gorgiasRequest } from '../../transport';
import { changeTags } from './common';

export const option = {
	name: 'Add Tags',
	description: 'Add tags to a ticket, creating new names',
	action: 'Add tags to a ticket',
};

export const description: INodeProperties[] = [ticketLocator(), ...tagFields()];

/** Tag sets converge (the same change sent again leaves the same tags): safe to repeat. */
export const prepare = changeTags(
	'added',
	async (context, ticketId, tags, itemIndex) =>
		await gorgiasRequest.call(context, 'POST', `/tickets/${ticketId}/tags`, {
			body: tags,
			itemIndex,
			retrySafe: true,
		}),
);
