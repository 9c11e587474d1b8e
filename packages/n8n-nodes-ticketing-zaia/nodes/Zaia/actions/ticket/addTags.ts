import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { tagsField, ticketLocator } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { changeTags } from './common';

const properties: INodeProperties[] = [ticketLocator, tagsField];

const displayOptions = { show: { resource: ['ticket'], operation: ['addTags'] } };

export const description = updateDisplayOptions(displayOptions, properties);

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
