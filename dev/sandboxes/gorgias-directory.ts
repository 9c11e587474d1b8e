import { z } from 'zod';

import { gorgiasError, invalidRequest } from './gorgias-data';
import type { GorgiasState, GorgiasTicket, GorgiasViewFilter } from './gorgias-data';
import { pageShape } from './gorgias-paging';
import { oneOrMany, queryBoolean, queryInt } from './validation';

/*
 * The contract of views, search, users and teams (gorgias-daily.md §3–§5), as the sandbox
 * enforces it. Decisions where the notes leave room:
 * - View items are the tickets of the view rendered like list items (their real shape is
 *   undocumented); `order_by` on the items call overrides the view's own order.
 * - Ad-hoc views (`PUT /api/views/0/items`) and saved views keep their criteria as the
 *   sandbox filter; `filters` expressions are understood only in the shape the sandbox renders
 *   them (`eq(ticket.status, 'open') && …`): anything else is a 400 naming `view.filters`, so a
 *   test cannot pass on a filter the sandbox silently ignored. `search` matches the subject,
 *   the customer's name or email and message texts, case-insensitively.
 * - `POST /api/search` answers 201 with the list envelope and no cursors; types the sandbox
 *   holds no records for (channels, profiles, phones) answer an empty list.
 * - Users list by `name:asc` by default, teams and views by `created_datetime:desc`, as
 *   documented. `GET /api/users/0` is the API user (the Basic-auth email).
 */

const text = z.string().trim().min(1, 'Must not be empty');
const positiveInt = z.number({ invalid_type_error: 'Expected an integer' }).int().positive();

const CREATED_ORDERS = ['created_datetime:desc', 'created_datetime:asc'] as const;

export const listViewsQuery = z
	.object({ ...pageShape, order_by: z.enum(CREATED_ORDERS).default('created_datetime:desc') })
	.strict();

const ITEM_ORDER_FIELDS = [
	'created_datetime',
	'updated_datetime',
	'last_message_datetime',
	'last_received_message_datetime',
	'closed_datetime',
	'snooze_datetime',
	'priority',
] as const;
const ITEM_ORDERS = ITEM_ORDER_FIELDS.flatMap((field) => [`${field}:asc`, `${field}:desc`]) as [
	string,
	...string[],
];

export const viewItemsQuery = z
	.object({
		...pageShape,
		direction: z.enum(['prev', 'next']).optional(),
		ignored_item: queryInt({ min: 1 }).optional(),
		order_by: z.enum(ITEM_ORDERS).optional(),
	})
	.strict();

export const viewSearchBody = z
	.object({
		view: z
			.object({
				filters: z.string().nullable().optional(),
				search: z.string().nullable().optional(),
				order_by: z.enum(ITEM_ORDER_FIELDS).optional(),
				order_dir: z.enum(['asc', 'desc']).optional(),
				type: z.string().optional(),
				fields: z.array(z.string()).optional(),
				category: z.string().optional(),
			})
			.strict(),
	})
	.strict();

export const SEARCH_TYPES = [
	'agent',
	'customer',
	'customer_profile',
	'customer_channel',
	'customer_channel_email',
	'customer_channel_phone',
	'customers_by_phone',
	'integration',
	'team',
	'tag',
] as const;

export const searchBody = z
	.object({
		type: z.enum(SEARCH_TYPES),
		query: z.string().default(''),
		size: positiveInt.max(50, 'At most 50').default(10),
	})
	.strict();

export const ASSIGNABLE_ROLES = [
	'admin',
	'agent',
	'basic-agent',
	'lite-agent',
	'observer-agent',
] as const;
const FILTER_ROLES = [...ASSIGNABLE_ROLES, 'bot', 'internal-agent'] as const;
const USER_ORDERS = [
	'name:asc',
	'name:desc',
	'created_datetime:asc',
	'created_datetime:desc',
	'email:asc',
	'email:desc',
	'role.name:asc',
	'role.name:desc',
] as const;

export const listUsersQuery = z
	.object({
		...pageShape,
		order_by: z.enum(USER_ORDERS).default('name:asc'),
		roles: oneOrMany(z.enum(FILTER_ROLES)).optional(),
		email: z.string().min(1).optional(),
		external_id: z.string().min(1).optional(),
		search: z.string().optional(),
		available_first: queryBoolean().optional(),
	})
	.strict();

const role = z.object({ name: z.enum(ASSIGNABLE_ROLES) }).strict();
const userFields = {
	bio: z.string().nullable().optional(),
	country: z
		.string()
		.regex(/^[A-Z]{2}$/, 'Expected an ISO 3166-1 alpha-2 country code')
		.nullable()
		.optional(),
	external_id: z.string().nullable().optional(),
	language: z.enum(['fr', 'en']).nullable().optional(),
	meta: z.record(z.unknown()).nullable().optional(),
	timezone: z.string().nullable().optional(),
};
// `channels`, `customer`, `data` and `roles` are refused since 2022 (strict: unknown field).
export const createUserBody = z
	.object({ email: z.string().email('Expected an email address'), name: text, role, ...userFields })
	.strict();
