import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { concurrencyOptions, simplifyField } from '../shared/descriptions';
import { routeOperation } from '../shared/router';
import { messageDescription, messageOperations } from './actions/message';
import { ticketDescription, ticketOperations, TICKET_RETURNING } from './actions/ticket';
import { authenticationProperty, gorgiasCredentials } from './descriptions';
import { getTags } from './methods/loadOptions';
import {
	searchCustomers,
	searchTeams,
	searchTickets,
	searchUsers,
	searchViews,
} from './methods/listSearch';

export class Gorgias implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gorgias',
		name: 'gorgias',
		icon: { light: 'file:../../icons/gorgias.svg', dark: 'file:../../icons/gorgias.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create, route and answer tickets in the Gorgias e-commerce helpdesk',
		defaults: { name: 'Gorgias' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: gorgiasCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Message', value: 'message' },
					{ name: 'Ticket', value: 'ticket' },
				],
				default: 'ticket',
			},
			...ticketDescription,
			...messageDescription,
			simplifyField('Gorgias', TICKET_RETURNING),
			concurrencyOptions('Gorgias', Object.keys(ticketOperations)),
			{
				...concurrencyOptions('Gorgias', []),
				displayOptions: { show: { resource: ['message'] } },
			},
		],
	};

	methods = {
		listSearch: { searchCustomers, searchTeams, searchTickets, searchUsers, searchViews },
		loadOptions: { getTags },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation.call(this, {
			ticket: ticketOperations,
			message: messageOperations,
		});
	}
}
