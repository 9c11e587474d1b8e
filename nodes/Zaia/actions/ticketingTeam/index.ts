import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as getMany from './getMany';

export const ticketingTeamOperations = { getMany } satisfies OperationMap;

export const ticketingTeamDescription: INodeProperties[] = [
	{
		displayName:
			"Zaia's API lists ticketing teams only: getting, creating or changing a team is not offered",
		name: 'notOfferedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['ticketingTeam'] } },
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ticketingTeam'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the ticketing teams of the workspace',
				action: 'Get many ticketing teams',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...updateDisplayOptions({ show: { resource: ['ticketingTeam'], operation: ['getMany'] } }, [
		concurrencyOptions,
	]),
];
