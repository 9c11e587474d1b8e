import type { IDataObject } from 'n8n-workflow';

import { person, text, type SimplifiedTicket } from '../shared/simplify';
import { SOURCE_API } from './transport';

/**
 * GuruSup documents no status, team, tags or web link for tickets: those stay empty (status
 * "open", as GuruSup offers no way to close one). Channel is named for the documented source.
 */
export function simplifyGuruSupTicket(ticket: IDataObject): SimplifiedTicket {
	const source = ticket.sources ?? ticket.source;
	return {
		provider: 'gurusup',
		id: String(ticket.id ?? ticket.external_id ?? ''),
		externalId: text(ticket.external_id),
		subject: text(ticket.subject),
		status: 'open',
		assignee: person(ticket.agent_id, ticket.agent_name, ticket.agent),
		team: null,
		tags: [],
		channel: Number(source) === SOURCE_API ? 'api' : text(source),
		customer: person(null, ticket.sender_name, ticket.sender),
		createdAt: text(ticket.created_at),
		updatedAt: text(ticket.updated_at),
		closedAt: null,
		url: null,
		raw: ticket,
	};
}

/** The action node's Simplify, applied by the router to operations that return tickets. */
export function simplifyTickets(_context: unknown, tickets: IDataObject[]): IDataObject[] {
	return tickets.map((ticket) => simplifyGuruSupTicket(ticket) as IDataObject);
}
