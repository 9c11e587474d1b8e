import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import { itemContext, limitOf, requireBoolean, requireString } from '../../../shared/validation';
import { customerModes, viewModes } from '../../descriptions';
import { gorgiasListAll } from '../../transport';
import { optionalId } from './common';

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
				displayName: 'Customer',
				name: 'customerId',
				description: 'Only tickets of this customer',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				...customerModes,
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Only the ticket with this external ID',
			},
			{
				displayName: 'Order By',
				name: 'orderBy',
				type: 'options',
				default: 'created_datetime:desc',
				options: [
					{ name: 'Created (Newest First)', value: 'created_datetime:desc' },
					{ name: 'Created (Oldest First)', value: 'created_datetime:asc' },
					{ name: 'Updated (Newest First)', value: 'updated_datetime:desc' },
					{ name: 'Updated (Oldest First)', value: 'updated_datetime:asc' },
				],
			},
			{
				displayName: 'Trashed',
				name: 'trashed',
				type: 'boolean',
				default: false,
				description: 'Whether to list trashed tickets instead of live ones',
			},
			{
				displayName: 'View',
				name: 'viewId',
				description:
					'Only tickets in this Gorgias view (filter by status, assignee or tags through a view)',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				...viewModes,
			},
		],
	},
];

const displayOptions = { show: { resource: ['ticket'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.orderBy !== undefined)
		qs.order_by = requireString(ctx, 'Filters → Order By', filters.orderBy);
	const customerId = optionalId(this, itemIndex, filters.customerId, 'Filters → Customer');
	if (customerId !== undefined) qs.customer_id = customerId;
	const viewId = optionalId(this, itemIndex, filters.viewId, 'Filters → View');
	if (viewId !== undefined) qs.view_id = viewId;
	if (typeof filters.externalId === 'string' && filters.externalId.trim())
		qs.external_id = filters.externalId.trim();
	if (filters.trashed !== undefined)
		qs.trashed = requireBoolean(ctx, 'Filters → Trashed', filters.trashed);
	return async () => await gorgiasListAll.call(this, '/tickets', qs, { limit, itemIndex });
}
