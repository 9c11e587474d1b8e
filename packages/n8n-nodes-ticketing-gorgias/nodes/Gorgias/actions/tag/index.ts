import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as create from './create';
import * as deleteTag from './delete';
import * as get from './get';
import * as getMany from './getMany';
import * as merge from './merge';
import * as update from './update';

export const tagOperations = {
	create,
	delete: deleteTag,
	get,
	getMany,
	merge,
	update,
} satisfies OperationMap;

export const tagDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a tag', action: 'Create a tag' },
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a tag and take it off every ticket',
				action: 'Delete a tag',
			},
			{ name: 'Get', value: 'get', description: 'Get a tag by ID', action: 'Get a tag' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List tags, or search them by name',
				action: 'Get many tags',
			},
			{
				name: 'Merge',
				value: 'merge',
				description: 'Merge tags into one: their tickets get it, then they are deleted',
				action: 'Merge tags',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a tag or change its color or description',
				action: 'Update a tag',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...deleteTag.description,
	...get.description,
	...getMany.description,
	...merge.description,
	...update.description,
	...updateDisplayOptions(
		{
			show: {
				resource: ['tag'],
				operation: ['create', 'delete', 'get', 'getMany', 'merge', 'update'],
			},
		},
		[concurrencyOptions],
	),
];
