import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

export const customerOperations = { create, get, getMany, update } satisfies OperationMap;

export const customerDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a customer',
				action: 'Create a customer',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a customer by ID',
				action: 'Get a customer',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List customers, or find them by email or external ID',
				action: 'Get many customers',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change fields of a customer',
				action: 'Update a customer',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	// An operation that sets its own pace (a batching Get) would ignore the user's number.
	...updateDisplayOptions(
		{ show: { resource: ['customer'], operation: ['create', 'get', 'getMany', 'update'] } },
		[concurrencyOptions],
	),
];
