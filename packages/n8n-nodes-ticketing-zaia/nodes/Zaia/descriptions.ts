import type { INodeProperties, INodePropertyRegexValidation } from 'n8n-workflow';

import { UUID_PATTERN } from '../shared/validation';

/** The check of every Zaia locator's "By ID" mode: Zaia ids are UUIDs. */
export const uuidValidation: INodePropertyRegexValidation[] = [
	{
		type: 'regex',
		properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid Zaia ID (a UUID)' },
	},
];

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
			placeholder: 'e.g. 3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f',
			validation: uuidValidation,
		},
	],
};

/**
 * The modes of a user locator (Assignee, Completed By). Zaia has no user listing, so the list
 * shows assignees seen on tickets. A locator spreads the set after its own fields; the modes
 * stay inside a `modes` list, where n8n's lint reads them as modes.
 */
export const assigneeModes: Pick<INodeProperties, 'modes'> = {
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchAssignees', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f',
			validation: uuidValidation,
		},
	],
};

/** The assignee of Create, Assign and Take Over. */
export const assigneeLocator: INodeProperties = {
	displayName: 'Assignee',
	name: 'assigneeId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The Zaia user (agent) who handles the ticket. Zaia has no user list, so the list shows assignees of recent tickets; any user ID can be entered "By ID".',
	...assigneeModes,
};

/** The tag filter of Get Many and the trigger. */
export const tagIdsFilter: INodeProperties = {
	displayName: 'Tag Names or IDs',
	name: 'tagIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getTags' },
	default: [],
	description:
		'Only tickets with these tags. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const tagsField: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Tag',
	default: {},
	required: true,
	description:
		'Tags to apply, one per entry: picked from the list, by name (exact, any case) or by ID. Zaia takes one tag per call, so several tags mean several calls. An expression in an entry may return several names or IDs.',
	options: [
		{
			displayName: 'Tag',
			name: 'tag',
			values: [
				{
					displayName: 'Tag',
					name: 'tagId',
					type: 'resourceLocator',
					default: { mode: 'list', value: '' },
					modes: [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list',
							typeOptions: { searchListMethod: 'searchTags', searchable: true },
						},
						{
							displayName: 'By Name',
							name: 'name',
							type: 'string',
							placeholder: 'e.g. urgent',
						},
						{
							displayName: 'By ID',
							name: 'id',
							type: 'string',
							placeholder: 'e.g. 3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f',
							validation: uuidValidation,
						},
					],
				},
			],
		},
	],
};

/** Shown by the action node for the operations that return tickets, and by the trigger. */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		"Whether to return the ticket in the shape shared by all providers of this pack (ID, subject, status, assignee, team, customer, dates and the raw ticket) instead of Zaia's own object",
};

/** The chat of Chat → Get and Chat Message → Get Many. */
export const chatLocator: INodeProperties = {
	displayName: 'Chat',
	name: 'chatId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Zaia chat (conversation with a customer)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchChats', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f',
			validation: uuidValidation,
		},
	],
};

/** The channel kinds the chats list filters by (Chat → Get Many and the trigger). */
export const channelTypesFilter: INodeProperties = {
	displayName: 'Channel Types',
	name: 'channelTypes',
	type: 'multiOptions',
	default: [],
	options: [
		{ name: 'API', value: 'api' },
		{ name: 'Instagram', value: 'instagram' },
		{ name: 'WAHA', value: 'waha' },
		{ name: 'WhatsApp', value: 'whatsapp' },
		{ name: 'Widget', value: 'widget' },
	],
	description: 'Only chats on these channels',
};

/** Which message roles are the customer's (Chat Message → Get Many and the trigger). */
export const customerRolesOption: INodeProperties = {
	displayName: 'Customer Roles',
	name: 'customerRoles',
	type: 'string',
	default: 'user',
	description:
		'Message roles that mean "written by the customer", comma-separated. Zaia does not document its role values; "user" is the assumed one.',
};

/** The Zaia Trigger's parameters of the New Chat Message event. */
export const chatMessageTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Watch',
		name: 'watchChats',
		type: 'options',
		default: 'openTickets',
		description: 'Which chats to emit new messages of',
		options: [
			{
				name: 'Chats With Open Tickets',
				value: 'openTickets',
				description: 'Chats whose ticket is pending or ongoing (handed over to humans)',
			},
			{ name: 'All Chats', value: 'all', description: 'Every chat of the workspace' },
			{ name: 'Specific Chats', value: 'specific', description: 'The chats listed below' },
		],
		displayOptions: { show: { event: ['newChatMessage'] } },
	},
	{
		displayName: 'Chat IDs',
		name: 'chatIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f',
		description: 'The chats to watch: comma-separated IDs or an expression returning a list',
		displayOptions: { show: { event: ['newChatMessage'], watchChats: ['specific'] } },
	},
	{
		displayName: 'Customer Messages Only',
		name: 'customerMessagesOnly',
		type: 'boolean',
		default: true,
		description:
			"Whether to emit only the customer's messages, not the AI agent's or the human agents' replies",
		displayOptions: { show: { event: ['newChatMessage'] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplifyMessages',
		type: 'boolean',
		default: true,
		description:
			"Whether to emit each message as role, sender name, text and time with the chat's ticket and customer, instead of Zaia's own message object",
		displayOptions: { show: { event: ['newChatMessage'] } },
	},
	{
		displayName: 'Chat Filters',
		name: 'chatFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: ['newChatMessage'] } },
		options: [{ ...channelTypesFilter }, customerRolesOption],
	},
];
