import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as getMany from './getMany';

export const chatMessageOperations = { getMany } satisfies OperationMap;

export const chatMessageDescription: INodeProperties[] = [
	{
		displayName:
			"Zaia's API documents no usable way to post a message into a chat (the path, fields and delivery of its create-message call are not published), so sending a message is not offered",
		name: 'notOfferedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['chatMessage'] } },
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chatMessage'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "Read the messages of a chat or of a ticket's chat, oldest first",
				action: 'Get many chat messages',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...updateDisplayOptions({ show: { resource: ['chatMessage'], operation: ['getMany'] } }, [
		concurrencyOptions,
	]),
];
