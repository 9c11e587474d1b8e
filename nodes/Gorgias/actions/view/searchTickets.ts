import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf, requireString } from '../../../shared/validation';
import { gorgiasListAll } from '../../transport';
import { itemsOrderField } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: 'e.g. refund',
		description: 'Text to find in tickets, as the search box of the Gorgias helpdesk finds it',
	},
	{
		displayName: 'Filter Expression',
		name: 'filterExpression',
		type: 'string',
		default: '',
		placeholder: "e.g. eq(ticket.status, 'open')",
		description:
			"Criteria in Gorgias' view filter syntax, as a view's filters are written; combine terms with &&",
	},
	...returnAllFields,
	itemsOrderField,
];

const displayOptions = { show: { resource: ['view'], operation: ['searchTickets'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

/** View 0 is Gorgias' ad-hoc view: the criteria travel in the body, no saved view is needed. */
const AD_HOC_VIEW_ITEMS = '/views/0/items';

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const text = (name: string, label: string) => {
		const value = this.getNodeParameter(name, itemIndex, '');
		return value === '' ? '' : requireString(ctx, label, value);
	};
	const search = text('search', 'Search');
	const filters = text('filterExpression', 'Filter Expression');
	if (!search && !filters) {
		throw invalidParameterError(
			ctx.node,
			'Search',
			'give a text to search for or a filter expression',
			itemIndex,
		);
	}
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const orderBy = this.getNodeParameter('orderBy', itemIndex, '') as string;
	const view: IDataObject = {
		type: 'ticket-list',
		...(search ? { search } : {}),
		...(filters ? { filters } : {}),
	};
	return async () =>
		await gorgiasListAll.call(this, AD_HOC_VIEW_ITEMS, orderBy ? { order_by: orderBy } : {}, {
			limit,
			itemIndex,
			search: { view },
		});
}
