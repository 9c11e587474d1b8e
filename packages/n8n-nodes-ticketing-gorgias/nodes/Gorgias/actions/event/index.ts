import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as getMany from './getMany';

export const eventOperations = { getMany } satisfies OperationMap;

export const eventDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List what happened in the helpdesk, filtered by type, object, user and time',
				action: 'Get many events',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...updateDisplayOptions({ show: { resource: ['event'], operation: ['getMany'] } }, [
		concurrencyOptions,
	]),
];
