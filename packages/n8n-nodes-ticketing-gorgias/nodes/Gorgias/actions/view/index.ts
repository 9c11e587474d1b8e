import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import { simplifyField } from '../../descriptions';
import * as get from './get';
import * as getMany from './getMany';
import * as getTickets from './getTickets';
import * as searchTickets from './searchTickets';

export const viewOperations = { get, getMany, getTickets, searchTickets } satisfies OperationMap;

export const viewDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['view'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a view by ID',
				action: 'Get a view',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the views of the account',
				action: 'Get many views',
			},
			{
				name: 'Get Tickets',
				value: 'getTickets',
				description: 'List the tickets in a view',
				action: 'Get tickets in a view',
			},
			{
				name: 'Search Tickets',
				value: 'searchTickets',
				description: 'Find tickets by text and/or filter, without saving a view',
				action: 'Search tickets',
			},
		],
		default: 'getTickets',
	},
	...get.description,
	...getMany.description,
	...getTickets.description,
	...searchTickets.description,
	...updateDisplayOptions(
		{ show: { resource: ['view'], operation: ['getTickets', 'searchTickets'] } },
		[simplifyField],
	),
	...updateDisplayOptions(
		{ show: { resource: ['view'], operation: ['get', 'getMany', 'getTickets', 'searchTickets'] } },
		[concurrencyOptions],
	),
];
