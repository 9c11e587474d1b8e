import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { tagsField, ticketLocator } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { changeTags } from './common';

export const option = {
	name: 'Remove Tags',
	description: 'Detach one or more tags from a ticket',
	action: 'Remove tags from a ticket',
};

export const description: INodeProperties[] = [ticketLocator(), tagsField];

/** One output item per ticket with Zaia's message for every tag removed. */
export const prepare = changeTags('removed', async (context, ticketId, tagId, itemIndex) => {
	const answer = (await zaiaRequest.call(context, 'DELETE', `/tickets/${ticketId}/tags/${tagId}`, {
		itemIndex,
	})) as IDataObject;
	return { tagId, message: answer.message ?? null };
});
