import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as create from './create';
import * as getMany from './getMany';

export const tagOperations = { create, getMany } satisfies OperationMap;

export const tagDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a tag',
				action: 'Create a tag',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the tags of the workspace',
				action: 'Get many tags',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...getMany.description,
	...updateDisplayOptions({ show: { resource: ['tag'], operation: ['create', 'getMany'] } }, [
		concurrencyOptions,
	]),
];
