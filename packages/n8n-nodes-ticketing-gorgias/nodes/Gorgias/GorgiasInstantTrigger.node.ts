import type {
	IHookFunctions,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { checkTriggerParameters } from '../shared/options';
import { authenticationProperty, gorgiasCredentials, simplifyField } from './descriptions';
import {
	createIntegrations,
	deleteIntegrations,
	integrationsExist,
	receive,
} from './instantTrigger';

const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName:
			"Activating the workflow creates one HTTP integration per event in Gorgias (this needs an admin's credential); deactivating deletes them. Each call must carry the secret the activation generated, anything else is answered 401. If Gorgias disables an integration after failed calls, deactivate and activate the workflow: the next call also emits the events missed meanwhile (up to 24 hours back).",
		name: 'integrationNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['ticket-created'],
		options: [
			{
				name: 'Ticket Created',
				value: 'ticket-created',
				description: 'A ticket was created',
			},
			{
				name: 'Ticket Message Created',
				value: 'ticket-message-created',
				description: 'A message or internal note was added to a ticket (emitted with the ticket)',
			},
			{
				name: 'Ticket Updated',
				value: 'ticket-updated',
				description: 'A ticket changed, including changes this workflow makes itself',
			},
		],
	},
	simplifyField,
];

export class GorgiasInstantTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gorgias Instant Trigger',
		name: 'gorgiasInstantTrigger',
		icon: { light: 'file:../../icons/gorgias.svg', dark: 'file:../../icons/gorgias.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow the moment Gorgias tickets are created or updated, or get a message',
		defaults: { name: 'Gorgias Instant Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: gorgiasCredentials,
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				checkTriggerParameters(this, properties);
				return await integrationsExist(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				checkTriggerParameters(this, properties);
				return await createIntegrations(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteIntegrations(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive(this);
	}
}
