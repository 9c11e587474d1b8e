import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../shared/execute';
import { locatorValue } from '../../../shared/locator';
import { itemContext, optionalUuid, requireString, requireUuid } from '../../../shared/validation';
import { assigneeLocator, uuidValidation } from '../../descriptions';
import { zaiaRequest } from '../../transport';
import { idParameter } from './common';

const properties: INodeProperties[] = [
	assigneeLocator,
	{
		displayName: 'Chat ID',
		name: 'chatId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f',
		description:
			'The Zaia chat (conversation) the ticket is opened for, usually taken from an earlier step',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'pending',
		description: 'Stage the ticket starts in',
		options: [
			{ name: 'Completed', value: 'completed', description: 'Already finished' },
			{ name: 'Ongoing', value: 'ongoing', description: 'A human is working on it' },
			{ name: 'Pending', value: 'pending', description: 'Waiting for a human to answer' },
		],
	},
	{
		displayName: 'Ticketing Team',
		name: 'ticketingTeamId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'Team responsible for the ticket. Leave empty for no team.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTeams', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f',
				validation: uuidValidation,
			},
		],
	},
];

const displayOptions = { show: { resource: ['ticket'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const returnsTickets = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
	const check = itemContext(this, itemIndex);
	const body: IDataObject = {
		chatId: requireUuid(check, 'Chat ID', this.getNodeParameter('chatId', itemIndex, '')),
		ticketingTeamId: optionalUuid(
			check,
			'Ticketing Team',
			locatorValue(this.getNodeParameter('ticketingTeamId', itemIndex, '')),
		),
		assigneeId: idParameter(this, itemIndex, 'assigneeId', 'Assignee'),
		status: requireString(check, 'Status', this.getNodeParameter('status', itemIndex, '')),
	};
	return async () => {
		// Creating is not repeatable: a retry after a lost answer could open a second ticket.
		return (await zaiaRequest.call(this, 'POST', '/tickets', {
			body,
			itemIndex,
			retrySafe: false,
		})) as IDataObject;
	};
}
