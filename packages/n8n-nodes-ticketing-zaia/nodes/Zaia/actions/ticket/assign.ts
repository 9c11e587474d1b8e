import type { INodeProperties } from 'n8n-workflow';

import { assigneeLocator, ticketLocator } from '../../descriptions';
import { changeAssignee } from './common';

export const option = {
	name: 'Assign',
	description: 'Change the user a ticket is assigned to',
	action: 'Assign a ticket',
};

export const description: INodeProperties[] = [ticketLocator(), assigneeLocator];

export const returnsTickets = true;

export const prepare = changeAssignee('assignee');
