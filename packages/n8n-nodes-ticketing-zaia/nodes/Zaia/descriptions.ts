import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { idMode, listMode } from '../shared/locator';
import { UUID_PATTERN } from '../shared/validation';

/** The "By ID" mode of every Zaia resource locator: Zaia ids are UUIDs. */
export function uuidMode(
	placeholder = 'e.g. 3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f',
): INodePropertyMode {
	return idMode(placeholder, UUID_PATTERN, 'Not a valid Zaia ID (a UUID)');
}

export function ticketLocator(): INodeProperties {
	return {
		displayName: 'Ticket',
		name: 'ticketId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The ticket to work on',
		modes: [listMode('searchTickets'), uuidMode()],
	};
}

/** A Zaia user (agent). Zaia has no user listing, so the list shows assignees seen on tickets. */
export function userLocator(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [listMode('searchAssignees'), uuidMode()],
	};
}

/** The assignee of Create, Assign and Take Over. */
export const assigneeLocator = userLocator(
	'assigneeId',
	'Assignee',
	'The Zaia user (agent) who handles the ticket. Zaia has no user list, so the list shows assignees of recent tickets; any user ID can be entered "By ID".',
);

export function teamLocator(description: string): INodeProperties {
	return {
		displayName: 'Ticketing Team',
		name: 'ticketingTeamId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [listMode('searchTeams'), uuidMode()],
	};
}

export const tagsField: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Tag',
	default: {},
	required: true,
	description:
		'Tags to apply, one per entry. Zaia takes one tag per call, so several tags mean several calls. An expression in an entry may return several IDs.',
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
					modes: [listMode('searchTags'), uuidMode()],
				},
			],
		},
	],
};
