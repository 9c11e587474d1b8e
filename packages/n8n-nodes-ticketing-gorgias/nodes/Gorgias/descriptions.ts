import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { tagPicker } from '../shared/descriptions';
import { idMode, listMode } from '../shared/locator';

/** Gorgias ids are positive integers. */
export const NUMERIC_ID = '^[1-9][0-9]*$';

export function numericIdMode(what: string): INodePropertyMode {
	return idMode('e.g. 12345', NUMERIC_ID, `Not a valid ${what} ID (a whole number)`);
}

/** A ticket: picked, typed, or pasted as the helpdesk URL of the ticket. */
export function ticketLocator(): INodeProperties {
	return {
		displayName: 'Ticket',
		name: 'ticketId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The ticket to work on',
		modes: [
			listMode('searchTickets'),
			numericIdMode('ticket'),
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://acme.gorgias.com/app/ticket/12345',
				extractValue: { type: 'regex', regex: 'gorgias\\.com/app/ticket/([0-9]+)' },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: 'https?://[a-z0-9-]+\\.gorgias\\.com/app/ticket/[0-9]+.*',
							errorMessage: 'Not a Gorgias ticket URL',
						},
					},
				],
			},
		],
	};
}

/** A user, team, tag, customer or view picked from Gorgias or typed by ID. */
export function lookupLocator(options: {
	name: string;
	displayName: string;
	description: string;
	method: string;
	what: string;
	required?: boolean;
	displayOptions?: INodeProperties['displayOptions'];
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? false,
		description: options.description,
		...(options.displayOptions ? { displayOptions: options.displayOptions } : {}),
		modes: [listMode(options.method), numericIdMode(options.what)],
	};
}

export const TICKET_STATUSES = [
	{ name: 'Closed', value: 'closed' },
	{ name: 'Open', value: 'open' },
];

export const PRIORITIES = [
	{ name: 'Critical', value: 'critical' },
	{ name: 'High', value: 'high' },
	{ name: 'Low', value: 'low' },
	{ name: 'Normal', value: 'normal' },
];

/** Tags by name (created when new) and/or picked from the account's tags. */
export function tagFields(): INodeProperties[] {
	return [
		{
			displayName: 'Tag Names',
			name: 'tagNames',
			type: 'string',
			default: '',
			placeholder: 'vip, refund',
			description:
				'Comma-separated names, or a list from an expression. Unknown names are created when adding.',
		},
		tagPicker('Tags of the account'),
	];
}

/** Ticket fields that Create and Update both offer, defined once. */
export const ticketFieldOptions = {
	assigneeTeam: lookupLocator({
		name: 'assigneeTeam',
		displayName: 'Assignee Team',
		description: 'Team to assign',
		method: 'searchTeams',
		what: 'team',
	}),
	assigneeUser: lookupLocator({
		name: 'assigneeUser',
		displayName: 'Assignee User',
		description: 'User to assign',
		method: 'searchUsers',
		what: 'user',
	}),
	externalId: {
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: 'ID of the ticket in your own system',
	} as INodeProperties,
	meta: {
		displayName: 'Meta',
		name: 'meta',
		type: 'json',
		default: '{}',
		description: 'Free key/value data stored on the ticket',
	} as INodeProperties,
	priority: {
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: PRIORITIES,
		default: 'normal',
	} as INodeProperties,
	status: {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: TICKET_STATUSES,
		default: 'open',
	} as INodeProperties,
	subject: {
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
	} as INodeProperties,
};

/** Assign's options and two of Update's fields: take the user or team off the ticket. */
export const unassignFields: INodeProperties[] = [
	{
		displayName: 'Unassign Team',
		name: 'unassignTeam',
		type: 'boolean',
		default: false,
		description: 'Whether to remove the assigned team',
	},
	{
		displayName: 'Unassign User',
		name: 'unassignUser',
		type: 'boolean',
		default: false,
		description: 'Whether to remove the assigned user',
	},
];

/** The node's choice of credential, shared by the action node and the trigger. */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'API Key', value: 'apiKey' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'apiKey',
};

export const gorgiasCredentials = [
	{ name: 'gorgiasApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
	{
		name: 'gorgiasOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];
