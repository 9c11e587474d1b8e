import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../shared/router';
import { customerDescription, customerOperations } from './actions/customer';
import { eventDescription, eventOperations } from './actions/event';
import { messageDescription, messageOperations } from './actions/message';
import {
	satisfactionSurveyDescription,
	satisfactionSurveyOperations,
} from './actions/satisfactionSurvey';
import { tagDescription, tagOperations } from './actions/tag';
import { ticketDescription, ticketOperations } from './actions/ticket';
import { simplifyTickets } from './customFields';
import { authenticationProperty, gorgiasCredentials } from './descriptions';
import { methods } from './methods';
import { providerFor } from './transport';

const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Customer', value: 'customer' },
			{ name: 'Event', value: 'event' },
			{ name: 'Message', value: 'message' },
			{ name: 'Satisfaction Survey', value: 'satisfactionSurvey' },
			{ name: 'Tag', value: 'tag' },
			{ name: 'Ticket', value: 'ticket' },
		],
		default: 'ticket',
	},
	...ticketDescription,
	...messageDescription,
	...customerDescription,
	...tagDescription,
	...satisfactionSurveyDescription,
	...eventDescription,
];

export class Gorgias implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gorgias',
		name: 'gorgias',
		icon: { light: 'file:../../icons/gorgias.svg', dark: 'file:../../icons/gorgias.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Create, route and answer tickets and manage customers in the Gorgias e-commerce helpdesk',
		defaults: { name: 'Gorgias' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: gorgiasCredentials,
		properties,
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation.call(this, {
			resources: {
				ticket: ticketOperations,
				message: messageOperations,
				customer: customerOperations,
				tag: tagOperations,
				satisfactionSurvey: satisfactionSurveyOperations,
				event: eventOperations,
			},
			properties,
			provider: providerFor,
			simplify: simplifyTickets,
		});
	}
}
