import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { tagFields, ticketLocator } from '../../descriptions';
import { gorgiasRequest } from '../../transport';
import { changeTags } from './common';

const properties: INodeProperties[] = [ticketLocator, ...tagFields];

const displayOptions = { show: { resource: ['ticket'], operation: ['removeTags'] } };

export const description = updateDisplayOptions(displayOptions, properties);

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
