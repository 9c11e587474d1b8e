/**
 * One ticket shape across providers (the "Simplify" option), so a workflow can switch
 * providers without rewiring the steps after it.
 */

export type SimplifiedStatus = 'open' | 'pending' | 'closed';

export interface SimplifiedPerson {
	id: string | null;
	name: string | null;
	email: string | null;
}

export interface SimplifiedTicket {
	[key: string]: unknown;
	provider: 'gorgias' | 'zaia' | 'gurusup';
	id: string;
	externalId: string | null;
	subject: string | null;
	status: SimplifiedStatus;
	assignee: SimplifiedPerson | null;
	team: { id: string | null; name: string | null } | null;
	tags: string[];
	channel: string | null;
	customer: SimplifiedPerson | null;
	createdAt: string | null;
	updatedAt: string | null;
	closedAt: string | null;
	url: string | null;
	/** Custom-field values by field label, for providers that have custom fields (Gorgias). */
	customFields?: Record<string, unknown>;
	raw: unknown;
}

/** A string field or null: providers send null, empty strings and missing keys alike. */
export function text(value: unknown): string | null {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value !== '' ? value : null;
}

/** A person object, or null when every part of it is unknown. */
export function person(id: unknown, name: unknown, email: unknown): SimplifiedPerson | null {
	const result = { id: text(id), name: text(name), email: text(email) };
	return result.id === null && result.name === null && result.email === null ? null : result;
}
