import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../shared/router';
import { ticketDescription, ticketOperations } from './actions/ticket';
import { methods } from './methods';
import { simplifyTickets } from './simplify';
import { providerFor } from './transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Ticket', value: 'ticket' }],
		default: 'ticket',
	},
	...ticketDescription,
];

export class GuruSup implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GuruSup',
		name: 'guruSup',
		icon: { light: 'file:../../icons/gurusup.svg', dark: 'file:../../icons/gurusup.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create, update and assign tickets in the GuruSup AI support inbox',
		defaults: { name: 'GuruSup' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'guruSupApi', required: true }],
		properties,
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation.call(this, {
			resources: { ticket: ticketOperations },
			properties,
			provider: providerFor,
			simplify: simplifyTickets,
		});
	}
}
