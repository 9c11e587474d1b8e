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
import { macroDescription, macroOperations } from './actions/macro';
import { messageDescription, messageOperations } from './actions/message';
import {
	satisfactionSurveyDescription,
	satisfactionSurveyOperations,
} from './actions/satisfactionSurvey';
import { searchDescription, searchOperations } from './actions/search';
import { tagDescription, tagOperations } from './actions/tag';
import { teamDescription, teamOperations } from './actions/team';
import { ticketDescription, ticketOperations } from './actions/ticket';
import { userDescription, userOperations } from './actions/user';
import { viewDescription, viewOperations } from './actions/view';
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
			{ name: 'Macro', value: 'macro' },
			{ name: 'Message', value: 'message' },
			{ name: 'Satisfaction Survey', value: 'satisfactionSurvey' },
			{ name: 'Search', value: 'search' },
			{ name: 'Tag', value: 'tag' },
			{ name: 'Team', value: 'team' },
			{ name: 'Ticket', value: 'ticket' },
			{ name: 'User', value: 'user' },
			{ name: 'View', value: 'view' },
		],
		default: 'ticket',
	},
	...ticketDescription,
	...messageDescription,
	...customerDescription,
	...macroDescription,
	...viewDescription,
	...searchDescription,
	...userDescription,
	...teamDescription,
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
			'Create, route and answer tickets, apply macros and manage customers, tags and teams in the Gorgias e-commerce helpdesk',
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
				macro: macroOperations,
				view: viewOperations,
				search: searchOperations,
				user: userOperations,
				team: teamOperations,
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
