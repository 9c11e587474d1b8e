import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { limitOf } from '../../../shared/validation';
import { listTickets } from '../../transport';
import { ticketOutputs } from './common';

const show = { resource: ['ticket'], operation: ['getMany'] };

export const description: INodeProperties[] = returnAllFields(show);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = { node: this.getNode(), itemIndex };
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	return async () => {
		const tickets = await listTickets.call(this, { limit, itemIndex });
		return ticketOutputs(this, itemIndex, tickets);
	};
}
