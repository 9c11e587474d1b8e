import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import {
	itemContext,
	requireEmail,
	requireIsoDateTime,
	requirePhone,
	requireString,
	toList,
} from '../../../shared/validation';
import { customFieldEntries, customFieldsParameter, typedCustomFields } from '../../customFields';
import {
	assigneeTeamField,
	assigneeUserField,
	customerModes,
	externalIdField,
	metaField,
	priorityField,
	statusField,
	subjectField,
	userModes,
} from '../../descriptions';
import { gorgiasRequest } from '../../transport';
import {
	buildMessage,
	requirements,
	ticketEnvelope,
	type Direction,
	type MessageChannel,
} from '../message/common';
import { metaObject, optionalId, optionalUser, withAssigneeId } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		default: 'api',
		description: 'Channel of the first message; it decides which fields Gorgias needs',
		options: [
			{
				name: 'API',
				value: 'api',
				description: 'A message from a customer, through your integration',
			},
			{ name: 'Chat', value: 'chat', description: 'A chat conversation' },
			{ name: 'Email', value: 'email', description: 'An email, from or to the customer' },
			{ name: 'Internal Note', value: 'internal-note', description: 'A note only agents see' },
			{ name: 'Phone', value: 'phone', description: 'A phone call' },
			{ name: 'SMS', value: 'sms', description: 'A text message' },
		],
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		default: 'incoming',
		options: [
			{ name: 'Incoming (From the Customer)', value: 'incoming' },
			{ name: 'Outgoing (From an Agent to the Customer)', value: 'outgoing' },
		],
		displayOptions: { show: { channel: ['chat', 'email', 'phone', 'sms'] } },
	},
	{
		displayName: 'Customer',
		name: 'customer',
		description:
			'An existing customer the ticket is about; leave empty to name the customer by email instead',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...customerModes,
	},
	{
		displayName: 'Customer Email',
		name: 'customerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description:
			'The customer the ticket is about (Gorgias attaches every ticket to a customer and creates new ones). Needed unless a Customer is chosen; email tickets and outgoing chats always need it, as the address.',
	},
	{
		displayName: 'Customer Phone',
		name: 'customerPhone',
		type: 'string',
		placeholder: '+14155550100',
		default: '',
		description: "The customer's phone number",
		displayOptions: { show: { channel: ['phone', 'sms'] } },
	},
	{
		displayName: 'Support Email',
		name: 'supportEmail',
		type: 'string',
		placeholder: 'support@yourshop.com',
		default: '',
		description: 'Your helpdesk address that received (or sends) the email',
		displayOptions: { show: { channel: ['email'] } },
	},
	{
		displayName: 'Support Phone Number',
		name: 'supportPhone',
		type: 'string',
		placeholder: '+14155550199',
		default: '',
		description: 'Your helpdesk number that received (or sends) the call or text',
		displayOptions: { show: { channel: ['phone', 'sms'] } },
	},
	{
		displayName: 'Sender (User)',
		name: 'senderUser',
		description: 'The Gorgias user who writes the note or message',
		displayOptions: { show: { channel: ['internal-note'] } },
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...userModes,
	},
	{
		displayName: 'Sender (User)',
		name: 'senderUser',
		description: 'The Gorgias user who writes the message',
		displayOptions: {
			show: { channel: ['chat', 'email', 'phone', 'sms'], direction: ['outgoing'] },
		},
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...userModes,
	},
	{
		displayName: 'Message',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'Text of the first message',
	},
	customFieldsParameter('Values of the ticket custom fields of your account'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			assigneeTeamField,
			assigneeUserField,
			externalIdField,
			{
				displayName: 'HTML Message',
				name: 'bodyHtml',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'HTML version of the message; by default the text, escaped',
			},
			metaField,
			priorityField,
			{
				displayName: 'Sent At (Import)',
				name: 'sentDatetime',
				type: 'dateTime',
				default: '',
				description:
					'For imports: when set, Gorgias stores the message as sent at that time and does not send it',
			},
			statusField,
			subjectField,
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				description:
					'Tag names, comma-separated or a list from an expression; new names are created',
			},
		],
	},
];

