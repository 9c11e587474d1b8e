import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as create from './create';
import * as getMany from './getMany';

export const messageOperations = { create, getMany } satisfies OperationMap;

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Reply to the customer or add an internal note',
				action: 'Create a message',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the messages of a ticket',
				action: 'Get many messages',
			},
		],
		default: 'create',
	},
	...create.description,
	...getMany.description,
	// An operation that sets its own pace (a batching Get) would ignore the user's number.
	...updateDisplayOptions({ show: { resource: ['message'], operation: ['create', 'getMany'] } }, [
		concurrencyOptions,
	]),
];
