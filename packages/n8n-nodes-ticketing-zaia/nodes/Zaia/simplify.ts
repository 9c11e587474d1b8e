import type { IDataObject } from 'n8n-workflow';

import { person, text, type SimplifiedStatus, type SimplifiedTicket } from '../shared/simplify';

function zaiaStatus(ticket: IDataObject): SimplifiedStatus {
	switch (ticket.status) {
		case 'pending':
			return 'pending';
		case 'ongoing':
			return 'open';
		case 'completed':
			return 'closed';
		default:
			// Unknown status values are possible (the enum is undocumented): completion decides.
			return ticket.completedAt ? 'closed' : 'open';
	}
}

/**
 * Works for both Zaia shapes: the detail object (GET) and the shorter write object returned
 * by create / complete / take over / assign, which lacks names, channel and owner.
 */
export function simplifyZaiaTicket(ticket: IDataObject): SimplifiedTicket {
	return {
		provider: 'zaia',
		id: String(ticket.id),
		externalId: null,
		subject: text(ticket.summary),
		status: zaiaStatus(ticket),
		assignee: person(ticket.assigneeId, ticket.assigneeName, ticket.assigneeEmail),
		team:
			text(ticket.ticketingTeamId) === null && text(ticket.ticketingTeamName) === null
				? null
				: { id: text(ticket.ticketingTeamId), name: text(ticket.ticketingTeamName) },
		// Zaia's ticket objects carry no tags; they are only attached and detached by id.
		tags: [],
		channel: text(ticket.channelType),
		customer: person(
			ticket.chatOwnerId,
			ticket.ownerName,
			ticket.ownerEmail ?? ticket.ownerIdentifier,
		),
		createdAt: text(ticket.createdAt),
		updatedAt: text(ticket.updatedAt),
		closedAt: text(ticket.completedAt),
		url: null,
		raw: ticket,
	};
}

/** The action node's Simplify, applied by the router to operations that return tickets. */
export function simplifyTickets(_context: unknown, tickets: IDataObject[]): IDataObject[] {
	return tickets.map((ticket) => simplifyZaiaTicket(ticket) as IDataObject);
}
