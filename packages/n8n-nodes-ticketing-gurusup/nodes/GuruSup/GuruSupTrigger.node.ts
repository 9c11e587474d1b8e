import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { checkTriggerParameters } from '../shared/options';
import { backfillOption, pollOnce } from '../shared/trigger';
import { itemContext, toList } from '../shared/validation';
import { simplifyField } from './descriptions';
import { guruSupPollSource } from './trigger';
import { pollGuruSupWaiting } from './waiting';
import {
	CUSTOMER_WAITING_EVENT,
	onlyUnassignedField,
	pollOptions,
	secondLevelMinutesField,
	waitingMinutesField,
	waitingSettings,
} from '../shared/waiting';

const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		default: 'newTicket',
		options: [
			{
				name: 'Customer Waiting for a Reply',
				value: 'customerWaiting',
				description:
					"The customer's latest message has gone unanswered for longer than a threshold (once per waiting episode)",
			},
			{ name: 'New Ticket', value: 'newTicket', description: 'A ticket appeared in the inbox' },
		],
		description:
			'GuruSup documents no status or update time: new tickets, and waits read from the messages of each ticket',
	},
	waitingMinutesField,
	secondLevelMinutesField,
	onlyUnassignedField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { hide: { event: ['customerWaiting'] } },
		options: [
			{
				displayName: 'Agent IDs',
				name: 'agentIds',
				type: 'string',
				default: '',
				description: 'Only tickets handled by these agents (comma-separated agent IDs)',
			},
		],
	},
	simplifyField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [backfillOption],
	},
];

export class GuruSupTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GuruSup Trigger',
		name: 'guruSupTrigger',
		icon: { light: 'file:../../icons/gurusup.svg', dark: 'file:../../icons/gurusup.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description:
			'Starts the workflow when a new ticket appears in GuruSup, or a customer waits for a reply',
		defaults: { name: 'GuruSup Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'guruSupApi', required: true }],
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		checkTriggerParameters(this, properties);
		if (this.getNodeParameter('event', 'newTicket') === CUSTOMER_WAITING_EVENT) {
			return await pollGuruSupWaiting(this, waitingSettings(this, { hasStatus: false }), {
				simplify: this.getNodeParameter('simplify', false) as boolean,
				backfillHours: pollOptions(this).backfillHours,
			});
		}
		const check = itemContext(this);
		return await pollOnce.call(
			this,
			guruSupPollSource(this, {
				agentIds: toList(check, 'Filters → Agent IDs', filters.agentIds),
				simplify: this.getNodeParameter('simplify', false) as boolean,
			}),
		);
	}
}
