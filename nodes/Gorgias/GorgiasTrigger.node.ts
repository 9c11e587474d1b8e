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
import { itemContext, requireInteger, toList } from '../shared/validation';
import { invalidParameterError } from '../shared/errors';
import {
	CUSTOMER_WAITING_EVENT,
	onlyOpenField,
	onlyUnassignedField,
	pollOptions,
	secondLevelMinutesField,
	waitingMinutesField,
	waitingSettings,
} from '../shared/waiting';
import {
	authenticationProperty,
	eventTypesField,
	gorgiasCredentials,
	simplifyField,
} from './descriptions';
import { gorgiasEventPollSource, gorgiasPollSource, type GorgiasTriggerEvent } from './trigger';
import { pollGorgiasWaiting } from './waiting';

const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		default: 'newTicket',
		options: [
			{
				name: 'Any Event',
				value: 'anyEvent',
				description:
					'An event of the chosen types happened, e.g. a satisfaction survey was answered (the event is emitted)',
			},
			{
				name: 'Customer Waiting for a Reply',
				value: 'customerWaiting',
				description:
					"The customer's latest message has gone unanswered for longer than a threshold (once per waiting episode)",
			},
			{ name: 'New Ticket', value: 'newTicket', description: 'A ticket was created' },
			{ name: 'Ticket Closed', value: 'ticketClosed', description: 'A ticket was closed' },
			{
				name: 'Ticket Updated',
				value: 'ticketUpdated',
				description: 'A ticket changed (its latest state is emitted)',
			},
		],
	},
	waitingMinutesField,
	secondLevelMinutesField,
	onlyOpenField,
	onlyUnassignedField,
	{
		...eventTypesField,
		required: true,
		description:
			'Events of these types start the workflow, each once. Satisfaction Survey Responded: a customer answered a survey (the survey is added under satisfaction_survey).',
		displayOptions: { show: { event: ['anyEvent'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { hide: { event: ['anyEvent', 'customerWaiting'] } },
		options: [
			{
				displayName: 'Assignee User IDs',
				name: 'assigneeUserIds',
				type: 'string',
				default: '',
				description: 'Only tickets assigned to these users (comma-separated IDs)',
			},
			{
				displayName: 'Channels',
				name: 'channels',
				type: 'string',
				default: '',
				placeholder: 'email, chat',
				description: 'Only tickets on these channels (comma-separated channel names)',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{ name: 'Closed', value: 'closed' },
					{ name: 'Open', value: 'open' },
				],
				default: [],
				description: 'Only tickets whose current status is one of these',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				description: 'Only tickets with at least one of these tag names (comma-separated)',
			},
			{
				displayName: 'Team IDs',
				name: 'teamIds',
				type: 'string',
				default: '',
				description: 'Only tickets assigned to these teams (comma-separated IDs)',
			},
		],
	},
	{ ...simplifyField, displayOptions: { hide: { event: ['anyEvent'] } } },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxPagesOption, backfillOption],
	},
];

export class GorgiasTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gorgias Trigger',
		name: 'gorgiasTrigger',
		icon: { light: 'file:../../icons/gorgias.svg', dark: 'file:../../icons/gorgias.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description:
			'Starts the workflow when Gorgias tickets are created, updated or closed, a customer waits for a reply, or on any Gorgias event such as an answered satisfaction survey',
		defaults: { name: 'Gorgias Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: gorgiasCredentials,
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		checkTriggerParameters(this, properties);
		if (this.getNodeParameter('event', 'newTicket') === CUSTOMER_WAITING_EVENT) {
			return await pollGorgiasWaiting(this, waitingSettings(this, { hasStatus: true }), {
				simplify: this.getNodeParameter('simplify', false) as boolean,
				...pollOptions(this),
			});
		}
		const check = itemContext(this);
		const event = this.getNodeParameter('event', 'newTicket') as GorgiasTriggerEvent | 'anyEvent';
		if (event === 'anyEvent') {
			const types = toList(check, 'Event Types', this.getNodeParameter('eventTypes', []));
			if (types.length === 0)
				throw invalidParameterError(check.node, 'Event Types', 'choose at least one event type', 0);
			return await pollOnce.call(this, gorgiasEventPollSource(this, types));
		}
		const ids = (label: string, value: unknown) =>
			toList(check, `Filters → ${label}`, value).map((id) =>
				requireInteger(check, `Filters → ${label}`, id, { min: 1 }),
			);
		return await pollOnce.call(
			this,
			gorgiasPollSource(this, {
				event,
				statuses: toList(check, 'Filters → Statuses', filters.statuses),
				channels: toList(check, 'Filters → Channels', filters.channels),
				assigneeUserIds: ids('Assignee User IDs', filters.assigneeUserIds),
				teamIds: ids('Team IDs', filters.teamIds),
				tags: toList(check, 'Filters → Tags', filters.tags),
				simplify: this.getNodeParameter('simplify', false) as boolean,
			}),
		);
	}
}
