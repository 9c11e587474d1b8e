import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { ticketLocator, userModes } from '../../descriptions';
import { gorgiasRequest } from '../../transport';
import { buildMessage } from '../message/common';
import { idParameter, putTicket } from './common';

const properties: INodeProperties[] = [
	ticketLocator,
	{
		displayName: 'User',
		name: 'takeOverUser',
		description: 'The Gorgias user taking the ticket over from automation',
		required: true,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...userModes,
	},
	{
		displayName: 'Internal Note',
		name: 'takeOverNote',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Optional note for the team, posted by that user (only agents see it)',
	},
];

const displayOptions = { show: { resource: ['ticket'], operation: ['takeOver'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

export const addedKeys = ['takeOverNote'];

/**
 * A human takes the ticket from automation: assigned to them and reopened, then (if given)
 * their internal note. The note comes second so it is only posted once the ticket is theirs.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
	const userId = idParameter(this, itemIndex, 'takeOverUser', 'User');
	const noteText = String(this.getNodeParameter('takeOverNote', itemIndex, '') ?? '').trim();
	const note = noteText
		? buildMessage({
				channel: 'internal-note',
				direction: 'outgoing',
				bodyText: noteText,
				senderUserId: userId,
			})
		: undefined;
	return async () => {
		const ticket = await putTicket(this, itemIndex, ticketId, {
			assignee_user: { id: userId },
			status: 'open',
		});
		if (!note) return ticket;
		const message = (await gorgiasRequest.call(this, 'POST', `/tickets/${ticketId}/messages`, {
			body: note,
			itemIndex,
			retrySafe: false,
		})) as IDataObject;
		return { ...ticket, takeOverNote: message };
	};
}
