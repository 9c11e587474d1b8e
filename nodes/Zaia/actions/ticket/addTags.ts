import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { tagsField } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { tagIdsParameter, uuidParameter, withTagProgress } from './common';

export const description: INodeProperties[] = [tagsField(['addTags'])];

/** One output item per ticket: the attachments Zaia confirmed, in the order given. */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = uuidParameter(this, itemIndex, 'ticketId', 'Ticket');
	const tagIds = tagIdsParameter(this, itemIndex);
	return async () => {
		const added: IDataObject[] = [];
		for (const tagId of tagIds) {
			try {
				// Not repeated on failure: whether a lost answer attached the tag is unknown.
				const attachment = await zaiaRequest.call(this, 'POST', `/tickets/${ticketId}/tags`, {
					body: { tagId },
					itemIndex,
					retrySafe: false,
				});
				added.push(attachment as IDataObject);
			} catch (error) {
				throw withTagProgress(
					error,
					added.map((entry) => String(entry.tagId)),
					'added',
				);
			}
		}
		return { ticketId, added };
	};
}
