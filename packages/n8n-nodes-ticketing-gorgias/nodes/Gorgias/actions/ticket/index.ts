import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import { simplifyField } from '../../descriptions';
import * as addTags from './addTags';
import * as assign from './assign';
import * as complete from './complete';
import * as create from './create';
import * as deleteTicket from './delete';
import * as get from './get';
import * as getMany from './getMany';
import * as removeTags from './removeTags';
import * as reopen from './reopen';
import * as replaceTags from './replaceTags';
import * as takeOver from './takeOver';
import * as update from './update';

export const ticketOperations = {
	addTags,
	assign,
	complete,
	create,
	delete: deleteTicket,
	get,
	getMany,
	removeTags,
	reopen,
	replaceTags,
	takeOver,
	update,
} satisfies OperationMap;

export const ticketDescription: INodeProperties[] = [
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
				description: 'Add tags to a ticket, creating new names',
				action: 'Add tags to a ticket',
			},
			{
				name: 'Assign',
				value: 'assign',
				description: 'Assign a ticket to a user and/or team',
				action: 'Assign a ticket',
			},
			{
				name: 'Complete',
				value: 'complete',
				description: 'Close a ticket',
				action: 'Complete a ticket',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a ticket with its first message',
				action: 'Create a ticket',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a ticket for good',
				action: 'Delete a ticket',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one or more tickets by ID',
				action: 'Get a ticket',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List tickets',
				action: 'Get many tickets',
			},
			{
				name: 'Remove Tags',
				value: 'removeTags',
				description: 'Remove tags from a ticket',
				action: 'Remove tags from a ticket',
			},
			{
				name: 'Reopen',
				value: 'reopen',
				description: 'Open a closed ticket again',
				action: 'Reopen a ticket',
			},
			{
				name: 'Replace Tags',
				value: 'replaceTags',
				description: 'Set the exact tags of a ticket',
				action: 'Replace tags of a ticket',
			},
			{
				name: 'Take Over',
				value: 'takeOver',
				description: 'A user takes a ticket from automation',
				action: 'Take over a ticket',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change fields of a ticket',
				action: 'Update a ticket',
			},
		],
		default: 'get',
	},
	...addTags.description,
	...assign.description,
	...complete.description,
	...create.description,
	...deleteTicket.description,
	...get.description,
	...getMany.description,
	...removeTags.description,
	...reopen.description,
	...replaceTags.description,
	...takeOver.description,
	...update.description,
	...updateDisplayOptions(
		{
			show: {
				resource: ['ticket'],
				operation: [
					'assign',
					'complete',
					'create',
					'get',
					'getMany',
					'reopen',
					'takeOver',
					'update',
				],
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
					'delete',
					'getMany',
					'removeTags',
					'reopen',
					'replaceTags',
					'takeOver',
					'update',
				],
			},
		},
		[concurrencyOptions],
	),
];
