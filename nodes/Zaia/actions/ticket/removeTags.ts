import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { tagsField } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { tagIdsParameter, uuidParameter, withTagProgress } from './common';

export const description: INodeProperties[] = [tagsField(['removeTags'])];

/** One output item per ticket with Zaia's message for every tag removed. */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = uuidParameter(this, itemIndex, 'ticketId', 'Ticket');
	const tagIds = tagIdsParameter(this, itemIndex);
	return async () => {
		const removed: IDataObject[] = [];
		for (const tagId of tagIds) {
			try {
				const answer = await zaiaRequest.call(
					this,
					'DELETE',
					`/tickets/${ticketId}/tags/${tagId}`,
					{
						itemIndex,
					},
				);
				removed.push({ tagId, message: (answer as IDataObject).message ?? null });
			} catch (error) {
				throw withTagProgress(
					error,
					removed.map((entry) => String(entry.tagId)),
					'removed',
				);
			}
		}
		return { ticketId, removed };
	};
}
