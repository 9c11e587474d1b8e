import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import {
	assumeUtc,
	itemContext,
	limitOf,
	requireIsoDateTime,
	toList,
} from '../../../shared/validation';
import { createdOrderField, eventTypesField } from '../../descriptions';
import { gorgiasListAll } from '../../transport';
import { requireGorgiasId } from '../ticket/common';

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
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only events at or after this time (UTC when no offset is given)',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only events before this time (UTC when no offset is given)',
			},
			eventTypesField,
			{
				displayName: 'Object ID',
				name: 'objectId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12345',
				description: 'Only events of this object (e.g. a ticket ID, with Object Type Ticket)',
			},
			{
				displayName: 'Object Type',
				name: 'objectType',
				type: 'options',
				default: 'Ticket',
				options: [
					{ name: 'Account', value: 'Account' },
					{ name: 'Customer', value: 'Customer' },
					{ name: 'Integration', value: 'Integration' },
					{ name: 'Macro', value: 'Macro' },
					{ name: 'Rule', value: 'Rule' },
					{ name: 'Satisfaction Survey', value: 'SatisfactionSurvey' },
					{ name: 'Tag', value: 'Tag' },
					{ name: 'Team', value: 'Team' },
					{ name: 'Ticket', value: 'Ticket' },
					{ name: 'Ticket Message', value: 'TicketMessage' },
					{ name: 'User', value: 'User' },
					{ name: 'View', value: 'View' },
					{ name: 'Widget', value: 'Widget' },
				],
				description: 'Only events about this kind of object',
			},
			{
				displayName: 'User IDs',
				name: 'userIds',
				type: 'string',
				default: '',
				placeholder: '12, 34',
				description: 'Only events caused by these users (comma-separated IDs)',
			},
		],
	},
	createdOrderField,
];

const displayOptions = { show: { resource: ['event'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		order_by: this.getNodeParameter('orderBy', itemIndex, 'created_datetime:desc') as string,
	};
	const types = toList(ctx, 'Filters → Event Types', filters.eventTypes);
	// Repeated keys (`types=a&types=b`), as Gorgias reads a list.
	if (types.length) qs.types = types;
	if (filters.objectType !== undefined) qs.object_type = filters.objectType;
	if (filters.objectId !== undefined && filters.objectId !== '')
		qs.object_id = requireGorgiasId(ctx, 'Filters → Object ID', filters.objectId);
	const users = toList(ctx, 'Filters → User IDs', filters.userIds).map((id) =>
		requireGorgiasId(ctx, 'Filters → User IDs', id),
	);
	if (users.length) qs.user_ids = users;
	const dates: Array<[name: string, key: string, label: string]> = [
		['createdAfter', 'created_datetime[gte]', 'Created After'],
		['createdBefore', 'created_datetime[lt]', 'Created Before'],
	];
	for (const [name, key, label] of dates) {
		if (filters[name] === undefined || filters[name] === '') continue;
		qs[key] = assumeUtc(requireIsoDateTime(ctx, `Filters → ${label}`, filters[name]));
	}
	return async () => await gorgiasListAll.call(this, '/events', qs, { limit, itemIndex });
}
