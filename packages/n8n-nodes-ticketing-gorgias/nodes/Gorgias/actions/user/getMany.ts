import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/execute';
import {
	itemContext,
	limitOf,
	requireBoolean,
	requireEmail,
	requireString,
	toList,
} from '../../../shared/validation';
import { gorgiasListAll } from '../../transport';

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
				displayName: 'Available First',
				name: 'availableFirst',
				type: 'boolean',
				default: false,
				description: 'Whether to list the users who are available first',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only the user with this email',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Only the user with this ID in your own system',
			},
			{
				displayName: 'Order By',
				name: 'orderBy',
				type: 'options',
				default: 'name:asc',
				options: [
					{ name: 'Created (Newest First)', value: 'created_datetime:desc' },
					{ name: 'Created (Oldest First)', value: 'created_datetime:asc' },
					{ name: 'Email (A-Z)', value: 'email:asc' },
					{ name: 'Email (Z-A)', value: 'email:desc' },
					{ name: 'Name (A-Z)', value: 'name:asc' },
					{ name: 'Name (Z-A)', value: 'name:desc' },
					{ name: 'Role (A-Z)', value: 'role.name:asc' },
					{ name: 'Role (Z-A)', value: 'role.name:desc' },
				],
			},
			{
				displayName: 'Roles',
				name: 'roles',
				type: 'multiOptions',
				default: [],
				description: 'Only users with one of these roles',
				options: [
					{ name: 'Admin', value: 'admin' },
					{ name: 'Agent', value: 'agent' },
					{ name: 'Basic Agent', value: 'basic-agent' },
					{ name: 'Bot', value: 'bot' },
					{ name: 'Internal Agent', value: 'internal-agent' },
					{ name: 'Lite Agent', value: 'lite-agent' },
					{ name: 'Observer Agent', value: 'observer-agent' },
				],
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Only users whose name or email contains this text',
			},
		],
	},
];

const displayOptions = { show: { resource: ['user'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const limit = limitOf(ctx, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const label = (name: string) => `Filters → ${name}`;
	const qs: IDataObject = {};
	if (filters.orderBy !== undefined)
		qs.order_by = requireString(ctx, label('Order By'), filters.orderBy);
	const roles = toList(ctx, label('Roles'), filters.roles);
	// Repeated keys (roles=admin&roles=agent), as Gorgias reads array parameters.
	if (roles.length) qs.roles = roles;
	if (filters.email !== undefined) qs.email = requireEmail(ctx, label('Email'), filters.email);
	if (filters.externalId !== undefined)
		qs.external_id = requireString(ctx, label('External ID'), filters.externalId);
	if (filters.search !== undefined) qs.search = requireString(ctx, label('Search'), filters.search);
	if (filters.availableFirst !== undefined)
		qs.available_first = requireBoolean(ctx, label('Available First'), filters.availableFirst);
	return async () => await gorgiasListAll.call(this, '/users', qs, { limit, itemIndex });
}
