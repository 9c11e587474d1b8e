import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import { simplifyField } from '../../descriptions';
import * as addTags from './addTags';
import * as assign from './assign';
import * as complete from './complete';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as removeTags from './removeTags';
import * as takeOver from './takeOver';

export const ticketOperations = {
	addTags,
	assign,
	complete,
	create,
	get,
	getMany,
	removeTags,
	takeOver,
} satisfies OperationMap;

export const ticketDescription: INodeProperties[] = [
	{
		displayName:
			"Zaia's API has no endpoint to edit a ticket's fields, so Update is not offered: the assignee and the stage change through Assign, Take Over and Complete",
		name: 'notOfferedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['ticket'] } },
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ticket'] } },
		options: [
			{
				name: 'Add Tags',
				value: 'addTags',
				description: 'Attach one or more tags to a ticket',
				action: 'Add tags to a ticket',
			},
			{
				name: 'Assign',
				value: 'assign',
				description: 'Change the user a ticket is assigned to',
				action: 'Assign a ticket',
			},
			{
				name: 'Complete',
				value: 'complete',
				description: 'Mark a ticket as completed',
				action: 'Complete a ticket',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Open a ticket for a chat',
				action: 'Create a ticket',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a ticket with its details',
				action: 'Get a ticket',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List tickets by status and filters',
				action: 'Get many tickets',
			},
			{
				name: 'Remove Tags',
				value: 'removeTags',
				description: 'Detach one or more tags from a ticket',
				action: 'Remove tags from a ticket',
			},
			{
				name: 'Take Over',
				value: 'takeOver',
				description: 'Hand the chat from the AI agent to a human',
				action: 'Take over a ticket',
			},
		],
		default: 'get',
	},
	...addTags.description,
	...assign.description,
	...complete.description,
	...create.description,
	...get.description,
	...getMany.description,
	...removeTags.description,
	...takeOver.description,
	...updateDisplayOptions(
		{
			show: {
				resource: ['ticket'],
				operation: ['assign', 'complete', 'create', 'get', 'getMany', 'takeOver'],
			},
		},
		[simplifyField],
	),
	// An operation that sets its own pace (a batching Get) would ignore the user's number.
	...updateDisplayOptions(
		{
			show: {
				resource: ['ticket'],
				operation: [
					'addTags',
					'assign',
					'complete',
					'create',
					'get',
					'getMany',
					'removeTags',
					'takeOver',
				],
			},
		},
		[concurrencyOptions],
	),
];
