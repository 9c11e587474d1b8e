import type { INodeProperties } from 'n8n-workflow';

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
