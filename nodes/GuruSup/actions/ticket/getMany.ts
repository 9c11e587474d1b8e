import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { requireBoolean, requireInteger } from '../../../shared/validation';
import { listTickets } from '../../transport';
import { ticketOutput } from './common';

const show = { resource: ['ticket'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
];

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = { node: this.getNode(), itemIndex };
	const returnAll = requireBoolean(
		ctx,
		'Return All',
		this.getNodeParameter('returnAll', itemIndex, false),
	);
	const limit = returnAll
		? undefined
		: requireInteger(ctx, 'Limit', this.getNodeParameter('limit', itemIndex, 50), { min: 1 });
	return async () => {
		const tickets = await listTickets.call(this, { limit, itemIndex });
		return tickets.map((ticket) => ticketOutput(this, itemIndex, ticket));
	};
}
