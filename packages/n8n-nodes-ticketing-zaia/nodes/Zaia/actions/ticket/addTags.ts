import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { tagsField, ticketLocator } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { changeTags } from './common';

export const option = {
	name: 'Add Tags',
	description: 'Attach one or more tags to a ticket',
	action: 'Add tags to a ticket',
};

export const description: INodeProperties[] = [ticketLocator(), tagsField];

/** One output item per ticket: the attachments Zaia confirmed, in the order given. */
export const prepare = changeTags(
	'added',
	async (context, ticketId, tagId, itemIndex) =>
		// Not repeated on failure: whether a lost answer attached the tag is unknown.
		(await zaiaRequest.call(context, 'POST', `/tickets/${ticketId}/tags`, {
			body: { tagId },
			itemIndex,
			retrySafe: false,
		})) as IDataObject,
);