export const updateUserBody = z
	.object({
		...userFields,
		name: text.optional(),
		role: role.optional(),
		email: z.string().email('Expected an email address').optional(),
		password_confirmation: z.string().optional(),
		new_password: z.string().optional(),
		old_password: z.string().optional(),
	})
	.strict()
	.refine((body) => body.email === undefined || body.password_confirmation !== undefined, {
		message: 'Changing the email needs password_confirmation',
		path: ['password_confirmation'],
	});

const TEAM_ORDERS = [...CREATED_ORDERS, 'name:asc', 'name:desc'] as const;
export const listTeamsQuery = z
	.object({ ...pageShape, order_by: z.enum(TEAM_ORDERS).default('created_datetime:desc') })
	.strict();
const teamFields = {
	description: z.string().nullable().optional(),
	decoration: z.object({ emoji: z.string() }).strict().nullable().optional(),
	members: z.array(z.object({ id: positiveInt }).strict()).optional(),
};
export const createTeamBody = z.object({ name: text, ...teamFields }).strict();
export const updateTeamBody = z.object({ name: text.optional(), ...teamFields }).strict();

/** A sort key for cursor pages: the value (text compared case-insensitively), then the id. */
export function sortKey(value: unknown, id: number): readonly [string | number, number] {
	if (typeof value === 'number') return [value, id];
	return [typeof value === 'string' ? value.toLowerCase() : '', id];
}

/** `field:dir` split, for the orders above. */
export function splitOrder(order: string): [string, 'asc' | 'desc'] {
	const at = order.lastIndexOf(':');
	return [order.slice(0, at), order.slice(at + 1) === 'asc' ? 'asc' : 'desc'];
}

const FILTER_TERM =
	/^(?:eq\(ticket\.(status|channel|spam|assignee_user\.id|assignee_team\.id),\s*('[^']*'|[0-9]+|true|false|null)\)|containsAny\(ticket\.tags\.name,\s*\['([^']*)'\]\))$/;

/**
 * The sandbox filter of a `filters` expression in the form the sandbox renders its views'
 * filters; anything else is refused (see the notes at the top).
 */
export function parseViewFilters(expression: string | null | undefined): GorgiasViewFilter {
	const filter: GorgiasViewFilter = {};
	if (!expression?.trim()) return filter;
	for (const term of expression.split('&&').map((part) => part.trim())) {
		const match = FILTER_TERM.exec(term);
		if (!match) {
			throw invalidRequest({ 'view.filters': [`The sandbox does not model the term ${term}`] });
		}
		const [, field, raw, tag] = match;
		if (tag !== undefined) {
			filter.tag = tag;
			continue;
		}
		const value: unknown = raw.startsWith("'") ? raw.slice(1, -1) : JSON.parse(raw);
		if (field === 'status') filter.status = value as GorgiasViewFilter['status'];
		else if (field === 'channel') filter.channel = String(value);
		else if (field === 'spam') filter.spam = value === true;
		else if (field === 'assignee_user.id') filter.assignee_user_id = value as number | null;
		else filter.assignee_team_id = value as number | null;
	}
	return filter;
}

/** Whether a ticket's subject, customer or messages contain the search text. */
export function ticketMatchesSearch(
	state: GorgiasState,
	ticket: GorgiasTicket,
	search: string | null | undefined,
): boolean {
	const needle = search?.trim().toLowerCase();
	if (!needle) return true;
	const texts = [
		ticket.subject,
		ticket.customer?.name,
		ticket.customer?.email,
		...state.messagesOf(ticket.id).map((message) => message.body_text),
	];
	return texts.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

/** What `POST /api/search` finds for a type, at most `size` items. */
export function searchRecords(
	state: GorgiasState,
	body: z.output<typeof searchBody>,
): Array<Record<string, unknown>> {
	const needle = body.query.trim().toLowerCase();
	const has = (...values: Array<string | null | undefined>) =>
		!needle || values.some((value) => value?.toLowerCase().includes(needle));
	let found: Array<Record<string, unknown>> = [];
	switch (body.type) {
		case 'agent':
			found = [...state.users.values()]
				.filter((user) => has(user.name, user.email))
				.map((user) => state.userJson(user));
			break;
		case 'team':
			found = [...state.teams.values()]
				.filter((team) => has(team.name))
				.map((team) => state.teamJson(team));
			break;
		case 'tag':
			found = [...state.tags.values()]
				.filter((tag) => has(tag.name))
				.map((tag) => state.tagJson(tag));
			break;
		case 'customer':
			found = [...state.customers.values()]
				.filter((customer) => has(customer.name, customer.email))
				.map((customer) => state.customerJson(customer));
			break;
		case 'integration':
			found = [...state.integrations.values()]
				.filter((integration) => has(integration.name))
				.map((integration) => ({ ...integration }));
			break;
		default:
			found = [];
	}
	return found.slice(0, body.size);
}

/** A user or team id from a route, 404 when it is not one (Flask-style int routes). */
export function recordOf<T>(map: Map<number, T>, id: string, what: string): T {
	const record = /^\d{1,15}$/.test(id) ? map.get(Number(id)) : undefined;
	if (!record) throw gorgiasError(404, `${what} not found`);
	return record;
}
