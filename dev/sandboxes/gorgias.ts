import { randomBytes } from 'node:crypto';
import { z } from 'zod';

import { ok, Sandbox } from './framework';
import type { LoggedRequest, Params, SandboxRequest, SandboxResponse } from './framework';
import { GORGIAS_DEFAULT_BUCKET, GorgiasRateLimiter } from './gorgias-bucket';
import type {
	GorgiasAuthKind,
	GorgiasBucketConfig,
	GorgiasBucketStats,
	GorgiasRetryAfterFormat,
} from './gorgias-bucket';
import {
	addFieldError,
	GORGIAS_TICKET_STATUSES,
	GorgiasState,
	gorgiasError,
	gorgiasErrorBody,
	invalidRequest,
	parseDatetimeMicros,
	toGorgiasDatetime,
} from './gorgias-data';
import type {
	GorgiasCustomer,
	GorgiasCustomField,
	GorgiasCustomFieldDefinition,
	GorgiasEvent,
	GorgiasIntegration,
	GorgiasFieldErrors,
	GorgiasMessage,
	GorgiasPersonRef,
	GorgiasSatisfactionSurvey,
	GorgiasTag,
	GorgiasTeam,
	GorgiasTicket,
	GorgiasTicketRecord,
	GorgiasTicketSeed,
	GorgiasUser,
	GorgiasView,
	GorgiasViewFilter,
} from './gorgias-data';
import {
	CursorCodec,
	GORGIAS_DEFAULT_CURSOR_TTL_MS,
	pageShape,
	paginateCursor,
} from './gorgias-paging';
import type { SortDirection } from './gorgias-paging';
import {
	DELIVERED_EVENTS,
	IntegrationDeliverer,
	renderCall,
	type Delivery,
	type RenderedCall,
} from './gorgias-integrations';
import { GORGIAS_MACRO_ROUTES, GorgiasMacroDesk } from './gorgias-macros';
import {
	createTeamBody,
	createUserBody,
	listTeamsQuery,
	listUsersQuery,
	listViewsQuery,
	parseViewFilters,
	recordOf,
	searchBody,
	searchRecords,
	sortKey,
	splitOrder,
	ticketMatchesSearch,
	updateTeamBody,
	updateUserBody,
	viewItemsQuery,
	viewSearchBody,
} from './gorgias-directory';
import { GORGIAS_TAG_SURVEY_ROUTES, registerTagSurveyRoutes } from './gorgias-tags-surveys';
import { parseMultipart } from './multipart';
import { HttpError, oneOrMany, queryBoolean, queryInt } from './validation';

export { GORGIAS_LIMIT_HEADER, GORGIAS_RETRY_AFTER_HEADER } from './gorgias-bucket';
export type { GorgiasAuthKind, GorgiasBucketConfig, GorgiasBucketStats } from './gorgias-bucket';
export type {
	GorgiasErrorBody,
	GorgiasEvent,
	GorgiasFieldErrors,
	GorgiasMessage,
	GorgiasTicket,
	GorgiasTicketSeed,
	GorgiasViewFilter,
} from './gorgias-data';
export type { GorgiasList } from './gorgias-paging';
export type { Delivery, RenderedCall } from './gorgias-integrations';
export type { GorgiasCustomFieldDefinition, GorgiasIntegration } from './gorgias-data';

/*
 * Contract decisions where gorgias.md / the seed tutorial leave room:
 * - Errors: always `{ message, errors? }`, `errors` mapping a field path (`messages.0.source.to`,
 *   `limit`, `cursor`, `_schema` for the body as a whole) to messages. 401 is
 *   `{ message: 'Unauthorized' }`; unknown routes and non-numeric ids are 404 (Flask-style int
 *   routes). Injected faults keep their own bodies.
 * - Bodies and queries are strict: an undocumented key → 400 `{ <key>: ['Unknown field'] }`.
 * - Rate limit: one bucket per auth kind (API key 40, OAuth 80 per 20 s by default). Every
 *   authenticated response carries `X-Gorgias-Account-Api-Call-Limit`, 429s too; 401s and
 *   injected faults carry nothing and cost nothing (they cannot be charged to an integration).
 *   `Retry-after` is precise seconds by default (see GorgiasRetryAfterFormat).
 * - Channel rules for a message (create ticket and post message):
 *   every message: `channel`, `via` (non-empty strings, free text), `from_agent` (boolean),
 *   and a non-empty `body_text` or `body_html`.
 *   internal-note: `from_agent: true` and `sender` = id or email of an existing user (the
 *   deprecated "posted as Gorgias Bot" fallback is not modelled: a missing or unknown user → 400).
 *   Outgoing (`from_agent: true`, other channels): `sender` must be an existing user, and
 *   `source.to` must list the customer's address except on the `api` channel.
 *   Incoming email/phone/sms: `source.from.address` and a non-empty `source.to[].address`.
 *   Incoming api: `sender` with `id` (an existing customer) and/or `email`.
 *   Incoming on any other channel: `sender` or `source.from`.
 * - The ticket's customer: `customer` `{id}` (must exist) or `{email}` (created when unknown),
 *   else the first incoming message's sender (or its email `source.from`); none → 400
 *   `customer`. Ticket-level `channel` defaults to the first message's, `via` to `api`,
 *   `from_agent` to the first message's. `priority` is any non-empty string (default `normal`).
 * - Tags by name match case-insensitively and are created when unknown; unknown tag, user or
 *   team ids → 400 on the field. `custom_fields` is sent as `[{id, value}]` (or already keyed by
 *   id) and rendered keyed by id; every id must be an active Ticket field definition and the
 *   value must fit its data type (dropdown values outside the choices are accepted).
 * - Ticket custom-field values: `GET`/`PUT /tickets/:id/custom-fields` answer the list envelope
 *   (`{data: [{id, field, value}]}`); PUT replaces all values (a field left out loses its
 *   value). The per-field PUT takes the bare JSON value (string, number or boolean; anything
 *   else → 400) and changes that field only; the per-field DELETE (no body) clears it, 204 even
 *   when it had no value. Both need an active Ticket field id (else 400). Changes record
 *   `ticket-updated` with `changes: ['custom_fields']`.
 * - Customers: `language` must be an ISO 639-1 code (two lower-case letters) and `timezone` an
 *   IANA zone name, as the customer object documents them (else 400).
 * - Customers: create needs `channels`; an email (primary or email channel) already used by
 *   another customer → 409 `{message}` without naming that customer. PUT replaces `channels`.
 * - HTTP integrations: create/update validated against the documented value sets (hyphenated
 *   trigger keys only); the sandbox delivers `ticket-created`, `ticket-updated` and
 *   `ticket-message-created` (see gorgias-integrations.ts for the rendering) and disables an
 *   integration after `integrationFailureLimit` failed calls in a row. DELETE answers 204.
 * - `trashed=true` lists only trashed tickets; without it trashed tickets are hidden (also from
 *   `ticket_ids`). Spam tickets are listed like the others. DELETE removes a ticket for good.
 * - Views carry a sandbox filter (status, channel, assignee_user_id, assignee_team_id, tag,
 *   spam); an unknown `view_id` → 404. `rule_id` matches the seeded `rule_ids` of tickets.
 * - PUT /tickets/:id replaces `meta`, `custom_fields` and (with `tags`) the tag set. Closing sets
 *   `closed_datetime`, reopening clears it. A new message does not reopen a closed ticket.
 * - Events: ticket-created, ticket-message-created (object `TicketMessage`, `data.ticket_id`),
 *   ticket-updated (`data.changes` = changed API fields), ticket-closed, ticket-assigned
 *   (assignee set to a user or team, not on unassign), ticket-deleted. Only API calls record
 *   events; seed helpers do not. `user_id` is the API user when the Basic-auth email is a user.
 *   `GET /events` filters by `types`, `object_type`, `object_id`, `user_ids` (repeated keys) and
 *   `created_datetime[gt|gte|lt|lte]`; anything else in the query is a 400.
 * - Lists: tickets `created_datetime:desc` by default; messages oldest first; users, teams,
 *   customers, views and a ticket's tags by ascending id; events newest first. List items
 *   omit `messages`. Tags and satisfaction surveys: see gorgias-tags-surveys.ts.
 */

export const GORGIAS_API_PREFIX = '/api';

/** Route keys, usable with `injectFault` and `requestsTo`. */
export const GORGIAS_ROUTES = {
	getAccount: 'GET /api/account',
	listTickets: 'GET /api/tickets',
	createTicket: 'POST /api/tickets',
	getTicket: 'GET /api/tickets/:id',
	updateTicket: 'PUT /api/tickets/:id',
	deleteTicket: 'DELETE /api/tickets/:id',
	listTicketTags: 'GET /api/tickets/:id/tags',
	addTicketTags: 'POST /api/tickets/:id/tags',
	replaceTicketTags: 'PUT /api/tickets/:id/tags',
	removeTicketTags: 'DELETE /api/tickets/:id/tags',
	listTicketMessages: 'GET /api/tickets/:id/messages',
	createTicketMessage: 'POST /api/tickets/:id/messages',
	listUsers: 'GET /api/users',
	listTeams: 'GET /api/teams',
	listCustomers: 'GET /api/customers',
	listViews: 'GET /api/views',
	getView: 'GET /api/views/:id',
	listViewItems: 'GET /api/views/:id/items',
	searchViewItems: 'PUT /api/views/:id/items',
	search: 'POST /api/search',
	getUser: 'GET /api/users/:id',
	createUser: 'POST /api/users',
	updateUser: 'PUT /api/users/:id',
	getTeam: 'GET /api/teams/:id',
	createTeam: 'POST /api/teams',
	updateTeam: 'PUT /api/teams/:id',
	listEvents: 'GET /api/events',
	getCustomer: 'GET /api/customers/:id',
	createCustomer: 'POST /api/customers',
	updateCustomer: 'PUT /api/customers/:id',
	listCustomFields: 'GET /api/custom-fields',
	getCustomField: 'GET /api/custom-fields/:id',
	listTicketCustomFields: 'GET /api/tickets/:id/custom-fields',
	replaceTicketCustomFields: 'PUT /api/tickets/:id/custom-fields',
	setTicketCustomField: 'PUT /api/tickets/:id/custom-fields/:fieldId',
	clearTicketCustomField: 'DELETE /api/tickets/:id/custom-fields/:fieldId',
	listIntegrations: 'GET /api/integrations',
	getIntegration: 'GET /api/integrations/:id',
	createIntegration: 'POST /api/integrations',
	updateIntegration: 'PUT /api/integrations/:id',
	deleteIntegration: 'DELETE /api/integrations/:id',
	upload: 'POST /api/upload',
	downloadAttachment: 'GET /api/:fileType/download/:hash/:name',
	signedFile: 'GET /signed/:hash/:name',
	...GORGIAS_MACRO_ROUTES,
	...GORGIAS_TAG_SURVEY_ROUTES,
} as const;

