import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gurusupRequest } from '../../transport';
import { agentFields, ticketExternalId, ticketOutput } from './common';

export const description: INodeProperties[] = [];

/** GuruSup has no assign endpoint: an update that sets only the agent fields. */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const body = {
		external_id: ticketExternalId(this, itemIndex),
		...agentFields(this, itemIndex),
		messages: [],
	};
	return async () => {
		const ticket = await gurusupRequest.call(this, 'PUT', { body, itemIndex });
		return ticketOutput(this, itemIndex, ticket);
	};
}
