import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext, requireSomeField } from '../../../shared/validation';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { surveyFieldOptions, surveyFields, surveyLocator } from './common';

const properties: INodeProperties[] = [
	surveyLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: surveyFieldOptions,
	},
];

const displayOptions = { show: { resource: ['satisfactionSurvey'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const surveyId = idParameter(this, itemIndex, 'surveyId', 'Satisfaction Survey');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = surveyFields(ctx, fields, 'Update Fields');
	requireSomeField(ctx, body, 'Update Fields');
	return async () =>
		(await gorgiasRequest.call(this, 'PUT', `/satisfaction-surveys/${surveyId}`, {
			body,
			itemIndex,
		})) as IDataObject;
}
