import type { INodeProperties } from 'n8n-workflow';

import { tagFields, ticketLocator } from '../../descriptions';
import { gorgiasRequest } from '../../transport';
import { changeTags } from './common';

export const option = {
	name: 'Replace Tags',
	description: 'Set the exact tags of a ticket',
	action: 'Replace tags of a ticket',
};

export const description: INodeProperties[] = [ticketLocator(), ...tagFields()];

/** Tag sets converge (the same change sent again leaves the same tags): safe to repeat. */
export const prepare = changeTags(
	'replaced',
	async (context, ticketId, tags, itemIndex) =>
		await gorgiasRequest.call(context, 'PUT', `/tickets/${ticketId}/tags`, {
			body: tags,
			itemIndex,
			retrySafe: true,
		}),
);
