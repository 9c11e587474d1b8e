import type { INodeProperties } from 'n8n-workflow';

export function externalIdField(description: string): INodeProperties {
	return {
		displayName: 'Ticket External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order1042',
		description,
	};
}

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

/** Two ways to give messages: a list in the editor, or an array from an expression. */
export function messageFields(required: boolean): INodeProperties[] {
	return [
		{
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
		},
		{
			displayName: 'Messages',
			name: 'messages',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Message',
			default: {},
			required,
			description: required
				? 'The conversation, at least one message'
				: 'Messages to add to the ticket',
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
		},
		{
			displayName: 'Messages (JSON)',
			name: 'messagesJson',
			type: 'json',
			default: '[\n  {\n    "body": "I need help with my order.",\n    "is_agent": false\n  }\n]',
			required,
			description:
				'Array of objects with "body" and "is_agent"; "external_id" and "received_at" are generated when missing',
			displayOptions: { show: { messagesInput: ['json'] } },
		},
	];
}
