import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { tagsField, ticketLocator } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { changeTags } from './common';

const properties: INodeProperties[] = [ticketLocator, tagsField];

const displayOptions = { show: { resource: ['ticket'], operation: ['removeTags'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** One output item per ticket with Zaia's message for every tag removed. */
export const prepare = changeTags('removed', async (context, ticketId, tagId, itemIndex) => {
	const answer = (await zaiaRequest.call(context, 'DELETE', `/tickets/${ticketId}/tags/${tagId}`, {
		itemIndex,
	})) as IDataObject;
	return { tagId, message: answer.message ?? null };
});
