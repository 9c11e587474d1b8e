import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as search from './search';

export const searchOperations = { search } satisfies OperationMap;

export const searchDescription: INodeProperties[] = [
	{
		displayName:
			'Gorgias search finds agents, customers, teams, tags and integrations, not tickets: to find tickets by text use View → Search Tickets',
		name: 'notOfferedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['search'] } },
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['search'] } },
		options: [
			{
				name: 'Search',
				value: 'search',
				description: 'Find records of one type by name, email or phone',
				action: 'Search records',
			},
		],
		default: 'search',
	},
	...search.description,
	...updateDisplayOptions({ show: { resource: ['search'], operation: ['search'] } }, [
		concurrencyOptions,
	]),
];