const displayOptions = { show: { resource: ['ticket'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function optionalText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ctx = itemContext(this, itemIndex);
	const channel = requireString(
		ctx,
		'Channel',
		this.getNodeParameter('channel', itemIndex, 'api'),
	) as MessageChannel;
	const hasDirection = ['chat', 'email', 'phone', 'sms'].includes(channel);
	const direction = (
		hasDirection ? this.getNodeParameter('direction', itemIndex, 'incoming') : 'incoming'
	) as Direction;
	const needs = requirements(channel, direction);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

	const param = (name: string) => this.getNodeParameter(name, itemIndex, '') as unknown;
	const customerId = optionalId(this, itemIndex, param('customer'), 'Customer');
	// The address is part of the message on email, and of outgoing chats.
	const needsAddress = channel === 'email' || (channel === 'chat' && direction === 'outgoing');
	const customerEmail =
		customerId === undefined || needsAddress || optionalText(param('customerEmail')) !== undefined
			? requireEmail(ctx, 'Customer Email', param('customerEmail'))
			: undefined;
	const customerPhone = needs.customerPhone
		? requirePhone(ctx, 'Customer Phone', param('customerPhone'))
		: undefined;
	const supportAddress = !needs.supportAddress
		? undefined
		: channel === 'email'
			? requireEmail(ctx, 'Support Email', param('supportEmail'))
			: requirePhone(ctx, 'Support Phone Number', param('supportPhone'));
	const senderUserId = needs.senderUser
		? optionalId(this, itemIndex, param('senderUser'), 'Sender (User)')
		: undefined;
	if (needs.senderUser && senderUserId === undefined) {
		throw invalidParameterError(
			ctx.node,
			'Sender (User)',
			'choose the Gorgias user who writes it',
			itemIndex,
		);
	}
	const subject = optionalText(extra.subject);
	const message = buildMessage({
		channel,
		direction,
		bodyText: requireString(ctx, 'Message', param('body')),
		bodyHtml: optionalText(extra.bodyHtml),
		subject,
		customerEmail,
		customerId,
		customerPhone,
		supportAddress,
		senderUserId,
		sentDatetime:
			optionalText(extra.sentDatetime) === undefined
				? undefined
				: requireIsoDateTime(ctx, 'Additional Fields → Sent At (Import)', extra.sentDatetime),
	});

	const body: IDataObject = { ...ticketEnvelope(message), messages: [message] };
	body.customer = customerId !== undefined ? { id: customerId } : { email: customerEmail };
	if (subject) body.subject = subject;
	if (extra.status !== undefined)
		body.status = requireString(ctx, 'Additional Fields → Status', extra.status);
	if (extra.priority !== undefined)
		body.priority = requireString(ctx, 'Additional Fields → Priority', extra.priority);
	const externalId = optionalText(extra.externalId);
	if (externalId) body.external_id = externalId;
	const tags = toList(ctx, 'Additional Fields → Tags', extra.tags);
	if (tags.length) body.tags = tags.map((name) => ({ name }));
	const meta = metaObject(ctx, 'Additional Fields → Meta', extra.meta);
	if (meta) body.meta = meta;
	const user = optionalUser(
		this,
		itemIndex,
		extra.assigneeUser,
		'Additional Fields → Assignee User',
	);
	if (user !== undefined) body.assignee_user = user;
	const teamId = optionalId(
		this,
		itemIndex,
		extra.assigneeTeam,
		'Additional Fields → Assignee Team',
	);
	if (teamId !== undefined) body.assignee_team = { id: teamId };

	const customFields = customFieldEntries(
		ctx,
		this.getNodeParameter('customFields', itemIndex, {}),
	);

	return async () => {
		const values = (await typedCustomFields(this, ctx, customFields)).filter(
			(entry) => entry.value !== null,
		);
		// Not repeated after a lost answer (it could create twice); a 429 is retried, as
		// Gorgias rejects over-limit calls without processing them.
		const ticket = await withAssigneeId(this, itemIndex, body);
		return (await gorgiasRequest.call(this, 'POST', '/tickets', {
			body: values.length
				? { ...ticket, custom_fields: values as unknown as IDataObject[] }
				: ticket,
			itemIndex,
			retrySafe: false,
		})) as IDataObject;
	};
}
