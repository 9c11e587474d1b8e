import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { itemContext } from '../../../shared/validation';
import { teamModes, ticketLocator, unassignFields, userModesByEmail } from '../../descriptions';
import { assignmentBody, idParameter, putTicket } from './common';

const properties: INodeProperties[] = [
	ticketLocator,
	{
		displayName: 'Assignee User',
		name: 'assigneeUser',
		description: 'User to assign; leave empty to keep the current one',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...userModesByEmail,
	},
	{
		displayName: 'Assignee Team',
		name: 'assigneeTeam',
		description: 'Team to assign; leave empty to keep the current one',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...teamModes,
	},
	{
		displayName: 'Options',
		name: 'assignOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...unassignFields],
	},
];

const displayOptions = { show: { resource: ['ticket'], operation: ['assign'] } };

export const description = updateDisplayOptions(displayOptions, properties);

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
