import type { INodeProperties } from 'n8n-workflow';

/** The ticket of every operation but Create: GuruSup names tickets by their external ID. */
export const externalIdField: INodeProperties = {
	displayName: 'Ticket External ID',
	name: 'externalId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. order1042',
	description: 'External ID the ticket was created with: GuruSup identifies tickets by it',
};

/** The agent of Assign and Take Over: at least one of the three is needed. */
export const agentFields: INodeProperties[] = [
	{
		displayName: 'Agent ID',
		name: 'agentId',
		type: 'string',
		default: '',
		description: 'ID of the agent; give at least one of ID, email and name',
	},
	{
		displayName: 'Agent Email',
		name: 'agentEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email of the agent',
	},
	{
		displayName: 'Agent Name',
		name: 'agentName',
		type: 'string',
		default: '',
		description: 'Display name of the agent',
	},
];

/** Messages, two ways: a list in the editor, or an array from an expression. */
export const messagesInputField: INodeProperties = {
	displayName: 'Messages Input',
	name: 'messagesInput',
	type: 'options',
	default: 'list',
	options: [
		{
			name: 'Define Below',
			value: 'list',
			description: 'Add the messages one by one',
		},
		{
			name: 'From JSON',
			value: 'json',
			description: 'An array of messages, typically from an expression over an earlier step',
		},
	],
};

/** The list of messages. Optional as Update shows it; Create spreads it with `required: true`. */
export const messagesField: INodeProperties = {
	displayName: 'Messages',
	name: 'messages',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Message',
	default: {},
	description: 'Messages to add to the ticket',
	displayOptions: { show: { messagesInput: ['list'] } },
	options: [
		{
			displayName: 'Message',
			name: 'message',
			values: [
				{
					displayName: 'Body',
					name: 'body',
					type: 'string',
					typeOptions: { rows: 3 },
					default: '',
					required: true,
					description: 'Text of the message',
				},
				{
					displayName: 'Sent by Agent',
					name: 'isAgent',
					type: 'boolean',
					default: false,
					description: 'Whether an agent wrote the message (off: the customer did)',
				},
				{
					displayName: 'External ID',
					name: 'externalId',
					type: 'string',
					default: '',
					placeholder: 'e.g. msg_001',
					description:
						'ID of the message in your system: letters, digits, "_" or "-", unique within the ticket. Generated when empty.',
				},
				{
					displayName: 'Received At',
					name: 'receivedAt',
					type: 'dateTime',
					default: '',
					description: 'When the message was sent or received. Now when empty.',
				},
			],
		},
	],
};

/** The messages as JSON. Optional as Update shows it; Create spreads it with `required: true`. */
export const messagesJsonField: INodeProperties = {
	displayName: 'Messages (JSON)',
	name: 'messagesJson',
	type: 'json',
	default: '[\n  {\n    "body": "I need help with my order.",\n    "is_agent": false\n  }\n]',
	description:
		'Array of objects with "body" and "is_agent"; "external_id" and "received_at" are generated when missing',
	displayOptions: { show: { messagesInput: ['json'] } },
};

/** Shown by the action node for the operations that return tickets, and by the trigger. */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		"Whether to return the ticket in the shape shared by all providers of this pack (ID, subject, status, assignee, team, customer, dates and the raw ticket) instead of GuruSup's own object",
};
