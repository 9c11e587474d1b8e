import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { lookupLocator, onTicket } from '../../descriptions';
import { check, idParameter, putTicket } from '../common';
import { assignmentBody } from './update';

const show = onTicket(['assign']);

export const description: INodeProperties[] = [
	lookupLocator({
		name: 'assigneeUser',
		displayName: 'Assignee User',
		description: 'User to assign; leave empty to keep the current one',
		method: 'searchUsers',
		what: 'user',
		displayOptions: show,
	}),
	lookupLocator({
		name: 'assigneeTeam',
		displayName: 'Assignee Team',
		description: 'Team to assign; leave empty to keep the current one',
		method: 'searchTeams',
		what: 'team',
		displayOptions: show,
	}),
	{
		displayName: 'Options',
		name: 'assignOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
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
		],
	},
];

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const fields: IDataObject = {
		assigneeUser: this.getNodeParameter('assigneeUser', itemIndex, ''),
		assigneeTeam: this.getNodeParameter('assigneeTeam', itemIndex, ''),
		...(this.getNodeParameter('assignOptions', itemIndex, {}) as IDataObject),
	};
	const body = assignmentBody(this, itemIndex, fields, '');
	if (Object.keys(body).length === 0) {
		throw invalidParameterError(
			check(this, itemIndex).node,
			'Assignee User',
			'choose a user or a team (or unassign)',
			itemIndex,
		);
	}
	return async () => await putTicket(this, itemIndex, ticketId, body);
}
