import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from '../shared/execute';

const UUID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** The "By ID" mode of every Zaia resource locator: Zaia ids are UUIDs. */
export function uuidMode(placeholder = 'e.g. 3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f') {
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string' as const,
		placeholder,
		validation: [
			{
				type: 'regex' as const,
				properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid Zaia ID (a UUID)' },
			},
		],
	};
}

export function ticketLocator(operations: string[]): INodeProperties {
	return {
		displayName: 'Ticket',
		name: 'ticketId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The ticket to work on',
		displayOptions: { show: { resource: ['ticket'], operation: operations } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTickets', searchable: true },
			},
			uuidMode(),
		],
	};
}

/** A Zaia user (agent). Zaia has no user listing, so the list shows assignees seen on tickets. */
export function userLocator(
	name: string,
	displayName: string,
	description: string,
	operations: string[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show: { resource: ['ticket'], operation: operations } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchAssignees', searchable: true },
			},
			uuidMode(),
		],
	};
}

export function simplifyField(operations: string[]): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description:
			"Whether to return the ticket in the shape shared by all providers of this pack (ID, subject, status, assignee, team, customer, dates and the raw ticket) instead of Zaia's own object",
		displayOptions: { show: { resource: ['ticket'], operation: operations } },
	};
}

export function optionsCollection(operations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['ticket'], operation: operations } },
		options: [
			{
				displayName: 'Max Parallel Requests',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: DEFAULT_CONCURRENCY,
				description:
					'How many input items are sent to Zaia at the same time. Output order always follows the input. Use 1 to send strictly one after another.',
			},
		],
	};
}

export function tagsField(operations: string[]): INodeProperties {
	return {
		displayName: 'Tags',
		name: 'tags',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Tag',
		default: {},
		required: true,
		description:
			'Tags to apply, one per entry. Zaia takes one tag per call, so several tags mean several calls. An expression in an entry may return several IDs.',
		displayOptions: { show: { resource: ['ticket'], operation: operations } },
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
							uuidMode(),
						],
					},
				],
			},
		],
	};
}
