import type { INodeProperties } from 'n8n-workflow';

import { assigneeLocator, ticketLocator } from '../../descriptions';
import { changeAssignee } from './common';

export const option = {
	name: 'Take Over',
	description: 'Hand the chat from the AI agent to a human',
	action: 'Take over a ticket',
};

export const description: INodeProperties[] = [ticketLocator(), assigneeLocator];

export const returnsTickets = true;

/** A human takes the chat over from the AI agent; Zaia sets the assignee and the stage. */
export const prepare = changeAssignee('takeover');
