import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

export const teamOperations = { create, get, getMany, update } satisfies OperationMap;

export const teamDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['team'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a team',
				action: 'Create a team',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a team and its members by ID',
				action: 'Get a team',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the teams of the account',
				action: 'Get many teams',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name, description or members of a team',
				action: 'Update a team',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...updateDisplayOptions(
		{ show: { resource: ['team'], operation: ['create', 'get', 'getMany', 'update'] } },
		[concurrencyOptions],
	),
];
