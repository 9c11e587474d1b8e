import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as apply from './apply';
import * as archive from './archive';
import * as create from './create';
import * as deleteMacro from './delete';
import * as get from './get';
import * as getMany from './getMany';
import * as unarchive from './unarchive';
import * as update from './update';

export const macroOperations = {
	apply,
	archive,
	create,
	delete: deleteMacro,
	get,
	getMany,
	unarchive,
	update,
} satisfies OperationMap;

export const macroDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['macro'] } },
		options: [
			{
				name: 'Apply to Tickets',
				value: 'apply',
				description:
					'Apply a macro to the ticket of each item through Gorgias jobs, and wait for them',
				action: 'Apply a macro to tickets',
			},
			{
				name: 'Archive',
				value: 'archive',
				description: 'Archive a macro (agents no longer see it; it can be restored)',
				action: 'Archive a macro',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a macro',
				action: 'Create a macro',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a macro for good',
				action: 'Delete a macro',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a macro by ID',
				action: 'Get a macro',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List or search macros, optionally ranked for a ticket',
				action: 'Get many macros',
			},
			{
				name: 'Unarchive',
				value: 'unarchive',
				description: 'Restore an archived macro',
				action: 'Unarchive a macro',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change fields of a macro',
				action: 'Update a macro',
			},
		],
		default: 'get',
	},
	...apply.description,
	...archive.description,
	...create.description,
	...deleteMacro.description,
	...get.description,
	...getMany.description,
	...unarchive.description,
	...update.description,
	// Operations that set their own pace (batched Archive, Unarchive and Apply) have no Options.
	...updateDisplayOptions(
		{ show: { resource: ['macro'], operation: ['create', 'delete', 'get', 'getMany', 'update'] } },
		[concurrencyOptions],
	),
];
