import type { IDataObject } from 'n8n-workflow';

import { person, text, type SimplifiedStatus, type SimplifiedTicket } from '../shared/simplify';
import { assumeUtc } from '../shared/validation';

function gorgiasStatus(ticket: IDataObject): SimplifiedStatus {
	if (ticket.status === 'closed') return 'closed';
	// A snoozed open ticket waits for a date: the shared shape calls that pending.
	const snooze = Date.parse(String(ticket.snooze_datetime ?? ''));
	return !Number.isNaN(snooze) && snooze > Date.now() ? 'pending' : 'open';
}

/** Gorgias datetimes may lack an offset; they are UTC. */
function utc(value: unknown): string | null {
	const raw = text(value);
	return raw === null ? null : assumeUtc(raw);
}

export function simplifyGorgiasTicket(ticket: IDataObject, origin: string): SimplifiedTicket {
	const user = (ticket.assignee_user ?? null) as IDataObject | null;
	const team = (ticket.assignee_team ?? null) as IDataObject | null;
	const customer = (ticket.customer ?? null) as IDataObject | null;
	const tags = Array.isArray(ticket.tags) ? (ticket.tags as IDataObject[]) : [];
	return {
		provider: 'gorgias',
		id: String(ticket.id),
		externalId: text(ticket.external_id),
		subject: text(ticket.subject),
		status: gorgiasStatus(ticket),
		assignee: user ? person(user.id, user.name, user.email) : null,
		team: team ? { id: text(team.id), name: text(team.name) } : null,
		tags: tags.map((tag) => text(tag.name)).filter((name): name is string => name !== null),
		channel: text(ticket.channel),
		customer: customer ? person(customer.id, customer.name, customer.email) : null,
		createdAt: utc(ticket.created_datetime),
		updatedAt: utc(ticket.updated_datetime),
		closedAt: utc(ticket.closed_datetime),
		url: ticket.id === undefined ? null : `${origin}/app/ticket/${String(ticket.id)}`,
		raw: ticket,
	};
}
