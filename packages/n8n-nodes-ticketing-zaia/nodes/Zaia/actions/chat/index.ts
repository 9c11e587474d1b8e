import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as get from './get';
import * as getMany from './getMany';

export const chatOperations = { get, getMany } satisfies OperationMap;

export const chatDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chat'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a chat with its details and latest messages',
				action: 'Get a chat',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List chats by channel, customer and time of the latest message',
				action: 'Get many chats',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...updateDisplayOptions({ show: { resource: ['chat'], operation: ['get', 'getMany'] } }, [
		concurrencyOptions,
	]),
];
