import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { itemContext } from '../../../shared/validation';
import { customerModes, ticketLocator } from '../../descriptions';
import { gorgiasRequest } from '../../transport';
import { idParameter } from '../ticket/common';
import { surveyFieldOptions, surveyFields } from './common';

const properties: INodeProperties[] = [
	{ ...ticketLocator, description: 'The ticket the survey is about (one survey per ticket)' },
	{
		displayName: 'Customer',
		name: 'customerId',
		description: 'The customer asked to rate the ticket',
		required: true,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...customerModes,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: surveyFieldOptions,
	},
];

const displayOptions = { show: { resource: ['satisfactionSurvey'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		ticket_id: idParameter(this, itemIndex, 'ticketId', 'Ticket'),
		customer_id: idParameter(this, itemIndex, 'customerId', 'Customer'),
		...surveyFields(ctx, extra, 'Additional Fields'),
	};
	// A create is not repeated after a lost answer (the default for POST): it could run twice.
	return async () =>
		(await gorgiasRequest.call(this, 'POST', '/satisfaction-surveys', {
			body,
			itemIndex,
		})) as IDataObject;
}
