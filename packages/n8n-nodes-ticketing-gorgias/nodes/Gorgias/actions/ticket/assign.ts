import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collection } from '../../../shared/descriptions';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { itemContext } from '../../../shared/validation';
import { lookupLocator, ticketLocator, unassignFields } from '../../descriptions';
import { assignmentBody, idParameter, putTicket } from './common';

export const option = {
	name: 'Assign',
	description: 'Assign a ticket to a user and/or team',
	action: 'Assign a ticket',
};

export const description: INodeProperties[] = [
	ticketLocator(),
	lookupLocator({
		name: 'assigneeUser',
		displayName: 'Assignee User',
		description: 'User to assign; leave empty to keep the current one',
		method: 'searchUsers',
		what: 'user',
	}),
	lookupLocator({
		name: 'assigneeTeam',
		displayName: 'Assignee Team',
		description: 'Team to assign; leave empty to keep the current one',
		method: 'searchTeams',
		what: 'team',
	}),
	collection('Options', 'assignOptions', 'Add Option', [...unassignFields]),
];

export const returnsTickets = true;

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
			itemContext(this, itemIndex).node,
			'Assignee User',
			'choose a user or a team (or unassign)',
			itemIndex,
		);
	}
	return async () => await putTicket(this, itemIndex, ticketId, body);
}
