import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf } from '../../../shared/validation';
import { createdOrderField, ticketLocator } from '../../descriptions';
import { gorgiasListAll } from '../../transport';
import { optionalId } from '../ticket/common';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				...ticketLocator,
				required: false,
				description: 'Only the survey of this ticket (Gorgias keeps at most one per ticket)',
			},
		],
	},
	createdOrderField,
];

const displayOptions = { show: { resource: ['satisfactionSurvey'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const qs: IDataObject = {
		order_by: this.getNodeParameter('orderBy', itemIndex, 'created_datetime:desc') as string,
	};
	// Read by its path, so that n8n takes the ID out of a pasted ticket URL.
	const ticket = this.getNodeParameter('filters.ticketId', itemIndex, '', { extractValue: true });
	const ticketId = optionalId(this, itemIndex, ticket, 'Filters → Ticket');
	if (ticketId !== undefined) qs.ticket_id = ticketId;
	return async () =>
		await gorgiasListAll.call(this, '/satisfaction-surveys', qs, { limit, itemIndex });
}
