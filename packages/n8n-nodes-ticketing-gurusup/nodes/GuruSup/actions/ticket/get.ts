import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { externalIdField } from '../../descriptions';
import { GURUSUP_TICKETS_PATH, guruSupListAll } from '../../transport';
import { idParameter } from './common';

const properties: INodeProperties[] = [externalIdField];

const displayOptions = { show: { resource: ['ticket'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

/**
 * GuruSup documents no endpoint for one ticket: the listing is searched for the external ID.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const externalId = idParameter(this, itemIndex, 'externalId', 'Ticket External ID');
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
		return ticket;
	};
}
