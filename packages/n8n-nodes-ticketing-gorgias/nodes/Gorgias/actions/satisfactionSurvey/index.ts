import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

export const satisfactionSurveyOperations = { create, get, getMany, update } satisfies OperationMap;

export const satisfactionSurveyDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['satisfactionSurvey'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create the satisfaction survey of a ticket',
				action: 'Create a satisfaction survey',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a satisfaction survey by ID',
				action: 'Get a satisfaction survey',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List satisfaction surveys, or find the one of a ticket',
				action: 'Get many satisfaction surveys',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the score, comment or sending of a survey',
				action: 'Update a satisfaction survey',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...updateDisplayOptions(
		{
			show: {
				resource: ['satisfactionSurvey'],
				operation: ['create', 'get', 'getMany', 'update'],
			},
		},
		[concurrencyOptions],
	),
];