export interface GorgiasSandboxOptions {
	/** Basic-auth user; default a random address. */
	email?: string;
	/** Basic-auth password (the REST API key); default random. */
	apiKey?: string;
	/** Bearer token of an OAuth app; default random. */
	oauthToken?: string;
	latencyMs?: number;
	/** Default 40 per 20 s (OAuth twice the capacity); `false` disables limiting and its header. */
	bucket?: GorgiasBucketConfig | false;
	retryAfter?: GorgiasRetryAfterFormat;
	/** How long a cursor stays valid; default 5 minutes. */
	cursorTtlMs?: number;
	/** The account's subdomain, answered by GET /api/account. */
	domain?: string;
	/** Failed HTTP-integration calls in a row after which it is disabled (Gorgias: 100). */
	integrationFailureLimit?: number;
	/** Largest file an upload takes (the helpdesk UI says 10 MB); bigger ones answer 413. */
	uploadLimitBytes?: number;
}

/** A stored upload. */
export interface GorgiasFile {
	hash: string;
	name: string;
	content_type: string;
	data: Buffer;
}

const UPLOAD_TYPES = [
	'attachment',
	'public_attachment',
	'profile_picture',
	'widget_picture',
] as const;
const uploadQuery = z.object({ type: z.enum(UPLOAD_TYPES).default('attachment') }).strict();

// --- schemas -----------------------------------------------------------------------------------

const positiveInt = z.number({ invalid_type_error: 'Expected an integer' }).int().positive();
const datetime = z
	.string()
	.refine((value) => parseDatetimeMicros(value) !== undefined, 'Expected an ISO 8601 date-time');
const text = z.string().trim().min(1, 'Must not be empty');
const freeMeta = z.record(z.unknown());

const address = z.object({ address: text, name: z.string().nullable().optional() }).strict();
const messageSource = z
	.object({
		type: z.string().optional(),
		from: address.optional(),
		to: z.array(address).optional(),
		cc: z.array(address).optional(),
		bcc: z.array(address).optional(),
		extra: freeMeta.optional(),
	})
	.strict();
const personRef = z
	.object({
		id: positiveInt.optional(),
		email: z.string().email('Expected an email address').optional(),
		name: z.string().nullable().optional(),
		firstname: z.string().nullable().optional(),
		lastname: z.string().nullable().optional(),
	})
	.strict();
const idRef = z.object({ id: positiveInt }).strict();
const tagRefs = z.array(
	z
		.object({ id: positiveInt.optional(), name: text.optional() })
		.strict()
		.refine((tag) => tag.id !== undefined || tag.name !== undefined, 'Give the tag id or name'),
);
const customField = z.object({ id: positiveInt, value: z.unknown() }).strict();
const customFields = z.preprocess(
	(value) =>
		value !== null && typeof value === 'object' && !Array.isArray(value)
			? Object.values(value)
			: value,
	z.array(customField),
);

const messageBody = z
	.object({
		channel: text,
		via: text,
		from_agent: z.boolean(),
		sender: personRef.optional(),
		receiver: personRef.optional(),
		source: messageSource.optional(),
		body_text: z.string().nullable().optional(),
		body_html: z.string().nullable().optional(),
		stripped_text: z.string().nullable().optional(),
		stripped_html: z.string().nullable().optional(),
		subject: z.string().nullable().optional(),
		public: z.boolean().optional(),
		attachments: z
			.array(
				z
					.object({
						url: z.string().url(),
						name: z.string().optional(),
						// The reference documents an integer; its example is a string.
						size: z.union([z.number(), z.string()]).optional(),
						content_type: z.string().optional(),
						public: z.boolean().optional(),
					})
					.strict(),
			)
			.optional(),
		external_id: z.string().nullable().optional(),
		message_id: z.string().nullable().optional(),
		meta: freeMeta.nullable().optional(),
		integration_id: positiveInt.nullable().optional(),
		created_datetime: datetime.optional(),
		sent_datetime: datetime.nullable().optional(),
	})
	.strict();
type MessageInput = z.output<typeof messageBody>;

const ticketStatus = z.enum(GORGIAS_TICKET_STATUSES, {
	errorMap: () => ({ message: `Expected one of ${GORGIAS_TICKET_STATUSES.join(', ')}` }),
});

const createTicketBody = z
	.object({
		messages: z
			.array(messageBody)
			.min(1, 'At least one message is required')
			.max(500, 'At most 500 messages'),
		customer: personRef.optional(),
		channel: text.optional(),
		via: text.optional(),
		from_agent: z.boolean().optional(),
		status: ticketStatus.optional(),
		priority: text.optional(),
		subject: z.string().nullable().optional(),
		language: z.string().nullable().optional(),
		external_id: z.string().nullable().optional(),
		spam: z.boolean().optional(),
		is_unread: z.boolean().optional(),
		meta: freeMeta.nullable().optional(),
		custom_fields: customFields.optional(),
		tags: tagRefs.optional(),
		assignee_user: idRef.nullable().optional(),
		assignee_team: idRef.nullable().optional(),
		created_datetime: datetime.optional(),
		opened_datetime: datetime.nullable().optional(),
		closed_datetime: datetime.nullable().optional(),
		snooze_datetime: datetime.nullable().optional(),
	})
	.strict();
type CreateTicketInput = z.output<typeof createTicketBody>;

const updateTicketBody = z
	.object({
		status: ticketStatus.optional(),
		assignee_user: idRef.nullable().optional(),
		assignee_team: idRef.nullable().optional(),
		subject: z.string().nullable().optional(),
		priority: text.optional(),
		spam: z.boolean().optional(),
		snooze_datetime: datetime.nullable().optional(),
		is_unread: z.boolean().optional(),
		meta: freeMeta.nullable().optional(),
		custom_fields: customFields.optional(),
		language: z.string().nullable().optional(),
		external_id: z.string().nullable().optional(),
		trashed_datetime: datetime.nullable().optional(),
		tags: tagRefs.optional(),
	})
	.strict();
type UpdateTicketInput = z.output<typeof updateTicketBody>;

const ticketTagsBody = z
	.object({
		ids: z.array(positiveInt).optional(),
		names: z.array(text).optional(),
	})
	.strict();

const pageOnly = z.object(pageShape).strict();
const noQuery = z.object({}).strict();

const TICKET_ORDERS = [
	'created_datetime:desc',
	'created_datetime:asc',
	'updated_datetime:desc',
	'updated_datetime:asc',
] as const;
const EVENT_ORDERS = ['created_datetime:desc', 'created_datetime:asc'] as const;

const ticketIds = z.preprocess(
	(value) => (value === undefined || Array.isArray(value) ? value : [value]),
	z
		.array(queryInt({ min: 1 }))
		.min(1, 'Give at least one ticket id')
		.max(100, 'At most 100 ticket ids'),
);

const listTicketsQuery = z
	.object({
		...pageShape,
		order_by: z.enum(TICKET_ORDERS).default('created_datetime:desc'),
		customer_id: queryInt({ min: 1 }).optional(),
		view_id: queryInt({ min: 1 }).optional(),
		rule_id: queryInt({ min: 1 }).optional(),
		external_id: z.string().optional(),
		trashed: queryBoolean().optional(),
		ticket_ids: ticketIds.optional(),
	})
	.strict();

const queryDatetime = z
	.string({ invalid_type_error: 'Expected a single date-time' })
	.refine((value) => parseDatetimeMicros(value) !== undefined, 'Expected an ISO 8601 date-time')
	.transform((value) => parseDatetimeMicros(value) as number);

const listEventsQuery = z
	.object({
		...pageShape,
		order_by: z.enum(EVENT_ORDERS).default('created_datetime:desc'),
		types: oneOrMany(text).optional(),
		object_type: text.optional(),
		object_id: queryInt({ min: 1 }).optional(),
		user_ids: oneOrMany(queryInt({ min: 1 })).optional(),
		'created_datetime[gt]': queryDatetime.optional(),
		'created_datetime[gte]': queryDatetime.optional(),
		'created_datetime[lt]': queryDatetime.optional(),
		'created_datetime[lte]': queryDatetime.optional(),
	})
	.strict();

const listMessagesQuery = z
	.object({ ...pageShape, order_by: z.enum(EVENT_ORDERS).default('created_datetime:asc') })
	.strict();

const listCustomersQuery = z
	.object({
		...pageShape,
		email: z.string().min(1).optional(),
		external_id: z.string().min(1).optional(),
	})
	.strict();

const CUSTOMER_CHANNEL_TYPES = [
	'email',
	'phone',
	'chat',
	'twitter',
	'facebook',
	'instagram',
	'instagram-direct-message',
	'whatsapp',
] as const;
const customerChannel = z
	.object({
		type: z.enum(CUSTOMER_CHANNEL_TYPES),
		address: text,
		preferred: z.boolean().optional(),
	})
	.strict();
const customerFields = {
	email: z.string().email('Expected an email address').nullable().optional(),
	name: z.string().nullable().optional(),
	firstname: z.string().nullable().optional(),
	lastname: z.string().nullable().optional(),
	external_id: z.string().nullable().optional(),
	language: z
		.string()
		.regex(/^[a-z]{2}$/, 'Expected an ISO 639-1 language code')
		.nullable()
		.optional(),
	timezone: z.string().refine(isTimeZone, 'Expected an IANA time zone').nullable().optional(),
	note: z.string().nullable().optional(),
	meta: freeMeta.nullable().optional(),
	channels: z.array(customerChannel).optional(),
};
// The reference lists `channels` as required on create.
const createCustomerBody = z
	.object({ ...customerFields, channels: z.array(customerChannel).min(1, 'Required') })
	.strict();
const updateCustomerBody = z.object(customerFields).strict();
type CustomerInput = z.output<typeof updateCustomerBody>;

const listCustomFieldsQuery = z
	.object({
		...pageShape,
		object_type: z.enum(['Ticket', 'Customer']),
		search: z.string().optional(),
		archived: queryBoolean().optional(),
		order_by: z.enum(['priority:asc', 'priority:desc']).default('priority:desc'),
	})
	.strict();
const customFieldValues = z.array(customField);
// The per-field PUT takes the bare JSON value; an object (`{value}`), a list, null or an empty
// body is refused.
const customFieldValue = z.union([z.string(), z.number(), z.boolean()]);

