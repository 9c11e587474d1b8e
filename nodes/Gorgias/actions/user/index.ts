import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

export const userOperations = { create, get, getMany, update } satisfies OperationMap;

export const userDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Invite a user (agent) to the helpdesk',
				action: 'Create a user',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a user by ID or email',
				action: 'Get a user',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List users, by role, name or email',
				action: 'Get many users',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change fields of a user',
				action: 'Update a user',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...updateDisplayOptions(
		{ show: { resource: ['user'], operation: ['create', 'get', 'getMany', 'update'] } },
		[concurrencyOptions],
	),
];
