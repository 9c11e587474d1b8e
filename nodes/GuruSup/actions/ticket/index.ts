import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, simplifyField } from '../../../shared/descriptions';
import type { ItemOperation } from '../../../shared/router';
import { externalIdField } from '../../descriptions';
import * as assign from './assign';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as takeOver from './takeOver';
import * as update from './update';

export const ticketOperations: Record<string, ItemOperation> = {
	assign,
	create,
	get,
	getMany,
	takeOver,
	update,
};

const show = (operations: string[]) => ({ show: { resource: ['ticket'], operation: operations } });

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
	...create.description,
	...update.description,
	externalIdField(
		['assign', 'get', 'takeOver'],
		'External ID the ticket was created with: GuruSup identifies tickets by it',
	),
	{
		displayName: 'Agent ID',
		name: 'agentId',
		type: 'string',
		default: '',
		description: 'ID of the agent; give at least one of ID, email and name',
		displayOptions: show(['assign', 'takeOver']),
	},
	{
		displayName: 'Agent Email',
		name: 'agentEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email of the agent',
		displayOptions: show(['assign', 'takeOver']),
	},
	{
		displayName: 'Agent Name',
		name: 'agentName',
		type: 'string',
		default: '',
		description: 'Display name of the agent',
		displayOptions: show(['assign', 'takeOver']),
	},
	...takeOver.description,
	...getMany.description,
	...get.description,
	...assign.description,
	simplifyField('GuruSup', Object.keys(ticketOperations)),
	concurrencyOptions('GuruSup', Object.keys(ticketOperations)),
];
