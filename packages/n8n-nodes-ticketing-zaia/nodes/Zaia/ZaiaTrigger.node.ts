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
import { backfillOption, maxPagesOption, pollOnce } from '../shared/trigger';
import { itemContext, requireUuidList, toList } from '../shared/validation';
import { chatMessagePollSource } from './chatTrigger';
import {
	channelTypesFilter,
	chatMessageTriggerProperties,
	simplifyField,
	tagIdsFilter,
} from './descriptions';
import { getTags } from './methods/loadOptions';
import { ZAIA_STATUSES } from './transport';
import { zaiaPollSource, type ZaiaTriggerEvent } from './trigger';
import { pollZaiaWaiting } from './waiting';
import {
	CUSTOMER_WAITING_EVENT,
	onlyOpenField,
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
				name: 'New Ticket',
				value: 'newTicket',
				description: 'A ticket was created (by an agent hand-over or a human)',
			},
			{
				name: 'Ticket Completed',
				value: 'ticketCompleted',
				description: 'A ticket was marked completed',
			},
			{
				name: 'Customer Waiting for a Reply',
				value: 'customerWaiting',
				description:
					"The customer's latest chat message on a ticket has gone unanswered for longer than a threshold (once per waiting episode)",
			},
			{
				name: 'New Chat Message',
				value: 'newChatMessage',
				description: 'A message was written in a watched chat (by default: customer messages)',
			},
		],
	},
	...chatMessageTriggerProperties,
	waitingMinutesField,
	secondLevelMinutesField,
	onlyOpenField,
	{
		...onlyUnassignedField,
		displayName: 'Only Tickets Not Taken Over',
		description: 'Whether to leave out tickets a human has taken over or been assigned',
	},
	{
		displayName: 'Statuses to Watch',
		name: 'statuses',
		type: 'multiOptions',
		default: ['pending', 'ongoing', 'completed'],
		description:
			'New tickets in these statuses are emitted (Zaia lists tickets one status at a time)',
		options: [
			{ name: 'Completed', value: 'completed' },
			{ name: 'Ongoing', value: 'ongoing' },
			{ name: 'Pending', value: 'pending' },
		],
		displayOptions: { show: { event: ['newTicket'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { hide: { event: ['newChatMessage', 'customerWaiting'] } },
		options: [
			{
				displayName: 'Assignee IDs',
				name: 'assigneeIds',
				type: 'string',
				default: '',
				description: 'Only tickets assigned to these users (comma-separated IDs)',
			},
			{ ...channelTypesFilter, description: 'Only tickets from chats on these channels' },
			tagIdsFilter,
			{
				displayName: 'Ticketing Team IDs',
				name: 'teamIds',
				type: 'string',
				default: '',
				description: 'Only tickets of these teams (comma-separated IDs)',
			},
		],
	},
	{ ...simplifyField, displayOptions: { hide: { event: ['newChatMessage'] } } },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxPagesOption, backfillOption],
	},
];

export class ZaiaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zaia Trigger',
		name: 'zaiaTrigger',
		icon: { light: 'file:../../icons/zaia.svg', dark: 'file:../../icons/zaia.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description:
			'Starts the workflow when Zaia agents hand a chat to humans, a ticket is completed, a customer waits for a reply, or a new chat message is written',
		defaults: { name: 'Zaia Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zaiaApi', required: true }],
		properties,
	};

	methods = { loadOptions: { getTags } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		checkTriggerParameters(this, properties);
		if (this.getNodeParameter('event', 'newTicket') === 'newChatMessage') {
			return await pollOnce.call(this, chatMessagePollSource(this));
		}
		if (this.getNodeParameter('event', 'newTicket') === CUSTOMER_WAITING_EVENT) {
			return await pollZaiaWaiting(this, waitingSettings(this, { hasStatus: true }), {
				simplify: this.getNodeParameter('simplify', false) as boolean,
				...pollOptions(this),
			});
		}
		const check = itemContext(this);
		const query: IDataObject = {};
		const assigneeIds = requireUuidList(check, 'Filters → Assignee IDs', filters.assigneeIds);
		if (assigneeIds.length) query.assigneeIds = assigneeIds;
		const tagIds = requireUuidList(check, 'Filters → Tag Names or IDs', filters.tagIds);
		if (tagIds.length) query.tagIds = tagIds;
		const statuses = toList(
			check,
			'Statuses to Watch',
			this.getNodeParameter('statuses', [...ZAIA_STATUSES]),
		);
		return await pollOnce.call(
			this,
			zaiaPollSource(this, {
				event: this.getNodeParameter('event', 'newTicket') as ZaiaTriggerEvent,
				statuses: statuses.length ? statuses : [...ZAIA_STATUSES],
				query,
				channelTypes: toList(check, 'Filters → Channel Types', filters.channelTypes),
				teamIds: requireUuidList(check, 'Filters → Ticketing Team IDs', filters.teamIds),
				simplify: this.getNodeParameter('simplify', false) as boolean,
			}),
		);
	}
}