const INTEGRATION_TRIGGERS = [
	'ticket-created',
	'ticket-updated',
	'ticket-message-created',
	'ticket-self-unsnoozed',
	'ticket-message-failed',
	'ticket-assignment-updated',
	'ticket-status-updated',
] as const;
/** The UI does not let these two be combined with the others (they send a shorter payload). */
const SHORT_PAYLOAD_TRIGGERS = new Set(['ticket-assignment-updated', 'ticket-status-updated']);
const httpConfig = z
	.object({
		id: positiveInt.optional(),
		url: z.string().url('Expected a URL'),
		method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']),
		request_content_type: z.enum(['application/json', 'application/x-www-form-urlencoded']),
		response_content_type: z.literal('application/json'),
		headers: z.record(z.string()).optional(),
		form: z.unknown().optional(),
		triggers: z
			.record(z.boolean())
			.optional()
			.superRefine((triggers, issue) => {
				const on = Object.entries(triggers ?? {}).filter(([, value]) => value);
				for (const [key] of Object.entries(triggers ?? {})) {
					if (!(INTEGRATION_TRIGGERS as readonly string[]).includes(key)) {
						issue.addIssue({ code: 'custom', path: [key], message: 'Unknown trigger' });
					}
				}
				if (on.length === 0)
					issue.addIssue({ code: 'custom', message: 'Choose at least one trigger' });
				const short = on.filter(([key]) => SHORT_PAYLOAD_TRIGGERS.has(key)).length;
				if (short > 0 && short < on.length) {
					issue.addIssue({
						code: 'custom',
						message: 'Assignment and status triggers cannot be combined with the others',
					});
				}
			}),
	})
	.strict();
const createIntegrationBody = z
	.object({
		name: text,
		description: z.string().nullable().optional(),
		type: z.literal('http'),
		deactivated_datetime: datetime.nullable().optional(),
		http: httpConfig,
	})
	.strict();
// The UI sends the whole object back; read-only fields are accepted and ignored.
const updateIntegrationBody = z
	.object({
		name: text,
		description: z.string().nullable().optional(),
		type: z.literal('http').optional(),
		deactivated_datetime: datetime.nullable().optional(),
		http: httpConfig.optional(),
		id: positiveInt.optional(),
		uri: z.string().optional(),
		created_datetime: z.string().optional(),
		updated_datetime: z.string().optional(),
		user: z.unknown().optional(),
		application_id: z.string().nullable().optional(),
		managed: z.boolean().optional(),
	})
	.strict();
const listIntegrationsQuery = z
	.object({
		...pageShape,
		order_by: z.enum(EVENT_ORDERS).default('created_datetime:desc'),
		type: z.string().optional(),
	})
	.strict();

// --- helpers -----------------------------------------------------------------------------------

type IncomingHttpHeaders = SandboxRequest['headers'];

/** Channels whose incoming messages must carry both ends of `source`. */
const ADDRESSED_CHANNELS = new Set(['email', 'phone', 'sms']);

function hasText(value: string | null | undefined): boolean {
	return typeof value === 'string' && value.trim() !== '';
}

function collectIssues(error: z.ZodError, errors: GorgiasFieldErrors): void {
	for (const issue of error.issues) {
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys)
				addFieldError(errors, [...issue.path, key].join('.'), 'Unknown field');
		} else {
			addFieldError(errors, issue.path.join('.') || '_schema', issue.message);
		}
	}
}

function parseInto<S extends z.ZodTypeAny>(
	schema: S,
	value: unknown,
	errors: GorgiasFieldErrors,
): z.output<S> {
	const result = schema.safeParse(value);
	if (result.success) return result.data as z.output<S>;
	collectIssues(result.error, errors);
	return undefined as z.output<S>;
}

function hasErrors(errors: GorgiasFieldErrors): boolean {
	return Object.keys(errors).length > 0;
}

