import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { externalIdField } from '../../descriptions';
import { GURUSUP_TICKETS_PATH, guruSupListAll } from '../../transport';
import { ticketExternalId, ticketOutput } from './common';

export const option = {
	name: 'Get',
	description: 'Find a ticket by its external ID',
	action: 'Get a ticket',
};

export const description: INodeProperties[] = [
	externalIdField('External ID the ticket was created with: GuruSup identifies tickets by it'),
];

export const returnsTickets = true;

/**
 * GuruSup documents no endpoint for one ticket: the listing is searched for the external ID.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const externalId = ticketExternalId(this, itemIndex);
	return async () => {
		const tickets = await guruSupListAll.call(this, GURUSUP_TICKETS_PATH, {}, { itemIndex });
		const ticket = tickets.find((candidate) => String(candidate.external_id) === externalId);
		if (!ticket) {
			throw new NodeOperationError(
				this.getNode(),
				`No GuruSup ticket has the external ID "${externalId}"`,
				{
					itemIndex,
					description: `Looked through all ${tickets.length} tickets GuruSup listed.`,
				},
			);
		}
		return ticketOutput(this, itemIndex, ticket);
	};
}
