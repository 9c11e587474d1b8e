import type { INodeProperties } from 'n8n-workflow';

/** Gorgias ids are positive integers. */
export const NUMERIC_ID = '^[1-9][0-9]*$';

/**
 * The modes of a user, team, customer or view locator: picked from Gorgias or typed by ID. A
 * locator spreads its set after its own fields; the modes stay inside a `modes` list, where
 * n8n's lint reads them as modes.
 */
export const userModes: Pick<INodeProperties, 'modes'> = {
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345',
			validation: [
				{
					type: 'regex',
					properties: { regex: NUMERIC_ID, errorMessage: 'Not a valid user ID (a whole number)' },
				},
			],
		},
	],
};

/**
 * A user picked from Gorgias, typed by ID, or given by the email they log in with (looked up
 * when the node runs).
 */
export const userModesByEmail: Pick<INodeProperties, 'modes'> = {
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345',
			validation: [
				{
					type: 'regex',
					properties: { regex: NUMERIC_ID, errorMessage: 'Not a valid user ID (a whole number)' },
				},
			],
		},
		{
			displayName: 'By Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. agent@acme.com',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[^@\\s]+@[^@\\s]+$', errorMessage: 'Not an email address' },
				},
			],
		},
	],
};

export const teamModes: Pick<INodeProperties, 'modes'> = {
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTeams', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345',
			validation: [
				{
					type: 'regex',
					properties: { regex: NUMERIC_ID, errorMessage: 'Not a valid team ID (a whole number)' },
				},
			],
		},
	],
};

export const customerModes: Pick<INodeProperties, 'modes'> = {
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: NUMERIC_ID,
						errorMessage: 'Not a valid customer ID (a whole number)',
					},
				},
			],
		},
	],
};

export const viewModes: Pick<INodeProperties, 'modes'> = {
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchViews', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345',
			validation: [
				{
					type: 'regex',
					properties: { regex: NUMERIC_ID, errorMessage: 'Not a valid view ID (a whole number)' },
				},
			],
		},
	],
};

/** A ticket: picked, typed, or pasted as the helpdesk URL of the ticket. */
export const ticketLocator: INodeProperties = {
	displayName: 'Ticket',
	name: 'ticketId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The ticket to work on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTickets', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345',
			validation: [
				{
					type: 'regex',
					properties: { regex: NUMERIC_ID, errorMessage: 'Not a valid ticket ID (a whole number)' },
				},
			],
		},
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

/** Tags by name (created when new) and/or picked from the account's tags. */
export const tagFields: INodeProperties[] = [
	{
		displayName: 'Tag Names',
		name: 'tagNames',
		type: 'string',
		default: '',
		placeholder: 'vip, refund',
		description:
			'Comma-separated names, or a list from an expression. Unknown names are created when adding.',
	},
	{
		displayName: 'Tag Names or IDs',
		name: 'tagIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTags' },
		default: [],
		description:
			'Tags of the account. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

/** Ticket fields that Create and Update both offer, defined once. */
export const assigneeTeamField: INodeProperties = {
	displayName: 'Assignee Team',
	name: 'assigneeTeam',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'Team to assign',
	...teamModes,
};

export const assigneeUserField: INodeProperties = {
	displayName: 'Assignee User',
	name: 'assigneeUser',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'User to assign',
	...userModesByEmail,
};

export const externalIdField: INodeProperties = {
	displayName: 'External ID',
	name: 'externalId',
	type: 'string',
	default: '',
	description: 'ID of the ticket in your own system',
};

export const metaField: INodeProperties = {
	displayName: 'Meta',
	name: 'meta',
	type: 'json',
	default: '{}',
	description: 'Free key/value data stored on the ticket',
};

export const priorityField: INodeProperties = {
	displayName: 'Priority',
	name: 'priority',
	type: 'options',
	options: [
		{ name: 'Critical', value: 'critical' },
		{ name: 'High', value: 'high' },
		{ name: 'Low', value: 'low' },
		{ name: 'Normal', value: 'normal' },
	],
	default: 'normal',
};

export const statusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Closed', value: 'closed' },
		{ name: 'Open', value: 'open' },
	],
	default: 'open',
};

export const subjectField: INodeProperties = {
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	default: '',
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

/** Shown by the action node for the operations that return tickets, and by the trigger. */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		"Whether to return the ticket in the shape shared by all providers of this pack (ID, subject, status, assignee, team, customer, dates and the raw ticket) instead of Gorgias's own object",
};

export const tagModes: Pick<INodeProperties, 'modes'> = {
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTags', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345',
			validation: [
				{
					type: 'regex',
					properties: { regex: NUMERIC_ID, errorMessage: 'Not a valid tag ID (a whole number)' },
				},
			],
		},
	],
};

export const surveyModes: Pick<INodeProperties, 'modes'> = {
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchSatisfactionSurveys', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: NUMERIC_ID,
						errorMessage: 'Not a valid satisfaction survey ID (a whole number)',
					},
				},
			],
		},
	],
};

/** The order of a Get Many whose list Gorgias sorts by creation time only. */
export const createdOrderField: INodeProperties = {
	displayName: 'Sort',
	name: 'orderBy',
	type: 'options',
	default: 'created_datetime:desc',
	options: [
		{ name: 'Newest First', value: 'created_datetime:desc' },
		{ name: 'Oldest First', value: 'created_datetime:asc' },
	],
	description: 'Order by creation time',
};

