import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/router';
import { ticketLocator } from '../../descriptions';
import * as create from './create';
import * as getMany from './getMany';

export const messageOperations: Record<string, ItemOperation> = { create, getMany };

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
	ticketLocator({ show: { resource: ['message'] } }),
	...create.description,
	...getMany.description,
];
