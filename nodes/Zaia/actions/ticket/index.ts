import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/router';
import { concurrencyOptions, simplifyField } from '../../../shared/descriptions';
import { ticketLocator, userLocator } from '../../descriptions';
import * as addTags from './addTags';
import * as assign from './assign';
import * as complete from './complete';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as removeTags from './removeTags';
import * as takeOver from './takeOver';

export const ticketOperations: Record<string, ItemOperation> = {
	addTags,
	assign,
	complete,
	create,
	get,
	getMany,
	removeTags,
	takeOver,
};

const TICKET_RETURNING = ['assign', 'complete', 'create', 'get', 'getMany', 'takeOver'];

export const ticketDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ticket'] } },
		// Zaia has no generic update endpoint: assignee and stage change through Assign,
		// Take Over and Complete, so "Update" is deliberately not offered.
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
	ticketLocator(['addTags', 'assign', 'complete', 'get', 'removeTags', 'takeOver']),
	userLocator(
		'assigneeId',
		'Assignee',
		'The Zaia user (agent) who handles the ticket. Zaia has no user list, so the list shows assignees of recent tickets; any user ID can be entered "By ID".',
		['assign', 'create', 'takeOver'],
	),
	...create.description,
	...complete.description,
	...getMany.description,
	...addTags.description,
	...removeTags.description,
	...get.description,
	...assign.description,
	...takeOver.description,
	simplifyField('Zaia', TICKET_RETURNING),
	concurrencyOptions('Zaia', Object.keys(ticketOperations)),
];
