import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/router';
import { onTicket, ticketLocator } from '../../descriptions';
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

export const ticketOperations: Record<string, ItemOperation> = {
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
};

export const TICKET_RETURNING = [
	'assign',
	'complete',
	'create',
	'get',
	'getMany',
	'reopen',
	'takeOver',
	'update',
];

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
	ticketLocator(
		onTicket(Object.keys(ticketOperations).filter((name) => !['create', 'getMany'].includes(name))),
	),
	...create.description,
	...update.description,
	...getMany.description,
	...assign.description,
	...takeOver.description,
	...addTags.description,
	...removeTags.description,
	...replaceTags.description,
];
