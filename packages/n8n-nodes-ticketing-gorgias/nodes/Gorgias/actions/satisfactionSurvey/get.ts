import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { surveyLocator } from './common';

const properties: INodeProperties[] = [surveyLocator];

const displayOptions = { show: { resource: ['satisfactionSurvey'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const surveyId = idParameter(this, itemIndex, 'surveyId', 'Satisfaction Survey');
	return async () =>
		(await gorgiasRequest.call(this, 'GET', `/satisfaction-surveys/${surveyId}`, {
			itemIndex,
		})) as IDataObject;
}