/** An IANA zone name as the runtime knows it (a UTC offset such as `+01:00` is none). */
function isTimeZone(name: string): boolean {
	if (!/^[A-Za-z]/.test(name)) return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

function toCustomFields(
	list: Array<{ id: number; value?: unknown }>,
): Record<string, GorgiasCustomField> {
	return Object.fromEntries(
		list.map((field) => [String(field.id), { id: field.id, value: field.value }]),
	);
}

function normalizeDatetime(value: string | null | undefined): string | null | undefined {
	return value === null || value === undefined ? value : toGorgiasDatetime(value);
}

function frameworkErrorMessage(body: unknown): string | undefined {
	if (body === null || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	return typeof record.statusCode === 'number' && typeof record.message === 'string'
		? record.message
		: undefined;
}

/** Who a message is from, decided during validation and resolved when committing. */
type SenderPlan =
	| { kind: 'user'; user: GorgiasUser }
	| { kind: 'customer'; id?: number; email?: string; name?: string | null }
	| { kind: 'ticket-customer' };
type CustomerPlan = Extract<SenderPlan, { kind: 'customer' }>;

interface EndpointContext<Q, B> {
	params: Params;
	query: Q;
	body: B;
	headers: IncomingHttpHeaders;
	path: string;
	rawBytes: Buffer;
}

export interface EndpointSpec<Q extends z.ZodTypeAny, B extends z.ZodTypeAny> {
	/** Default: no query parameter allowed. */
	query?: Q;
	/** Default: the body is ignored. */
	body?: B;
	handler(
		ctx: EndpointContext<z.output<Q>, z.output<B>>,
	): SandboxResponse | Promise<SandboxResponse>;
}

const FIELD_NAMES: Partial<Record<keyof GorgiasTicketRecord, string>> = {
	assignee_user_id: 'assignee_user',
	assignee_team_id: 'assignee_team',
	tag_ids: 'tags',
};

export class GorgiasSandbox extends Sandbox {
	readonly email: string;
	readonly apiKey: string;
	readonly oauthToken: string;
	readonly state: GorgiasState;
	readonly limiter: GorgiasRateLimiter;
	readonly cursors: CursorCodec;
	readonly deliverer: IntegrationDeliverer;
	/** Macros and the jobs that apply them (gorgias-macros.ts). */
	readonly macroDesk: GorgiasMacroDesk;
	/** Uploaded files by `<hash>/<name>`. */
	readonly files = new Map<string, GorgiasFile>();
	uploadLimitBytes: number;

	constructor(options: GorgiasSandboxOptions = {}) {
		super({ latencyMs: options.latencyMs });
		const suffix = randomBytes(4).toString('hex');
		this.email = options.email ?? `api-${suffix}@acme.example`;
		this.apiKey = options.apiKey ?? randomBytes(24).toString('hex');
		this.oauthToken = options.oauthToken ?? `oauth-${randomBytes(24).toString('base64url')}`;
		this.state = new GorgiasState(options.domain);
		this.limiter = new GorgiasRateLimiter(
			options.bucket ?? GORGIAS_DEFAULT_BUCKET,
			options.retryAfter ?? 'precise',
		);
		this.cursors = new CursorCodec(options.cursorTtlMs ?? GORGIAS_DEFAULT_CURSOR_TTL_MS);
		this.use(async (request, next) =>
			// Signed download URLs are what Gorgias hands out to be fetched without credentials.
			request.route === GORGIAS_ROUTES.signedFile
				? await next()
				: await this.gate(request.headers, next),
		);
		this.registerTicketRoutes();
		this.registerTicketTagRoutes();
		registerTagSurveyRoutes({
			state: this.state,
			cursors: this.cursors,
			endpoint: (key, spec) => this.endpoint(key, spec),
			actorId: (headers) => this.actorId(headers),
		});
		this.registerLookupRoutes();
		this.registerDirectoryRoutes();
		this.registerCustomerRoutes();
		this.registerCustomFieldRoutes();
		this.registerIntegrationRoutes();
		this.macroDesk = new GorgiasMacroDesk({
			endpoint: (key, spec) => this.endpoint(key, spec),
			state: this.state,
			cursors: this.cursors,
			updateTicket: (ticket, change, actor) => this.updateTicket(ticket, change, actor),
			actorId: (headers) => this.actorId(headers),
		});
		this.deliverer = new IntegrationDeliverer(options.integrationFailureLimit ?? 100);
		this.uploadLimitBytes = options.uploadLimitBytes ?? 10 * 1024 * 1024;
		this.registerFileRoutes();
		this.state.eventListeners.push((event) => this.deliverEvent(event));
	}

	get domain(): string {
		return this.state.domain;
	}

	get cursorTtlMs(): number {
		return this.cursors.ttlMs;
	}

	set cursorTtlMs(ms: number) {
		this.cursors.ttlMs = ms;
	}

	/** `Basic base64(email:apiKey)`, what an API-key integration sends. */
	get basicAuthorization(): string {
		return `Basic ${Buffer.from(`${this.email}:${this.apiKey}`).toString('base64')}`;
	}

	get bearerAuthorization(): string {
		return `Bearer ${this.oauthToken}`;
	}

	/** Which credential a request used; null when it did not authenticate. */
	authKindOf(request: { headers: IncomingHttpHeaders }): GorgiasAuthKind | null {
		const value = request.headers.authorization;
		if (typeof value !== 'string') return null;
		const match = /^(\S+)\s+(\S+)\s*$/.exec(value.trim());
		if (!match) return null;
		const scheme = match[1].toLowerCase();
		if (scheme === 'basic') {
			const decoded = Buffer.from(match[2], 'base64').toString('utf8');
			return decoded === `${this.email}:${this.apiKey}` ? 'api-key' : null;
		}
		if (scheme === 'bearer') return match[2] === this.oauthToken ? 'oauth' : null;
		return null;
	}

	requestsBy(kind: GorgiasAuthKind): LoggedRequest[] {
		return this.requests.filter((entry) => this.authKindOf(entry) === kind);
	}

	bucketStats(): GorgiasBucketStats {
		return this.limiter.stats();
	}

	/** New limits at runtime (levels kept); `false` turns limiting off. */
	setBucket(config: GorgiasBucketConfig | false): void {
		this.limiter.configure(config);
	}

	setBucketLevel(kind: GorgiasAuthKind, level: number): void {
		this.limiter.setLevel(kind, level);
	}

	resetBucket(): void {
		this.limiter.reset();
	}

	addTicket(seed?: GorgiasTicketSeed): GorgiasTicket {
		return this.state.addTicket(seed);
	}

	addMessage(ticketId: number, partial?: Partial<GorgiasMessage>): GorgiasMessage {
		return this.state.addMessage(ticketId, partial);
	}

	addUser(partial?: Partial<GorgiasUser>): GorgiasUser {
		return this.state.addUser(partial);
	}

	addTeam(partial?: Partial<GorgiasTeam>): GorgiasTeam {
		return this.state.addTeam(partial);
	}

	addTag(partial?: Partial<GorgiasTag>): GorgiasTag {
		return this.state.addTag(partial);
	}

	addCustomer(partial?: Partial<GorgiasCustomer>): GorgiasCustomer {
		return this.state.addCustomer(partial);
	}

	addView(partial?: Partial<GorgiasView>): GorgiasView {
		return this.state.addView(partial);
	}

	/** The API user (this sandbox's Basic-auth email) plus a varied account of 35 tickets. */
	seedDemo() {
		return this.state.seedDemo(this.email);
	}

	/** The ticket as GET /api/tickets/:id would answer it now (trashed included), or undefined. */
	ticket(id: number): GorgiasTicket | undefined {
		const record = this.state.tickets.get(id);
		return record && this.state.ticketJson(record, true);
	}

	/** A survey of the ticket, as Gorgias sends one after the ticket closes. */
	addSurvey(ticketId: number, partial?: Partial<GorgiasSatisfactionSurvey>) {
		return this.state.addSurvey(ticketId, partial);
	}

	/** The customer answers the survey: its score, comment and `satisfaction-survey-responded`. */
	answerSurvey(id: number, score: number, bodyText?: string): GorgiasEvent {
		return this.state.answerSurvey(id, score, bodyText);
	}

	events(type?: string): GorgiasEvent[] {
		return this.state.events.filter((event) => type === undefined || event.type === type);
	}

	addCustomField(partial?: Partial<GorgiasCustomFieldDefinition>): GorgiasCustomFieldDefinition {
		return this.state.addCustomField(partial);
	}

	/** Calls made to HTTP integrations so far, oldest first. */
	get deliveries(): readonly Delivery[] {
		return this.deliverer.deliveries;
	}

	/** Waits until every HTTP-integration call started so far has been answered. */
	async deliveriesSettled(): Promise<void> {
		await this.deliverer.settled();
	}

	/** Sends an earlier call again, as Gorgias does when it retries one. */
	redeliver(delivery: RenderedCall): void {
		this.deliverer.deliver(delivery, () => this.disableIntegration(delivery.integrationId));
	}

	integration(id: number): GorgiasIntegration | undefined {
		return this.state.integrations.get(id);
	}

	/** Empty account, log, faults, buckets; every cursor issued so far becomes unknown. */
	/** Stores a file as an upload would, returning its File object (as on a message). */
	addFile(name: string, data: Buffer, contentType = 'application/octet-stream') {
		const file: GorgiasFile = {
			hash: randomBytes(8).toString('hex'),
			name,
			content_type: contentType,
			data,
		};
		this.files.set(`${file.hash}/${name}`, file);
		return fileJson(file);
	}

	reset(): void {
		this.macroDesk.clear();
		this.files.clear();
		this.deliverer.clear();
		this.state.clear();
		this.clearLog();
		this.clearFaults();
		this.limiter.reset();
		this.cursors.rotate();
	}

	// --- request pipeline --------------------------------------------------------------------

	/** Auth, then the bucket, then the route; every authenticated answer gets the limit header. */
	private async gate(
		headers: IncomingHttpHeaders,
		next: () => Promise<SandboxResponse>,
	): Promise<SandboxResponse> {
		const kind = this.authKindOf({ headers });
		if (kind === null) return { status: 401, body: gorgiasErrorBody('Unauthorized') };
		const admission = this.limiter.admit(kind);
		if (!admission.accepted) {
			return {
				status: 429,
				body: gorgiasErrorBody('Too many requests: the account API call limit is reached'),
				headers: admission.headers,
			};
		}
		let response: SandboxResponse;
		try {
			response = await next();
		} catch (error) {
			response = toResponse(error);
		}
		// The framework's own answers (unknown route, unparsable JSON) get the Gorgias shape.
		const frameworkMessage = frameworkErrorMessage(response.body);
		if (response.status >= 400 && frameworkMessage !== undefined) {
			response = { ...response, body: gorgiasErrorBody(frameworkMessage) };
		}
		return { ...response, headers: { ...response.headers, ...admission.headers } };
	}

	/** Registers a route whose query/body are parsed here, so errors get the Gorgias shape. */
	private endpoint<Q extends z.ZodTypeAny = typeof noQuery, B extends z.ZodTypeAny = z.ZodUnknown>(
		key: string,
		spec: EndpointSpec<Q, B>,
	): void {
		const querySchema = spec.query ?? noQuery;
		this.route(key, {
			handler: async (ctx) => {
				const errors: GorgiasFieldErrors = {};
				const query = parseInto(querySchema, ctx.query, errors) as z.output<Q>;
				const body = (spec.body ? parseInto(spec.body, ctx.body, errors) : ctx.body) as z.output<B>;
				if (hasErrors(errors)) throw invalidRequest(errors);
				return await spec.handler({
					params: ctx.params,
					query,
					body,
					headers: ctx.headers,
					path: ctx.path,
					rawBytes: ctx.rawBytes,
				});
			},
		});
	}

	private ticketRecord(id: string): GorgiasTicketRecord {
		// Upstream routes are typed `<int:id>`: anything else does not match a route at all.
		const ticket = /^\d{1,15}$/.test(id) ? this.state.tickets.get(Number(id)) : undefined;
		if (!ticket) throw gorgiasError(404, 'Ticket not found');
		return ticket;
	}

	/** The user behind an API-key call, for events' `user_id`. */
	private actorId(headers: IncomingHttpHeaders): number | null {
		if (this.authKindOf({ headers }) !== 'api-key') return null;
		return this.state.userByRef({ email: this.email })?.id ?? null;
	}

	// --- validation of messages and references -----------------------------------------------

	private checkAgentSender(
		message: MessageInput,
		path: string,
		errors: GorgiasFieldErrors,
		role: string,
	): GorgiasUser | undefined {
		const sender = message.sender;
		if (!sender) {
			addFieldError(errors, `${path}.sender`, `Required for ${role}: the id or email of a user`);
			return undefined;
		}
		if (sender.id === undefined && sender.email === undefined) {
			addFieldError(errors, `${path}.sender`, 'Give the id or email of a user');
			return undefined;
		}
		const user = this.state.userByRef(sender);
		if (!user) {
			const field = sender.id !== undefined ? 'sender.id' : 'sender.email';
			addFieldError(errors, `${path}.${field}`, 'No user with this id or email');
		}
		return user;
	}

	private checkMessage(
		message: MessageInput,
		path: string,
		errors: GorgiasFieldErrors,
	): SenderPlan {
		const at = (field: string) => `${path}.${field}`;
		const channel = message.channel.toLowerCase();
		if (!hasText(message.body_text) && !hasText(message.body_html)) {
			addFieldError(errors, at('body_text'), 'body_text or body_html is required');
		}

		if (channel === 'internal-note') {
			if (!message.from_agent) {
				addFieldError(
					errors,
					at('from_agent'),
					'Must be true: internal notes are written by agents',
				);
			}
			const user = this.checkAgentSender(message, path, errors, 'internal notes');
			return user ? { kind: 'user', user } : { kind: 'ticket-customer' };
		}
		if (message.from_agent) {
			if (channel !== 'api' && !message.source?.to?.length) {
				addFieldError(
					errors,
					at('source.to'),
					'Required for outgoing messages: the customer address',
				);
			}
			const user = this.checkAgentSender(message, path, errors, 'outgoing messages');
			return user ? { kind: 'user', user } : { kind: 'ticket-customer' };
		}

		if (ADDRESSED_CHANNELS.has(channel)) {
			if (!message.source?.from) {
				addFieldError(errors, at('source.from'), `Required for ${channel} messages`);
			}
			if (!message.source?.to?.length) {
				addFieldError(errors, at('source.to'), `Required for ${channel} messages`);
			}
		}
		const sender = message.sender;
		if (sender) {
			if (sender.id !== undefined) {
				if (!this.state.customers.has(sender.id)) {
					addFieldError(errors, at('sender.id'), 'No customer with this id');
				}
				return { kind: 'customer', id: sender.id };
			}
			if (sender.email !== undefined) {
				return { kind: 'customer', email: sender.email, name: sender.name };
			}
			addFieldError(errors, at('sender'), 'Give the id and/or email of the customer');
			return { kind: 'ticket-customer' };
		}
		if (channel === 'api') {
			addFieldError(
				errors,
				at('sender'),
				'Required for api messages: the customer id and/or email',
			);
		} else if (!ADDRESSED_CHANNELS.has(channel) && !message.source?.from) {
			addFieldError(errors, at('sender'), 'Required: the customer as sender or source.from');
		}
		const from = message.source?.from;
		if (from && z.string().email().safeParse(from.address).success) {
			return { kind: 'customer', email: from.address, name: from.name };
		}
		return { kind: 'ticket-customer' };
	}

	private checkAssignees(
		body: { assignee_user?: { id: number } | null; assignee_team?: { id: number } | null },
		errors: GorgiasFieldErrors,
	): void {
		if (body.assignee_user && !this.state.users.has(body.assignee_user.id)) {
			addFieldError(errors, 'assignee_user.id', 'No user with this id');
		}
		if (body.assignee_team && !this.state.teams.has(body.assignee_team.id)) {
			addFieldError(errors, 'assignee_team.id', 'No team with this id');
		}
	}

	private checkTagIds(ids: number[], path: (index: number) => string, errors: GorgiasFieldErrors) {
		ids.forEach((id, index) => {
			if (!this.state.tags.has(id)) addFieldError(errors, path(index), 'No tag with this id');
		});
	}

	/** After validation: ids as given, names resolved or created; duplicates dropped. */
	private tagIds(ids: number[], names: string[]): number[] {
		return [...new Set([...ids, ...names.map((name) => this.state.ensureTag(name).id)])];
	}

	private resolveCustomer(plan: CustomerPlan): GorgiasCustomer {
		if (plan.id !== undefined) {
			const customer = this.state.customers.get(plan.id);
			if (!customer) throw new Error(`Customer ${plan.id} vanished during the request`);
			return customer;
		}
		return this.state.ensureCustomer(plan.email ?? '', plan.name);
	}

	private storeMessage(
		ticket: GorgiasTicketRecord,
		input: MessageInput,
		plan: SenderPlan,
	): GorgiasMessage {
		const state = this.state;
		const customer = state.customers.get(ticket.customer_id);
		const customerRef: GorgiasPersonRef = customer
			? state.customerRef(customer)
			: { id: ticket.customer_id, email: null, name: null };
		const sender =
			plan.kind === 'user'
				? state.userRef(plan.user)
				: plan.kind === 'customer'
					? state.customerRef(this.resolveCustomer(plan))
					: customerRef;
		const isNote = input.channel.toLowerCase() === 'internal-note';
		const created = normalizeDatetime(input.created_datetime) ?? state.now();
		const id = state.nextId('message');
		const message: GorgiasMessage = {
			id,
			uri: `/api/tickets/${ticket.id}/messages/${id}/`,
			ticket_id: ticket.id,
			message_id: input.message_id ?? null,
			external_id: input.external_id ?? null,
			public: input.public ?? !isNote,
			channel: input.channel,
			via: input.via,
			source: input.source ?? null,
			sender,
			receiver: input.from_agent && !isNote ? customerRef : null,
			from_agent: input.from_agent,
			subject: input.subject ?? ticket.subject,
			body_text: input.body_text ?? null,
			body_html: input.body_html ?? null,
			stripped_text: input.stripped_text ?? null,
			stripped_html: input.stripped_html ?? null,
			attachments: input.attachments ?? [],
			meta: input.meta ?? null,
			integration_id: input.integration_id ?? null,
			created_datetime: created,
			sent_datetime:
				input.sent_datetime !== undefined
					? (normalizeDatetime(input.sent_datetime) ?? null)
					: input.from_agent && !isNote
						? created
						: null,
			opened_datetime: null,
			failed_datetime: null,
		};
		const list = state.messages.get(ticket.id) ?? [];
		list.push(message);
		state.messages.set(ticket.id, list);
		return message;
	}

	// --- routes ------------------------------------------------------------------------------

	private registerTicketRoutes(): void {
		const state = this.state;

		this.endpoint(GORGIAS_ROUTES.getAccount, {
			handler: () => ok(state.account),
		});

		this.endpoint(GORGIAS_ROUTES.listTickets, {
			query: listTicketsQuery,
			handler: ({ query, path }) => {
				const view = query.view_id === undefined ? undefined : state.views.get(query.view_id);
				if (query.view_id !== undefined && !view) throw gorgiasError(404, 'View not found');
				const ids = query.ticket_ids && new Set(query.ticket_ids);
				const tickets = [...state.tickets.values()].filter(
					(ticket) =>
						(query.trashed === true) === (ticket.trashed_datetime !== null) &&
						(query.customer_id === undefined || ticket.customer_id === query.customer_id) &&
						(query.external_id === undefined || ticket.external_id === query.external_id) &&
						(query.rule_id === undefined || ticket.rule_ids.includes(query.rule_id)) &&
						(!ids || ids.has(ticket.id)) &&
						(!view || state.matchesView(ticket, view)),
				);
				const [field, direction] = query.order_by.split(':') as [
					'created_datetime' | 'updated_datetime',
					SortDirection,
				];
				return ok(
					paginateCursor(
						tickets,
						{
							key: (ticket) => [ticket[field], ticket.id],
							direction,
							scope: `tickets|${query.order_by}`,
							query,
							codec: this.cursors,
							uri: path,
						},
						(ticket) => state.ticketJson(ticket, false),
					),
				);
			},
		});

		this.endpoint(GORGIAS_ROUTES.createTicket, {
			body: createTicketBody,
			handler: ({ body, headers }) => ({
				status: 201,
				body: this.createTicket(body, this.actorId(headers)),
			}),
		});

		this.endpoint(GORGIAS_ROUTES.getTicket, {
			handler: ({ params }) => ok(state.ticketJson(this.ticketRecord(params.id), true)),
		});

		this.endpoint(GORGIAS_ROUTES.updateTicket, {
			body: updateTicketBody,
			handler: ({ params, body, headers }) => {
				const ticket = this.ticketRecord(params.id);
				this.updateTicket(ticket, body, this.actorId(headers));
				return ok(state.ticketJson(ticket, true));
			},
		});

		this.endpoint(GORGIAS_ROUTES.deleteTicket, {
			handler: ({ params, headers }) => {
				const ticket = this.ticketRecord(params.id);
				state.tickets.delete(ticket.id);
				state.messages.delete(ticket.id);
				state.recordEvent(
					'ticket-deleted',
					{ type: 'Ticket', id: ticket.id },
					{},
					this.actorId(headers),
				);
				return { status: 204 };
			},
		});

		this.endpoint(GORGIAS_ROUTES.listTicketMessages, {
			query: listMessagesQuery,
			handler: ({ params, query, path }) => {
				const ticket = this.ticketRecord(params.id);
				return ok(
					paginateCursor(state.messagesOf(ticket.id), {
						key: (message) => [message.created_datetime, message.id],
						direction: query.order_by === 'created_datetime:asc' ? 'asc' : 'desc',
						scope: `messages:${ticket.id}|${query.order_by}`,
						query,
						codec: this.cursors,
						uri: path,
					}),
				);
			},
		});

		this.endpoint(GORGIAS_ROUTES.createTicketMessage, {
			body: messageBody,
			handler: ({ params, body, headers }) => {
				const ticket = this.ticketRecord(params.id);
				const errors: GorgiasFieldErrors = {};
				const plan = this.checkMessage(body, '', errors);
				// Paths were built for a message inside `messages`; here the message is the body.
				const rooted = Object.fromEntries(
					Object.entries(errors).map(([key, value]) => [key.replace(/^\./, ''), value]),
				);
				if (hasErrors(rooted)) throw invalidRequest(rooted);
				const message = this.storeMessage(ticket, body, plan);
				if (!body.from_agent && body.channel.toLowerCase() !== 'internal-note') {
					ticket.is_unread = true;
				}
				ticket.updated_datetime = state.now();
				state.recordEvent(
					'ticket-message-created',
					{ type: 'TicketMessage', id: message.id },
					{ ticket_id: ticket.id },
					this.actorId(headers),
				);
				return { status: 201, body: message };
			},
		});
	}

	private createTicket(body: CreateTicketInput, actor: number | null): GorgiasTicket {
		const state = this.state;
		const errors: GorgiasFieldErrors = {};
		const plans = body.messages.map((message, index) =>
			this.checkMessage(message, `messages.${index}`, errors),
		);

		let customerPlan: CustomerPlan | undefined;
		if (body.customer) {
			const { id, email, name } = body.customer;
			if (id !== undefined) {
				if (!state.customers.has(id))
					addFieldError(errors, 'customer.id', 'No customer with this id');
				customerPlan = { kind: 'customer', id };
			} else if (email !== undefined) {
				customerPlan = { kind: 'customer', email, name };
			} else {
				addFieldError(errors, 'customer', 'Give the id or email of the customer');
			}
		} else {
			customerPlan = plans.find((plan): plan is CustomerPlan => plan.kind === 'customer');
			if (!customerPlan) {
				addFieldError(
					errors,
					'customer',
					'Required: give customer {id} or {email}, or an incoming message with a sender',
				);
			}
		}
		this.checkAssignees(body, errors);
		this.checkCustomFieldValues(body.custom_fields ?? [], (i) => `custom_fields.${i}`, errors);
		const tagRefsIn = body.tags ?? [];
		tagRefsIn.forEach((tag, index) => {
			if (tag.id !== undefined) this.checkTagIds([tag.id], () => `tags.${index}.id`, errors);
		});
		if (hasErrors(errors) || !customerPlan) throw invalidRequest(errors);

		const customer = this.resolveCustomer(customerPlan);
		const now = state.now();
		const created = normalizeDatetime(body.created_datetime) ?? now;
		const status = body.status ?? 'open';
		const first = body.messages[0];
		const ticket: GorgiasTicketRecord = {
			id: state.nextId('ticket'),
			external_id: body.external_id ?? null,
			status,
			priority: body.priority ?? 'normal',
			channel: body.channel ?? first.channel,
			via: body.via ?? 'api',
			from_agent: body.from_agent ?? first.from_agent,
			spam: body.spam ?? false,
			customer_id: customer.id,
			assignee_user_id: body.assignee_user?.id ?? null,
			assignee_team_id: body.assignee_team?.id ?? null,
			language: body.language ?? null,
			subject: body.subject ?? first.subject ?? null,
			meta: body.meta === undefined ? {} : body.meta,
			custom_fields: toCustomFields(body.custom_fields ?? []),
			tag_ids: this.tagIds(
				tagRefsIn.flatMap((tag) => (tag.id !== undefined ? [tag.id] : [])),
				tagRefsIn.flatMap((tag) => (tag.id === undefined && tag.name ? [tag.name] : [])),
			),
			rule_ids: [],
			is_unread: body.is_unread ?? true,
			created_datetime: created,
			opened_datetime: normalizeDatetime(body.opened_datetime) ?? null,
			updated_datetime: now,
			closed_datetime:
				status === 'closed' ? (normalizeDatetime(body.closed_datetime) ?? now) : null,
			snooze_datetime: normalizeDatetime(body.snooze_datetime) ?? null,
			trashed_datetime: null,
		};
		state.tickets.set(ticket.id, ticket);
		const messages = body.messages.map((message, index) =>
			this.storeMessage(ticket, message, plans[index]),
		);

		state.recordEvent('ticket-created', { type: 'Ticket', id: ticket.id }, {}, actor);
		for (const message of messages) {
			state.recordEvent(
				'ticket-message-created',
				{ type: 'TicketMessage', id: message.id },
				{ ticket_id: ticket.id },
				actor,
			);
		}
		if (ticket.assignee_user_id !== null || ticket.assignee_team_id !== null) {
			state.recordEvent(
				'ticket-assigned',
				{ type: 'Ticket', id: ticket.id },
				{ assignee_user_id: ticket.assignee_user_id, assignee_team_id: ticket.assignee_team_id },
				actor,
			);
		}
		return state.ticketJson(ticket, true);
	}

	private updateTicket(
		ticket: GorgiasTicketRecord,
		body: UpdateTicketInput,
		actor: number | null,
	): void {
		const state = this.state;
		const errors: GorgiasFieldErrors = {};
		this.checkAssignees(body, errors);
		this.checkCustomFieldValues(body.custom_fields ?? [], (i) => `custom_fields.${i}`, errors);
		(body.tags ?? []).forEach((tag, index) => {
			if (tag.id !== undefined) this.checkTagIds([tag.id], () => `tags.${index}.id`, errors);
		});
		if (hasErrors(errors)) throw invalidRequest(errors);

		const changes: string[] = [];
		const set = <K extends keyof GorgiasTicketRecord>(key: K, value: GorgiasTicketRecord[K]) => {
			if (JSON.stringify(ticket[key]) === JSON.stringify(value)) return;
			ticket[key] = value;
			changes.push(FIELD_NAMES[key] ?? key);
		};
		const wasClosed = ticket.status === 'closed';
		const before = { user: ticket.assignee_user_id, team: ticket.assignee_team_id };
		const now = state.now();

		if (body.status !== undefined) {
			set('status', body.status);
			if (body.status === 'closed' && !wasClosed) ticket.closed_datetime = now;
			if (body.status === 'open') ticket.closed_datetime = null;
		}
		if (body.assignee_user !== undefined) set('assignee_user_id', body.assignee_user?.id ?? null);
		if (body.assignee_team !== undefined) set('assignee_team_id', body.assignee_team?.id ?? null);
		if (body.subject !== undefined) set('subject', body.subject);
		if (body.priority !== undefined) set('priority', body.priority);
		if (body.spam !== undefined) set('spam', body.spam);
		if (body.snooze_datetime !== undefined)
			set('snooze_datetime', normalizeDatetime(body.snooze_datetime) ?? null);
		if (body.is_unread !== undefined) set('is_unread', body.is_unread);
		if (body.meta !== undefined) set('meta', body.meta);
		if (body.custom_fields !== undefined) set('custom_fields', toCustomFields(body.custom_fields));
		if (body.language !== undefined) set('language', body.language);
		if (body.external_id !== undefined) set('external_id', body.external_id);
		if (body.trashed_datetime !== undefined)
			set('trashed_datetime', normalizeDatetime(body.trashed_datetime) ?? null);
		if (body.tags !== undefined) {
			set(
				'tag_ids',
				this.tagIds(
					body.tags.flatMap((tag) => (tag.id !== undefined ? [tag.id] : [])),
					body.tags.flatMap((tag) => (tag.id === undefined && tag.name ? [tag.name] : [])),
				),
			);
		}
		if (changes.length === 0) return;

		ticket.updated_datetime = now;
		const object = { type: 'Ticket' as const, id: ticket.id };
		state.recordEvent('ticket-updated', object, { changes }, actor);
		if (!wasClosed && ticket.status === 'closed')
			state.recordEvent('ticket-closed', object, {}, actor);
		const assignedUser =
			ticket.assignee_user_id !== before.user && ticket.assignee_user_id !== null;
		const assignedTeam =
			ticket.assignee_team_id !== before.team && ticket.assignee_team_id !== null;
		if (assignedUser || assignedTeam) {
			state.recordEvent(
				'ticket-assigned',
				object,
				{ assignee_user_id: ticket.assignee_user_id, assignee_team_id: ticket.assignee_team_id },
				actor,
			);
		}
	}

	private registerTicketTagRoutes(): void {
		const state = this.state;

		/** Validates `{ids?, names?}`: at least one tag, known ids. */
		const tagSelection = (body: z.output<typeof ticketTagsBody>) => {
			const ids = body.ids ?? [];
			const names = body.names ?? [];
			if (ids.length === 0 && names.length === 0) {
				throw invalidRequest({ _schema: ['Give at least one tag in ids or names'] });
			}
			return { ids, names };
		};
		const changeTags = (
			ticket: GorgiasTicketRecord,
			next: number[],
			headers: IncomingHttpHeaders,
		): void => {
			if (JSON.stringify(next) === JSON.stringify(ticket.tag_ids)) return;
			ticket.tag_ids = next;
			ticket.updated_datetime = state.now();
			state.recordEvent(
				'ticket-updated',
				{ type: 'Ticket', id: ticket.id },
				{ changes: ['tags'] },
				this.actorId(headers),
			);
		};

		this.endpoint(GORGIAS_ROUTES.listTicketTags, {
			query: pageOnly,
			handler: ({ params, query, path }) => {
				const ticket = this.ticketRecord(params.id);
				const tags = ticket.tag_ids
					.map((id) => state.tags.get(id))
					.filter((tag): tag is GorgiasTag => tag !== undefined);
				return ok(
					paginateCursor(
						tags,
						{
							key: (tag) => [tag.id, tag.id],
							direction: 'asc',
							scope: `ticket-tags:${ticket.id}`,
							query,
							codec: this.cursors,
							uri: path,
						},
						(tag) => state.tagJson(tag),
					),
				);
			},
		});

		this.endpoint(GORGIAS_ROUTES.addTicketTags, {
			body: ticketTagsBody,
			handler: ({ params, body, headers }) => {
				const ticket = this.ticketRecord(params.id);
				const { ids, names } = tagSelection(body);
				const errors: GorgiasFieldErrors = {};
				this.checkTagIds(ids, (index) => `ids.${index}`, errors);
				if (hasErrors(errors)) throw invalidRequest(errors);
				changeTags(ticket, [...new Set([...ticket.tag_ids, ...this.tagIds(ids, names)])], headers);
				return { status: 201 };
			},
		});

		this.endpoint(GORGIAS_ROUTES.replaceTicketTags, {
			body: ticketTagsBody,
			handler: ({ params, body, headers }) => {
				const ticket = this.ticketRecord(params.id);
				const { ids, names } = tagSelection(body);
				const errors: GorgiasFieldErrors = {};
				this.checkTagIds(ids, (index) => `ids.${index}`, errors);
				if (hasErrors(errors)) throw invalidRequest(errors);
				changeTags(ticket, this.tagIds(ids, names), headers);
				return { status: 202 };
			},
		});

		this.endpoint(GORGIAS_ROUTES.removeTicketTags, {
			body: ticketTagsBody,
			handler: ({ params, body, headers }) => {
				const ticket = this.ticketRecord(params.id);
				const { ids, names } = tagSelection(body);
				// Removing what is not there is a no-op, and unknown names are never created here.
				const drop = new Set([
					...ids,
					...names.flatMap((name) => {
						const tag = state.tagByName(name);
						return tag ? [tag.id] : [];
					}),
				]);
				changeTags(
					ticket,
					ticket.tag_ids.filter((id) => !drop.has(id)),
					headers,
				);
				return { status: 204 };
			},
		});
	}

	private customerRecord(id: string): GorgiasCustomer {
		const customer = /^\d{1,15}$/.test(id) ? this.state.customers.get(Number(id)) : undefined;
		if (!customer) throw gorgiasError(404, 'Customer not found');
		return customer;
	}

	/** 409 when another customer already has the email (as primary email or email channel). */
	private checkEmailFree(email: string | null | undefined, self?: number): void {
		if (!email) return;
		const owner = [...this.state.customers.values()].find(
			(customer) =>
				customer.id !== self &&
				[customer.email, ...customer.channels.map((channel) => channel.address)].some(
					(address) => address?.toLowerCase() === email.toLowerCase(),
				),
		);
		// Whether Gorgias names the existing customer is unknown: the sandbox does not.
		if (owner) throw gorgiasError(409, 'A customer with this email address already exists');
	}

	private primaryEmail(body: CustomerInput): string | null | undefined {
		const emailChannel = body.channels?.find((channel) => channel.type === 'email');
		return body.email !== undefined ? body.email : emailChannel?.address;
	}

	private checkCustomerEmails(body: CustomerInput, self?: number): void {
		this.checkEmailFree(this.primaryEmail(body), self);
		for (const address of body.channels ?? []) {
			if (address.type === 'email') this.checkEmailFree(address.address, self);
		}
	}

	private applyCustomer(customer: GorgiasCustomer, body: CustomerInput): void {
		this.checkCustomerEmails(body, customer.id);
		const email = this.primaryEmail(body);
		if (email !== undefined) customer.email = email;
		for (const key of [
			'name',
			'firstname',
			'lastname',
			'external_id',
			'language',
			'timezone',
			'note',
		] as const) {
			if (body[key] !== undefined) customer[key] = body[key] ?? null;
		}
		if (body.meta !== undefined) customer.meta = body.meta ?? {};
		if (body.channels !== undefined) {
			customer.channels = body.channels.map((channel) => ({
				type: channel.type,
				address: channel.address,
				preferred: channel.preferred ?? false,
			}));
		}
		customer.updated_datetime = this.state.now();
	}

	private registerCustomerRoutes(): void {
		const state = this.state;
		this.endpoint(GORGIAS_ROUTES.getCustomer, {
			handler: ({ params }) => ok(state.customerJson(this.customerRecord(params.id))),
		});
		this.endpoint(GORGIAS_ROUTES.createCustomer, {
			body: createCustomerBody,
			handler: ({ body }) => {
				// Checked before the customer exists, so a 409 leaves nothing behind.
				this.checkCustomerEmails(body);
				const customer = state.addCustomer({ name: null, email: null });
				this.applyCustomer(customer, body);
				return { status: 201, body: state.customerJson(customer) };
			},
		});
		this.endpoint(GORGIAS_ROUTES.updateCustomer, {
			body: updateCustomerBody,
			handler: ({ params, body }) => {
				const customer = this.customerRecord(params.id);
				this.applyCustomer(customer, body);
				return ok(state.customerJson(customer));
			},
		});
	}

	// --- custom fields -------------------------------------------------------------------------

	/** Errors for values that do not fit their definitions; unknown or archived ids included. */
	private checkCustomFieldValues(
		values: Array<{ id: number; value?: unknown }>,
		path: (index: number) => string,
		errors: GorgiasFieldErrors,
	): void {
		values.forEach((entry, index) => {
			const field = this.state.customFields.get(entry.id);
			if (!field || field.object_type !== 'Ticket' || field.deactivated_datetime !== null) {
				addFieldError(errors, `${path(index)}.id`, 'No active ticket custom field with this id');
				return;
			}
			const problem = customFieldProblem(field, entry.value);
			if (problem) addFieldError(errors, `${path(index)}.value`, problem);
		});
	}

	private ticketFieldList(ticket: GorgiasTicketRecord) {
		return Object.values(ticket.custom_fields).map((entry) => {
			const field = this.state.customFields.get(entry.id);
			return {
				id: entry.id,
				field: field ? this.state.customFieldJson(field) : null,
				value: entry.value,
			};
		});
	}

	/** The values of a ticket in the list envelope (one page: a ticket has few fields). */
	private ticketFieldListJson(ticket: GorgiasTicketRecord, path: string) {
		return {
			object: 'list',
			uri: path,
			data: this.ticketFieldList(ticket),
			meta: { prev_cursor: null, next_cursor: null },
		};
	}

	private changeCustomFields(
		ticket: GorgiasTicketRecord,
		next: Record<string, GorgiasCustomField>,
		headers: IncomingHttpHeaders,
	): void {
		if (JSON.stringify(next) === JSON.stringify(ticket.custom_fields)) return;
		ticket.custom_fields = next;
		ticket.updated_datetime = this.state.now();
		this.state.recordEvent(
			'ticket-updated',
			{ type: 'Ticket', id: ticket.id },
			{ changes: ['custom_fields'] },
			this.actorId(headers),
		);
	}

	private registerCustomFieldRoutes(): void {
		const state = this.state;
		this.endpoint(GORGIAS_ROUTES.listCustomFields, {
			query: listCustomFieldsQuery,
			handler: ({ query, path }) => {
				const search = query.search?.toLowerCase();
				const fields = [...state.customFields.values()].filter(
					(field) =>
						field.object_type === query.object_type &&
						(field.deactivated_datetime !== null) === (query.archived ?? false) &&
						(search === undefined || field.label.toLowerCase().includes(search)),
				);
				return ok(
					paginateCursor(
						fields,
						{
							key: (field) => [String(field.priority).padStart(9, '0'), field.id],
							direction: query.order_by === 'priority:asc' ? 'asc' : 'desc',
							scope: `custom-fields|${query.object_type}|${query.order_by}`,
							query,
							codec: this.cursors,
							uri: path,
						},
						(field) => state.customFieldJson(field),
					),
				);
			},
		});
		this.endpoint(GORGIAS_ROUTES.getCustomField, {
			handler: ({ params }) => {
				const field = /^\d{1,15}$/.test(params.id)
					? state.customFields.get(Number(params.id))
					: undefined;
				if (!field) throw gorgiasError(404, 'Custom field not found');
				return ok(state.customFieldJson(field));
			},
		});
		this.endpoint(GORGIAS_ROUTES.listTicketCustomFields, {
			handler: ({ params, path }) => {
				const ticket = this.ticketRecord(params.id);
				return ok(this.ticketFieldListJson(ticket, path));
			},
		});
		this.endpoint(GORGIAS_ROUTES.replaceTicketCustomFields, {
			body: customFieldValues,
			handler: ({ params, body, headers, path }) => {
				const ticket = this.ticketRecord(params.id);
				const errors: GorgiasFieldErrors = {};
				this.checkCustomFieldValues(body, (index) => String(index), errors);
				if (hasErrors(errors)) throw invalidRequest(errors);
				// Replace-all: whatever is left out is deleted.
				this.changeCustomFields(ticket, toCustomFields(body), headers);
				return ok(this.ticketFieldListJson(ticket, path));
			},
		});
		this.endpoint(GORGIAS_ROUTES.setTicketCustomField, {
			body: customFieldValue,
			handler: ({ params, body, headers }) => {
				const ticket = this.ticketRecord(params.id);
				const id = this.ticketFieldId(params.fieldId);
				const errors: GorgiasFieldErrors = {};
				this.checkCustomFieldValues([{ id, value: body }], () => '_schema', errors);
				if (hasErrors(errors)) throw invalidRequest(errors);
				// One field only: the ticket's other values stay as they are.
				this.changeCustomFields(
					ticket,
					{ ...ticket.custom_fields, [String(id)]: { id, value: body } },
					headers,
				);
				const field = state.customFields.get(id);
				return ok({ field: field && state.customFieldJson(field), value: body });
			},
		});
		this.endpoint(GORGIAS_ROUTES.clearTicketCustomField, {
			body: z.undefined({ message: 'Expected no body' }),
			handler: ({ params, headers }) => {
				const ticket = this.ticketRecord(params.id);
				const id = this.ticketFieldId(params.fieldId);
				const errors: GorgiasFieldErrors = {};
				this.checkCustomFieldValues([{ id }], () => '_schema', errors);
				if (hasErrors(errors)) throw invalidRequest(errors);
				const next = { ...ticket.custom_fields };
				delete next[String(id)];
				// Clearing a field without a value changes nothing and still answers 204.
				this.changeCustomFields(ticket, next, headers);
				return { status: 204 };
			},
		});
	}

	/** The field id of a per-field path; anything but digits is no field (0). */
	private ticketFieldId(raw: string): number {
		return /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
	}

	// --- HTTP integrations ------------------------------------------------------------------------

	private integrationRecord(id: string): GorgiasIntegration {
		const integration = /^\d{1,15}$/.test(id) ? this.state.integrations.get(Number(id)) : undefined;
		if (!integration) throw gorgiasError(404, 'Integration not found');
		return integration;
	}

	private disableIntegration(id: number): void {
		const integration = this.state.integrations.get(id);
		if (integration && integration.deactivated_datetime === null) {
			integration.deactivated_datetime = this.state.now();
		}
	}

	/** Renders and sends the calls of every active integration the event triggers. */
	private deliverEvent(event: GorgiasEvent): void {
		if (!(DELIVERED_EVENTS as readonly string[]).includes(event.type)) return;
		const ticketId =
			event.object_type === 'Ticket' ? event.object_id : Number(event.data.ticket_id);
		const ticket = this.state.tickets.get(ticketId);
		if (!ticket) return;
		const context: Record<string, unknown> = { ticket: this.state.ticketJson(ticket, true) };
		if (event.object_type === 'TicketMessage') {
			const message = this.state.messagesOf(ticketId).find((entry) => entry.id === event.object_id);
			if (message) context.message = { ...message };
		}
		for (const integration of this.state.integrations.values()) {
			if (integration.deactivated_datetime !== null) continue;
			if (integration.http.triggers[event.type] !== true) continue;
			this.deliverer.deliver(renderCall(integration, event.type, context), () =>
				this.disableIntegration(integration.id),
			);
		}
	}

	private registerIntegrationRoutes(): void {
		const state = this.state;
		const json = (integration: GorgiasIntegration) => structuredClone(integration);
		this.endpoint(GORGIAS_ROUTES.listIntegrations, {
			query: listIntegrationsQuery,
			handler: ({ query, path }) => {
				const integrations = [...state.integrations.values()].filter(
					(integration) => query.type === undefined || integration.type === query.type,
				);
				return ok(
					paginateCursor(
						integrations,
						{
							key: (integration) => [integration.created_datetime, integration.id],
							direction: query.order_by === 'created_datetime:asc' ? 'asc' : 'desc',
							scope: `integrations|${query.order_by}|${query.type ?? ''}`,
							query,
							codec: this.cursors,
							uri: path,
						},
						json,
					),
				);
			},
		});
		this.endpoint(GORGIAS_ROUTES.getIntegration, {
			handler: ({ params }) => ok(json(this.integrationRecord(params.id))),
		});
		this.endpoint(GORGIAS_ROUTES.createIntegration, {
			body: createIntegrationBody,
			handler: ({ body, headers }) => {
				const id = state.nextId('integration');
				const now = state.now();
				const actor = this.actorId(headers);
				const integration: GorgiasIntegration = {
					id,
					uri: `/api/integrations/${id}/`,
					name: body.name,
					description: body.description ?? null,
					type: 'http',
					http: {
						id: state.nextId('httpConfig'),
						url: body.http.url,
						method: body.http.method,
						headers: body.http.headers ?? {},
						form: body.http.form ?? null,
						request_content_type: body.http.request_content_type,
						response_content_type: body.http.response_content_type,
						triggers: body.http.triggers ?? {},
					},
					deactivated_datetime: normalizeDatetime(body.deactivated_datetime) ?? null,
					created_datetime: now,
					updated_datetime: now,
					user: actor === null ? null : { id: actor },
					application_id: null,
					managed: false,
				};
				state.integrations.set(id, integration);
				return { status: 201, body: json(integration) };
			},
		});
		this.endpoint(GORGIAS_ROUTES.updateIntegration, {
			body: updateIntegrationBody,
			handler: ({ params, body }) => {
				const integration = this.integrationRecord(params.id);
				integration.name = body.name;
				if (body.description !== undefined) integration.description = body.description;
				if (body.deactivated_datetime !== undefined) {
					integration.deactivated_datetime = normalizeDatetime(body.deactivated_datetime) ?? null;
				}
				if (body.http) {
					// The config keeps its own id whatever the body says.
					const http = { ...body.http, id: integration.http.id };
					integration.http = {
						...integration.http,
						...http,
						headers: http.headers ?? integration.http.headers,
						triggers: http.triggers ?? integration.http.triggers,
					};
				}
				integration.updated_datetime = state.now();
				return ok(json(integration));
			},
		});
		this.endpoint(GORGIAS_ROUTES.deleteIntegration, {
			handler: ({ params }) => {
				const integration = this.integrationRecord(params.id);
				state.integrations.delete(integration.id);
				return { status: 204 };
			},
		});
	}

	private registerFileRoutes(): void {
		this.endpoint(GORGIAS_ROUTES.upload, {
			query: uploadQuery,
			handler: ({ headers, rawBytes }) => {
				const parts = parseMultipart(String(headers['content-type'] ?? ''), rawBytes);
				if (!parts) throw invalidRequest({ _schema: ['Expected a multipart/form-data body'] });
				if (parts.length === 0) throw invalidRequest({ _schema: ['Send at least one file'] });
				const errors: GorgiasFieldErrors = {};
				for (const part of parts) {
					if (part.name.trim() === '') addFieldError(errors, '_schema', 'A file part has no name');
					else if (part.data.length === 0) addFieldError(errors, part.name, 'The file is empty');
				}
				if (hasErrors(errors)) throw invalidRequest(errors);
				const tooBig = parts.find((part) => part.data.length > this.uploadLimitBytes);
				if (tooBig) throw gorgiasError(413, `${tooBig.name} is too large`);
				// The part's field name is the stored file name.
				const stored = parts.map((part) =>
					this.addFile(
						part.name,
						Buffer.from(part.data),
						part.contentType ?? 'application/octet-stream',
					),
				);
				return { status: 201, body: stored };
			},
		});
		this.endpoint(GORGIAS_ROUTES.downloadAttachment, {
			handler: ({ params }) => {
				const file = this.files.get(`${params.hash}/${params.name}`);
				if (!file) throw gorgiasError(404, 'File not found');
				const token = randomBytes(8).toString('hex');
				return {
					status: 307,
					headers: {
						location: `${this.baseUrl}/signed/${file.hash}/${encodeURIComponent(file.name)}?signature=${token}`,
					},
				};
			},
		});
		this.route(GORGIAS_ROUTES.signedFile, {
			handler: ({ params, headers }) => {
				const file = this.files.get(`${params.hash}/${params.name}`);
				if (!file) return { status: 404, body: gorgiasErrorBody('File not found') };
				// The signed URL needs no credential; one sent along is a leak the test can see.
				if (headers.authorization)
					return { status: 400, body: gorgiasErrorBody('Unexpected credential') };
				return { status: 200, raw: file.data, headers: { 'content-type': file.content_type } };
			},
		});
	}

	/** Views and their tickets, search, users and teams (gorgias-directory.ts has the contract). */
	private registerDirectoryRoutes(): void {
		const state = this.state;
		const page = <T, R>(
			scope: string,
			items: Iterable<T>,
			key: (item: T) => readonly [string | number, number],
			order: string,
			query: { limit: number; cursor?: string },
			path: string,
			render: (item: T) => R,
		) =>
			ok(
				paginateCursor(
					[...items],
					{
						key: (item) => [...key(item)] as [string | number, number],
						direction: splitOrder(order)[1],
						scope: `${scope}|${order}`,
						query,
						codec: this.cursors,
						uri: path,
					},
					render,
				),
			);
		const viewTickets = (
			filter: GorgiasViewFilter,
			search: string | null | undefined,
			ignored: number | undefined,
		) =>
			[...state.tickets.values()]
				.filter(
					(ticket) =>
						ticket.trashed_datetime === null &&
						ticket.id !== ignored &&
						state.matchesView(ticket, { filter } as GorgiasView),
				)
				.map((ticket) => state.ticketJson(ticket, false))
				.filter((ticket) => ticketMatchesSearch(state, ticket, search));
		const items = (
			scope: string,
			tickets: GorgiasTicket[],
			order: string,
			query: { limit: number; cursor?: string },
			path: string,
		) => {
			const [field] = splitOrder(order);
			return page(
				scope,
				tickets,
				(ticket) => sortKey((ticket as unknown as Record<string, unknown>)[field], ticket.id),
				order,
				query,
				path,
				(ticket) => ticket,
			);
		};

		this.endpoint(GORGIAS_ROUTES.listViews, {
			query: listViewsQuery,
			handler: ({ query, path }) =>
				page(
					'views',
					state.views.values(),
					(view) => sortKey(view.created_datetime, view.id),
					query.order_by,
					query,
					path,
					(view) => state.viewJson(view),
				),
		});

		this.endpoint(GORGIAS_ROUTES.getView, {
			handler: ({ params }) => ok(state.viewJson(recordOf(state.views, params.id, 'View'))),
		});

		this.endpoint(GORGIAS_ROUTES.listViewItems, {
			query: viewItemsQuery,
			handler: ({ params, query, path }) => {
				const view = recordOf(state.views, params.id, 'View');
				const { order_by: field, order_dir: dir } = state.viewJson(view);
				return items(
					`views/${view.id}/items`,
					viewTickets(view.filter, null, query.ignored_item),
					query.order_by ?? `${field}:${dir}`,
					query,
					path,
				);
			},
		});

		this.endpoint(GORGIAS_ROUTES.searchViewItems, {
			query: viewItemsQuery,
			body: viewSearchBody,
			handler: ({ params, query, body, path }) => {
				// 0 is the ad-hoc view: the body alone says which tickets.
				const saved = params.id === '0' ? undefined : recordOf(state.views, params.id, 'View');
				const filter = { ...saved?.filter, ...parseViewFilters(body.view.filters) };
				const order =
					query.order_by ??
					`${body.view.order_by ?? 'updated_datetime'}:${body.view.order_dir ?? 'desc'}`;
				return items(
					`views/${params.id}/search|${JSON.stringify(body.view)}`,
					viewTickets(filter, body.view.search, query.ignored_item),
					order,
					query,
					path,
				);
			},
		});

		this.endpoint(GORGIAS_ROUTES.search, {
			body: searchBody,
			handler: ({ body, path }) => ({
				status: 201,
				headers: { 'x-gorgias-search-engine': 'PG' },
				body: {
					object: 'list',
					uri: path,
					data: searchRecords(state, body),
					meta: { prev_cursor: null, next_cursor: null },
				},
			}),
		});

		// 0 is the user the API key belongs to.
		const userOf = (id: string) =>
			(id === '0' ? state.userByRef({ email: this.email }) : undefined) ??
			recordOf(state.users, id, 'User');

		this.endpoint(GORGIAS_ROUTES.listUsers, {
			query: listUsersQuery,
			handler: ({ query, path }) => {
				const roles = query.roles && new Set<string>(query.roles);
				const needle = query.search?.trim().toLowerCase();
				const users = [...state.users.values()].filter(
					(user) =>
						(!roles || roles.has(user.role.name)) &&
						(query.email === undefined || user.email.toLowerCase() === query.email.toLowerCase()) &&
						(query.external_id === undefined || user.external_id === query.external_id) &&
						(!needle || `${user.name} ${user.email}`.toLowerCase().includes(needle)),
				);
				const [field] = splitOrder(query.order_by);
				return page(
					'users',
					users,
					(user) =>
						sortKey(
							field === 'role.name' ? user.role.name : user[field as 'name' | 'email'],
							user.id,
						),
					query.order_by,
					query,
					path,
					(user) => state.userJson(user),
				);
			},
		});

		this.endpoint(GORGIAS_ROUTES.getUser, {
			handler: ({ params }) => ok(state.userJson(userOf(params.id))),
		});

		this.endpoint(GORGIAS_ROUTES.createUser, {
			body: createUserBody,
			handler: ({ body }) => {
				if (state.userByRef({ email: body.email }))
					throw gorgiasError(409, 'A user with this email already exists');
				return { status: 201, body: state.userJson(state.addUser(body)) };
			},
		});

		this.endpoint(GORGIAS_ROUTES.updateUser, {
			body: updateUserBody,
			handler: ({ params, body }) => {
				const user = userOf(params.id);
				// Password fields are checked by the schema; the sandbox keeps no passwords.
				const fields: Record<string, unknown> = { ...body };
				for (const key of ['password_confirmation', 'new_password', 'old_password'])
					delete fields[key];
				Object.assign(user, fields, { updated_datetime: state.now() });
				return ok(state.userJson(user));
			},
		});

		this.endpoint(GORGIAS_ROUTES.listTeams, {
			query: listTeamsQuery,
			handler: ({ query, path }) => {
				const [field] = splitOrder(query.order_by);
				return page(
					'teams',
					state.teams.values(),
					(team) => sortKey(field === 'name' ? team.name : team.created_datetime, team.id),
					query.order_by,
					query,
					path,
					(team) => state.teamJson(team),
				);
			},
		});

		this.endpoint(GORGIAS_ROUTES.getTeam, {
			handler: ({ params }) => ok(state.teamJson(recordOf(state.teams, params.id, 'Team'))),
		});

		const memberIds = (members: Array<{ id: number }> | undefined) => {
			if (members === undefined) return undefined;
			const errors: GorgiasFieldErrors = {};
			members.forEach((member, index) => {
				if (!state.users.has(member.id))
					addFieldError(errors, `members.${index}.id`, 'Unknown user');
			});
			if (hasErrors(errors)) throw invalidRequest(errors);
			return members.map((member) => member.id);
		};

		this.endpoint(GORGIAS_ROUTES.createTeam, {
			body: createTeamBody,
			handler: ({ body }) => {
				const { members, ...fields } = body;
				const team = state.addTeam({ ...fields, member_ids: memberIds(members) ?? [] });
				return { status: 201, body: state.teamJson(team) };
			},
		});

		this.endpoint(GORGIAS_ROUTES.updateTeam, {
			body: updateTeamBody,
			handler: ({ params, body }) => {
				const team = recordOf(state.teams, params.id, 'Team');
				const { members, ...fields } = body;
				const ids = memberIds(members);
				Object.assign(team, fields, ids ? { member_ids: ids } : {});
				return ok(state.teamJson(team));
			},
		});
	}

	private registerLookupRoutes(): void {
		const state = this.state;
		const byId = <T extends { id: number }, R>(
			scope: string,
			items: Iterable<T>,
			query: { limit: number; cursor?: string },
			path: string,
			render: (item: T) => R,
		) =>
			ok(
				paginateCursor(
					[...items],
					{
						key: (item) => [item.id, item.id],
						direction: 'asc',
						scope,
						query,
						codec: this.cursors,
						uri: path,
					},
					render,
				),
			);

		this.endpoint(GORGIAS_ROUTES.listCustomers, {
			query: listCustomersQuery,
			handler: ({ query, path }) => {
				const email = query.email?.toLowerCase();
				const customers = [...state.customers.values()].filter(
					(customer) =>
						(email === undefined || customer.email?.toLowerCase() === email) &&
						(query.external_id === undefined || customer.external_id === query.external_id),
				);
				return byId('customers', customers, query, path, (customer) =>
					state.customerJson(customer),
				);
			},
		});

		this.endpoint(GORGIAS_ROUTES.listEvents, {
			query: listEventsQuery,
			handler: ({ query, path }) => {
				const types = query.types && new Set(query.types);
				const objectType = query.object_type?.toLowerCase();
				const bounds = {
					gt: query['created_datetime[gt]'],
					gte: query['created_datetime[gte]'],
					lt: query['created_datetime[lt]'],
					lte: query['created_datetime[lte]'],
				};
				const events = state.events.filter((event) => {
					const at = parseDatetimeMicros(event.created_datetime) ?? 0;
					return (
						(!types || types.has(event.type)) &&
						(objectType === undefined || event.object_type.toLowerCase() === objectType) &&
						(query.object_id === undefined || event.object_id === query.object_id) &&
						(query.user_ids === undefined ||
							(event.user_id !== null && query.user_ids.includes(event.user_id))) &&
						(bounds.gt === undefined || at > bounds.gt) &&
						(bounds.gte === undefined || at >= bounds.gte) &&
						(bounds.lt === undefined || at < bounds.lt) &&
						(bounds.lte === undefined || at <= bounds.lte)
					);
				});
				return ok(
					paginateCursor(events, {
						key: (event) => [event.created_datetime, event.id],
						direction: query.order_by === 'created_datetime:asc' ? 'asc' : 'desc',
						scope: `events|${query.order_by}`,
						query,
						codec: this.cursors,
						uri: path,
					}),
				);
			},
		});
	}
}

/** Why a value does not fit its field's definition, or undefined when it does. */
function customFieldProblem(
	field: GorgiasCustomFieldDefinition,
	value: unknown,
): string | undefined {
	if (value === null || value === undefined) return undefined;
	const { definition } = field;
	if (definition.data_type === 'number') {
		if (typeof value !== 'number' || !Number.isFinite(value)) return 'Expected a number';
		const { min, max } = definition.input_settings;
		if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
			return `Expected a number between ${min ?? '-inf'} and ${max ?? 'inf'}`;
		}
		return undefined;
	}
	if (definition.data_type === 'boolean') {
		return typeof value === 'boolean' ? undefined : 'Expected true or false';
	}
	// Whether Gorgias refuses a dropdown value outside the choices is unknown: accepted here.
	return typeof value === 'string' ? undefined : 'Expected text';
}

/** A File object as the upload answers it: a private URL on Gorgias' upload host. */
function fileJson(file: GorgiasFile) {
	return {
		content_type: file.content_type,
		name: file.name,
		size: file.data.length,
		url: `https://uploads.gorgias.io/${file.hash}/${encodeURIComponent(file.name)}`,
	};
}

function toResponse(error: unknown): SandboxResponse {
	if (error instanceof HttpError) {
		return { status: error.status, body: error.body, headers: error.headers };
	}
	const message = error instanceof Error ? error.message : String(error);
	return { status: 500, body: gorgiasErrorBody(`Sandbox handler failed: ${message}`) };
}

export async function startGorgiasSandbox(
	options: GorgiasSandboxOptions = {},
): Promise<GorgiasSandbox> {
	const sandbox = new GorgiasSandbox(options);
	await sandbox.start();
	return sandbox;
}
