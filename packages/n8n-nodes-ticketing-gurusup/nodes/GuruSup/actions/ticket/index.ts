import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import { simplifyField } from '../../descriptions';
import * as assign from './assign';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as takeOver from './takeOver';
import * as update from './update';

export const ticketOperations = {
	assign,
	create,
	get,
	getMany,
	takeOver,
	update,
} satisfies OperationMap;

export const ticketDescription: INodeProperties[] = [
	{
		displayName:
			"GuruSup's API has no endpoints to complete or tag tickets, so those operations are not offered here",
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
				name: 'Assign',
				value: 'assign',
				description: 'Set the agent of a ticket',
				action: 'Assign a ticket',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a ticket with its messages',
				action: 'Create a ticket',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Find a ticket by its external ID',
				action: 'Get a ticket',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List tickets',
				action: 'Get many tickets',
			},
			{
				name: 'Take Over',
				value: 'takeOver',
				description: 'A human agent takes the ticket, optionally with a first message',
				action: 'Take over a ticket',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a ticket or add messages to it',
				action: 'Update a ticket',
			},
		],
		default: 'create',
	},
	...assign.description,
	...create.description,
	...get.description,
	...getMany.description,
	...takeOver.description,
	...update.description,
	...updateDisplayOptions(
		{
			show: {
				resource: ['ticket'],
				operation: ['assign', 'create', 'get', 'getMany', 'takeOver', 'update'],
			},
		},
		[simplifyField],
	),
	// An operation that sets its own pace (a batching Get) would ignore the user's number.
	...updateDisplayOptions(
		{
			show: {
				resource: ['ticket'],
				operation: ['assign', 'create', 'get', 'getMany', 'takeOver', 'update'],
			},
		},
		[concurrencyOptions],
	),
];