/**
 * The event types Gorgias' own helpdesk filters its events by (the contract's list; Gorgias
 * documents more, and says the list may grow), shown by Event → Get Many and the trigger.
 */
export const eventTypesField: INodeProperties = {
	displayName: 'Event Types',
	name: 'eventTypes',
	type: 'multiOptions',
	default: [],
	description: 'Only events of these types',
	options: [
		{ name: 'Account Created', value: 'account-created' },
		{ name: 'Account Deactivated', value: 'account-deactivated' },
		{ name: 'Account Updated', value: 'account-updated' },
		{ name: 'Customer Created', value: 'customer-created' },
		{ name: 'Customer Deleted', value: 'customer-deleted' },
		{ name: 'Customer Merged', value: 'customer-merged' },
		{ name: 'Customer Updated', value: 'customer-updated' },
		{ name: 'Integration Created', value: 'integration-created' },
		{ name: 'Integration Deleted', value: 'integration-deleted' },
		{ name: 'Integration Updated', value: 'integration-updated' },
		{ name: 'Macro Created', value: 'macro-created' },
		{ name: 'Macro Deleted', value: 'macro-deleted' },
		{ name: 'Macro Updated', value: 'macro-updated' },
		{ name: 'Rule Created', value: 'rule-created' },
		{ name: 'Rule Deleted', value: 'rule-deleted' },
		{ name: 'Rule Suggestion Suggested', value: 'rule-suggestion-suggested' },
		{ name: 'Rule Updated', value: 'rule-updated' },
		{ name: 'Satisfaction Survey Responded', value: 'satisfaction-survey-responded' },
		{ name: 'Satisfaction Survey Sent', value: 'satisfaction-survey-sent' },
		{ name: 'Tag Created', value: 'tag-created' },
		{ name: 'Tag Deleted', value: 'tag-deleted' },
		{ name: 'Tag Merged', value: 'tag-merged' },
		{ name: 'Team Created', value: 'team-created' },
		{ name: 'Team Deleted', value: 'team-deleted' },
		{ name: 'Team Updated', value: 'team-updated' },
		{ name: 'Ticket Assigned', value: 'ticket-assigned' },
		{ name: 'Ticket Assignment Updated', value: 'ticket-assignment-updated' },
		{ name: 'Ticket Closed', value: 'ticket-closed' },
		{ name: 'Ticket Created', value: 'ticket-created' },
		{ name: 'Ticket Customer Updated', value: 'ticket-customer-updated' },
		{ name: 'Ticket Deleted', value: 'ticket-deleted' },
		{ name: 'Ticket Excluded From Auto Merge', value: 'ticket-excluded-from-auto-merge' },
		{ name: 'Ticket Excluded From CSAT', value: 'ticket-excluded-from-csat' },
		{ name: 'Ticket Marked Spam', value: 'ticket-marked-spam' },
		{ name: 'Ticket Merged', value: 'ticket-merged' },
		{ name: 'Ticket Message Created', value: 'ticket-message-created' },
		{ name: 'Ticket Message Deleted', value: 'ticket-message-deleted' },
		{ name: 'Ticket Message Failed', value: 'ticket-message-failed' },
		{ name: 'Ticket Message Summary Created', value: 'ticket-message-summary-created' },
		{ name: 'Ticket Message Updated', value: 'ticket-message-updated' },
		{ name: 'Ticket Reopened', value: 'ticket-reopened' },
		{ name: 'Ticket Satisfaction Survey Skipped', value: 'ticket-satisfaction-survey-skipped' },
		{ name: 'Ticket Self Unsnoozed', value: 'ticket-self-unsnoozed' },
		{ name: 'Ticket Snoozed', value: 'ticket-snoozed' },
		{ name: 'Ticket Split', value: 'ticket-split' },
		{ name: 'Ticket Status Updated', value: 'ticket-status-updated' },
		{ name: 'Ticket Subject Updated', value: 'ticket-subject-updated' },
		{ name: 'Ticket Tags Added', value: 'ticket-tags-added' },
		{ name: 'Ticket Tags Removed', value: 'ticket-tags-removed' },
		{ name: 'Ticket Team Assigned', value: 'ticket-team-assigned' },
		{ name: 'Ticket Team Unassigned', value: 'ticket-team-unassigned' },
		{ name: 'Ticket Trashed', value: 'ticket-trashed' },
		{ name: 'Ticket Unassigned', value: 'ticket-unassigned' },
		{ name: 'Ticket Unmarked Spam', value: 'ticket-unmarked-spam' },
		{ name: 'Ticket Untrashed', value: 'ticket-untrashed' },
		{ name: 'Ticket Updated', value: 'ticket-updated' },
		{ name: 'User Created', value: 'user-created' },
		{ name: 'User Deleted', value: 'user-deleted' },
		{ name: 'User Invited', value: 'user-invited' },
		{ name: 'User Logged In', value: 'user-logged-in' },
		{ name: 'User Logged Out', value: 'user-logged-out' },
		{ name: 'User Password Changed', value: 'user-password-changed' },
		{ name: 'User Password Reset', value: 'user-password-reset' },
		{ name: 'User Updated', value: 'user-updated' },
		{ name: 'View Created', value: 'view-created' },
		{ name: 'View Deleted', value: 'view-deleted' },
		{ name: 'View Updated', value: 'view-updated' },
		{ name: 'Widget Created', value: 'widget-created' },
		{ name: 'Widget Deleted', value: 'widget-deleted' },
		{ name: 'Widget Updated', value: 'widget-updated' },
	],
};
