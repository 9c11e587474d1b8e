import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../shared/router';
import { chatDescription, chatOperations } from './actions/chat';
import { chatMessageDescription, chatMessageOperations } from './actions/chatMessage';
import { tagDescription, tagOperations } from './actions/tag';
import { ticketDescription, ticketOperations } from './actions/ticket';
import { ticketingTeamDescription, ticketingTeamOperations } from './actions/ticketingTeam';
import { methods } from './methods';
import { simplifyTickets } from './simplify';
import { providerFor } from './transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Chat', value: 'chat' },
			{ name: 'Chat Message', value: 'chatMessage' },
			{ name: 'Tag', value: 'tag' },
			{ name: 'Ticket', value: 'ticket' },
			{ name: 'Ticketing Team', value: 'ticketingTeam' },
		],
		default: 'ticket',
	},
	...ticketDescription,
	...chatDescription,
	...chatMessageDescription,
	...tagDescription,
	...ticketingTeamDescription,
];

export class Zaia implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zaia',
		name: 'zaia',
		icon: { light: 'file:../../icons/zaia.svg', dark: 'file:../../icons/zaia.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Work with tickets that Zaia AI agents hand over to humans, and their chats',
		defaults: { name: 'Zaia' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zaiaApi', required: true }],
		properties,
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation.call(this, {
			resources: {
				ticket: ticketOperations,
				chat: chatOperations,
				chatMessage: chatMessageOperations,
				tag: tagOperations,
				ticketingTeam: ticketingTeamOperations,
			},
			properties,
			provider: providerFor,
			simplify: simplifyTickets,
		});
	}
}
