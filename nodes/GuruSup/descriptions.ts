import type { INodeProperties } from 'n8n-workflow';

const onTicket = (operations: string[]) => ({
	show: { resource: ['ticket'], operation: operations },
});

export function externalIdField(operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Ticket External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order1042',
		description,
		displayOptions: onTicket(operations),
	};
}

/** Two ways to give messages: a list in the editor, or an array from an expression. */
export function messageFields(operations: string[], required: boolean): INodeProperties[] {
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
			displayOptions: onTicket(operations),
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
			displayOptions: { show: { ...onTicket(operations).show, messagesInput: ['list'] } },
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
			displayOptions: { show: { ...onTicket(operations).show, messagesInput: ['json'] } },
		},
	];
}
