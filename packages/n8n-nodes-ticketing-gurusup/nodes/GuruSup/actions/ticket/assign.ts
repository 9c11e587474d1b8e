import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { agentFields, externalIdField } from '../../descriptions';
import { GURUSUP_TICKETS_PATH, guruSupRequest } from '../../transport';
import { agentBody, idParameter, ticketObject } from './common';

const properties: INodeProperties[] = [externalIdField, ...agentFields];

const displayOptions = { show: { resource: ['ticket'], operation: ['assign'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

/** GuruSup has no assign endpoint: an update that sets only the agent fields. */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const body = {
		external_id: idParameter(this, itemIndex, 'externalId', 'Ticket External ID'),
		...agentBody(this, itemIndex),
		messages: [],
	};
	return async () =>
		ticketObject(
			await guruSupRequest.call(this, 'PUT', GURUSUP_TICKETS_PATH, {
				body,
				itemIndex,
			}),
		);
}
