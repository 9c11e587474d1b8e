import { HttpError } from './validation';

/*
 * The Gorgias account held by the sandbox: records, seed helpers and the JSON shapes the API
 * answers with. Tickets are stored normalised (ids of customer, assignees and tags) and rendered
 * on every read, so renaming a user or a tag shows on every ticket, as it would upstream.
 */

export const GORGIAS_TICKET_STATUSES = ['open', 'closed'] as const;
export type GorgiasTicketStatus = (typeof GORGIAS_TICKET_STATUSES)[number];

/** Priorities seen in the wild; the sandbox accepts any non-empty string (the enum is unconfirmed). */
export const GORGIAS_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;

/** Documented channel slugs; free text is accepted too because custom slugs exist. */
export const GORGIAS_CHANNELS = [
	'aircall',
	'api',
	'chat',
	'email',
	'facebook',
	'facebook-mention',
	'facebook-messenger',
	'facebook-recommendations',
	'help-center',
	'instagram-ad-comment',
	'instagram-comment',
	'instagram-mention',
	'instagram-direct-message',
	'internal-note',
	'phone',
	'sms',
	'twitter',
	'twitter-direct-message',
	'yotpo-review',
] as const;

export const GORGIAS_EVENT_TYPES = [
	'ticket-created',
	'ticket-updated',
	'ticket-closed',
	'ticket-assigned',
	'ticket-message-created',
	'ticket-deleted',
	'tag-created',
	'tag-deleted',
	'tag-merged',
	'satisfaction-survey-responded',
] as const;

// ---------------------------------------------------------------------------------------------
// Errors

/** Field path (`messages.0.source.to`, `limit`, `cursor`) → messages. */
export type GorgiasFieldErrors = Record<string, string[]>;

/**
 * Every sandbox error answers `{ message, errors? }`: Gorgias' real shape is unconfirmed
 * (`message`, `error` and `errors` are all seen), and this one is what the brief's example uses.
 */
export interface GorgiasErrorBody {
	message: string;
	errors?: GorgiasFieldErrors;
}

export function gorgiasErrorBody(message: string, errors?: GorgiasFieldErrors): GorgiasErrorBody {
	return errors && Object.keys(errors).length > 0 ? { message, errors } : { message };
}

export function gorgiasError(
	status: number,
	message: string,
	errors?: GorgiasFieldErrors,
): HttpError {
	return new HttpError(status, gorgiasErrorBody(message, errors));
}

export function invalidRequest(errors: GorgiasFieldErrors): HttpError {
	return gorgiasError(400, 'Invalid request', errors);
}

export function addFieldError(errors: GorgiasFieldErrors, path: string, message: string): void {
	(errors[path] ??= []).push(message);
}

// ---------------------------------------------------------------------------------------------
// Dates: Gorgias writes microseconds and `+00:00`; a missing offset means UTC.

const DATETIME_PATTERN =
	/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Microseconds since the epoch, or undefined when `value` is not an ISO 8601 date-time. */
export function parseDatetimeMicros(value: string): number | undefined {
	const match = DATETIME_PATTERN.exec(value);
	if (!match) return undefined;
	const [, date, minutes, seconds = '00', fraction = '', zone = 'Z'] = match;
	const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
	const ms = Date.parse(`${date}T${minutes}:${seconds}${offset}`);
	if (Number.isNaN(ms)) return undefined;
	return ms * 1000 + Number(`${fraction}000000`.slice(0, 6));
}

export function formatMicros(micros: number): string {
	const seconds = Math.floor(micros / 1_000_000);
	const fraction = String(micros - seconds * 1_000_000).padStart(6, '0');
	return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${fraction}+00:00`;
}

/** Normalises seed input (Date, epoch ms, any ISO form) to the Gorgias format. */
export function toGorgiasDatetime(value: Date | number | string): string {
	if (value instanceof Date) return formatMicros(value.getTime() * 1000);
	if (typeof value === 'number') return formatMicros(Math.round(value * 1000));
	const micros = parseDatetimeMicros(value);
	if (micros === undefined) throw new Error(`Not an ISO 8601 date-time: '${value}'`);
	return formatMicros(micros);
}

// ---------------------------------------------------------------------------------------------
// Records

export interface GorgiasPersonRef {
	id: number;
	email: string | null;
	name: string | null;
}

export interface GorgiasUser {
	id: number;
	uri: string;
	email: string;
	name: string;
	firstname: string;
	lastname: string;
	role: { name: string };
	active: boolean;
	bio?: string | null;
	country?: string | null;
	external_id?: string | null;
	language?: string | null;
	timezone?: string | null;
	meta?: Record<string, unknown> | null;
	created_datetime: string;
	updated_datetime: string;
}

export interface GorgiasTeam {
	id: number;
	uri: string;
	name: string;
	description: string | null;
	decoration?: Record<string, unknown> | null;
	member_ids: number[];
	created_datetime: string;
}

export interface GorgiasTag {
	id: number;
	uri: string;
	name: string;
	description: string | null;
	decoration: { color: string } | null;
	created_datetime: string;
}

export interface GorgiasCustomer {
	id: number;
	uri: string;
	external_id: string | null;
	email: string | null;
	name: string | null;
	firstname: string | null;
	lastname: string | null;
	language: string | null;
	timezone: string | null;
	meta: Record<string, unknown>;
	note: string | null;
	/** Channels besides the primary email (which is rendered as the first email channel). */
	channels: GorgiasCustomerChannel[];
	created_datetime: string;
	updated_datetime: string;
}

export interface GorgiasCustomerChannel {
	type: string;
	address: string;
	preferred: boolean;
}

/** A ticket (or customer) custom-field definition, as `GET /api/custom-fields` lists it. */
export interface GorgiasCustomFieldDefinition {
	id: number;
	object_type: 'Ticket' | 'Customer';
	label: string;
	description: string | null;
	priority: number;
	required: boolean;
	managed_type: string | null;
	external_id: string | null;
	definition:
		| { data_type: 'text'; input_settings: { input_type: 'input'; placeholder?: string } }
		| {
				data_type: 'text';
				input_settings: { input_type: 'dropdown'; choices: string[]; default?: string };
		  }
		| {
				data_type: 'number';
				input_settings: { input_type: 'input_number'; min?: number; max?: number };
		  }
		| { data_type: 'boolean'; input_settings: { input_type: 'dropdown'; choices: boolean[] } };
	created_datetime: string;
	updated_datetime: string;
	deactivated_datetime: string | null;
}

/** An HTTP integration: what Gorgias calls when the chosen ticket events happen. */
export interface GorgiasIntegration {
	id: number;
	uri: string;
	name: string;
	description: string | null;
	type: 'http';
	http: {
		id: number;
		url: string;
		method: string;
		headers: Record<string, string>;
		form: unknown;
		request_content_type: string;
		response_content_type: string;
		triggers: Record<string, boolean>;
	};
	deactivated_datetime: string | null;
	created_datetime: string;
	updated_datetime: string;
	user: { id: number } | null;
	application_id: string | null;
	managed: boolean;
}

/** The simple, sandbox-defined filter of a view; every given criterion must hold. */
export interface GorgiasViewFilter {
	status?: GorgiasTicketStatus;
	channel?: string;
	/** null = unassigned. */
	assignee_user_id?: number | null;
	assignee_team_id?: number | null;
	/** A tag name (case-insensitive). */
	tag?: string;
	spam?: boolean;
}

export interface GorgiasView {
	id: number;
	uri: string;
	name: string;
	slug: string;
	type: 'ticket-list';
	visibility: 'public';
	filter: GorgiasViewFilter;
	created_datetime: string;
	updated_datetime: string;
}

export interface GorgiasAddress {
	address: string;
	name?: string | null;
}

export interface GorgiasSource {
	type?: string;
	from?: GorgiasAddress;
	to?: GorgiasAddress[];
	cc?: GorgiasAddress[];
	bcc?: GorgiasAddress[];
}

/** Stored and answered as is (messages are immutable once posted). */
export interface GorgiasMessage {
	id: number;
	uri: string;
	ticket_id: number;
	message_id: string | null;
	external_id: string | null;
	public: boolean;
	channel: string;
	via: string;
	source: GorgiasSource | null;
	sender: GorgiasPersonRef;
	receiver: GorgiasPersonRef | null;
	from_agent: boolean;
	subject: string | null;
	body_text: string | null;
	body_html: string | null;
	stripped_text: string | null;
	stripped_html: string | null;
	attachments: unknown[];
	meta: Record<string, unknown> | null;
	integration_id: number | null;
	created_datetime: string;
	sent_datetime: string | null;
	opened_datetime: string | null;
	failed_datetime: string | null;
}

export interface GorgiasCustomField {
	id: number;
	value: unknown;
}

export interface GorgiasTicketRecord {
	id: number;
	external_id: string | null;
	status: GorgiasTicketStatus;
	priority: string;
	channel: string;
	via: string;
	from_agent: boolean;
	spam: boolean;
	customer_id: number;
	assignee_user_id: number | null;
	assignee_team_id: number | null;
	language: string | null;
	subject: string | null;
	meta: Record<string, unknown> | null;
	/** Keyed by field id, as rendered. */
	custom_fields: Record<string, GorgiasCustomField>;
	tag_ids: number[];
	/** Rules that matched the ticket; only feeds the `rule_id` list filter, never rendered. */
	rule_ids: number[];
	is_unread: boolean;
	created_datetime: string;
	opened_datetime: string | null;
	updated_datetime: string;
	closed_datetime: string | null;
	snooze_datetime: string | null;
	trashed_datetime: string | null;
}

export interface GorgiasEvent {
	id: number;
	uri: string;
	type: string;
	object_type: 'Ticket' | 'TicketMessage' | 'Tag' | 'SatisfactionSurvey';
	object_id: number;
	/** The user behind the API call (API-key auth with a known email), else null. */
	user_id: number | null;
	data: Record<string, unknown>;
	created_datetime: string;
}

/** A satisfaction survey (CSAT): at most one per ticket; `score` null until answered. */
export interface GorgiasSatisfactionSurvey {
	id: number;
	uri: string;
	ticket_id: number;
	customer_id: number;
	score: number | null;
	body_text: string | null;
	meta: Record<string, unknown> | null;
	created_datetime: string;
	sent_datetime: string | null;
	scored_datetime: string | null;
	should_send_datetime: string | null;
}

export interface GorgiasAccount {
	domain: string;
	created_datetime: string;
	deactivated_datetime: string | null;
	status: { status: 'active' };
	meta: Record<string, unknown>;
}

/** Public ticket JSON; list items leave `messages` out. */
export interface GorgiasTicket {
	id: number;
	uri: string;
	external_id: string | null;
	status: GorgiasTicketStatus;
	priority: string;
	channel: string;
	via: string;
	from_agent: boolean;
	spam: boolean;
	customer: GorgiasPersonRef;
	assignee_user: GorgiasPersonRef | null;
	assignee_team: { id: number; name: string } | null;
	language: string | null;
	subject: string | null;
	meta: Record<string, unknown> | null;
	tags: Array<{ id: number; uri: string; name: string; decoration: { color: string } | null }>;
	custom_fields: Record<string, GorgiasCustomField>;
	messages?: GorgiasMessage[];
	messages_count: number;
	is_unread: boolean;
	created_datetime: string;
	opened_datetime: string | null;
	updated_datetime: string;
	closed_datetime: string | null;
	snooze_datetime: string | null;
	trashed_datetime: string | null;
	last_message_datetime: string | null;
	last_received_message_datetime: string | null;
}

/** Seed input: record fields plus conveniences (tag names, customer details, messages). */
export type GorgiasTicketSeed = Partial<Omit<GorgiasTicketRecord, 'tag_ids'>> & {
	/** Tag names, created when unknown. */
	tags?: string[];
	tag_ids?: number[];
	/** Used when `customer_id` is not given: matched by email, else created. */
	customer?: Partial<Pick<GorgiasCustomer, 'email' | 'name'>>;
	/** Default: one incoming message on the ticket's channel, from the customer. */
	messages?: Array<Partial<GorgiasMessage>>;
};

const FIRST_NAMES = ['Alice', 'Bruno', 'Chloé', 'Dmitri', 'Emma', 'Farid', 'Grace', 'Hiro', 'Inès'];
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Petit'];
const SUBJECTS = [
	'Where is my order?',
	'Refund request',
	'Wrong size delivered',
	'Cannot apply discount code',
	'Change shipping address',
	'Item arrived damaged',
	'Question about sizing',
	'Cancel my subscription',
];
const TAG_COLORS = ['#eb144c', '#0693e3', '#00d084', '#fcb900', '#9900ef'];

function slugify(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

function splitName(name: string): { firstname: string; lastname: string } {
	const [firstname, ...rest] = name.trim().split(/\s+/);
	return { firstname: firstname ?? '', lastname: rest.join(' ') };
}

function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
	return a != null && b != null && a.toLowerCase() === b.toLowerCase();
}

/** Id ranges differ per collection so a user id sent as a ticket id cannot hit by accident. */
const ID_BASES = {
	ticket: 10_000,
	message: 50_000,
	customer: 3_000,
	customField: 800,
	integration: 6_000,
	httpConfig: 7_000,
	user: 100,
	team: 200,
	tag: 500,
	view: 700,
	event: 900_000,
	survey: 20_000,
} as const;
type Sequence = keyof typeof ID_BASES;

export class GorgiasState {
	readonly domain: string;
	readonly account: GorgiasAccount;
	readonly tickets = new Map<number, GorgiasTicketRecord>();
	/** Per ticket, in posting order. */
	readonly messages = new Map<number, GorgiasMessage[]>();
	readonly customers = new Map<number, GorgiasCustomer>();
	readonly users = new Map<number, GorgiasUser>();
	readonly teams = new Map<number, GorgiasTeam>();
	readonly tags = new Map<number, GorgiasTag>();
	readonly views = new Map<number, GorgiasView>();
	readonly customFields = new Map<number, GorgiasCustomFieldDefinition>();
	readonly integrations = new Map<number, GorgiasIntegration>();
	readonly events: GorgiasEvent[] = [];
	readonly surveys = new Map<number, GorgiasSatisfactionSurvey>();
	/** Called for every recorded event (the sandbox delivers HTTP integrations from here). */
	readonly eventListeners: Array<(event: GorgiasEvent) => void> = [];
	private sequences: Record<Sequence, number> = { ...ID_BASES };
	private lastMicros = 0;
	private counter = 0;

	constructor(domain = 'acme-sandbox') {
		this.domain = domain;
		this.account = {
			domain,
			created_datetime: toGorgiasDatetime(Date.now() - 365 * 86_400_000),
			deactivated_datetime: null,
			status: { status: 'active' },
			meta: {},
		};
	}

	/** Strictly increasing, so ordering never depends on two writes sharing a microsecond. */
	now(): string {
		this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
		return formatMicros(this.lastMicros);
	}

	clear(): void {
		this.tickets.clear();
		this.messages.clear();
		this.customers.clear();
		this.users.clear();
		this.teams.clear();
		this.tags.clear();
		this.views.clear();
		this.customFields.clear();
		this.integrations.clear();
		this.events.length = 0;
		this.surveys.clear();
		this.sequences = { ...ID_BASES };
		this.counter = 0;
	}

	nextId(sequence: Sequence, wanted?: number): number {
		if (wanted !== undefined) {
			this.sequences[sequence] = Math.max(this.sequences[sequence], wanted);
			return wanted;
		}
		return ++this.sequences[sequence];
	}

	private personName(n: number): string {
		return `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 3) % LAST_NAMES.length]}`;
	}

	// --- lookups -------------------------------------------------------------------------

	userByRef(ref: { id?: number; email?: string }): GorgiasUser | undefined {
		if (ref.id !== undefined) return this.users.get(ref.id);
		return [...this.users.values()].find((user) => sameText(user.email, ref.email));
	}

	customerByEmail(email: string): GorgiasCustomer | undefined {
		return [...this.customers.values()].find((customer) => sameText(customer.email, email));
	}

	tagByName(name: string): GorgiasTag | undefined {
		return [...this.tags.values()].find((tag) => sameText(tag.name, name.trim()));
	}

	/** Tag names are unique case-insensitively: an existing tag keeps its spelling. */
	ensureTag(name: string): GorgiasTag {
		return this.tagByName(name) ?? this.addTag({ name: name.trim() });
	}

	ensureCustomer(email: string, name?: string | null): GorgiasCustomer {
		return this.customerByEmail(email) ?? this.addCustomer({ email, name: name ?? null });
	}

	messagesOf(ticketId: number): GorgiasMessage[] {
		return this.messages.get(ticketId) ?? [];
	}

	/** How many live tickets carry the tag, as the tag list's `usage`. */
	tagUsage(tagId: number): number {
		let usage = 0;
		for (const ticket of this.tickets.values()) if (ticket.tag_ids.includes(tagId)) usage++;
		return usage;
	}

	matchesView(ticket: GorgiasTicketRecord, view: GorgiasView): boolean {
		const filter = view.filter;
		if (filter.status !== undefined && ticket.status !== filter.status) return false;
		if (filter.channel !== undefined && ticket.channel !== filter.channel) return false;
		if (filter.spam !== undefined && ticket.spam !== filter.spam) return false;
		if (
			filter.assignee_user_id !== undefined &&
			ticket.assignee_user_id !== filter.assignee_user_id
		)
			return false;
		if (
			filter.assignee_team_id !== undefined &&
			ticket.assignee_team_id !== filter.assignee_team_id
		)
			return false;
		if (filter.tag !== undefined) {
			const tag = this.tagByName(filter.tag);
			if (!tag || !ticket.tag_ids.includes(tag.id)) return false;
		}
		return true;
	}

	// --- rendering -----------------------------------------------------------------------

	userRef(user: GorgiasUser): GorgiasPersonRef {
		return { id: user.id, email: user.email, name: user.name };
	}

	customerRef(customer: GorgiasCustomer): GorgiasPersonRef {
		return { id: customer.id, email: customer.email, name: customer.name };
	}

	ticketJson(ticket: GorgiasTicketRecord, withMessages: boolean): GorgiasTicket {
		const messages = this.messagesOf(ticket.id);
		const customer = this.customers.get(ticket.customer_id);
		const user =
			ticket.assignee_user_id === null ? undefined : this.users.get(ticket.assignee_user_id);
		const team =
			ticket.assignee_team_id === null ? undefined : this.teams.get(ticket.assignee_team_id);
		const latest = (list: GorgiasMessage[]) =>
			list.reduce<string | null>(
				(max, message) =>
					max === null || message.created_datetime > max ? message.created_datetime : max,
				null,
			);
		const received = messages.filter(
			(message) => !message.from_agent && message.channel !== 'internal-note',
		);
		const json: GorgiasTicket = {
			id: ticket.id,
			uri: `/api/tickets/${ticket.id}/`,
			external_id: ticket.external_id,
			status: ticket.status,
			priority: ticket.priority,
			channel: ticket.channel,
			via: ticket.via,
			from_agent: ticket.from_agent,
			spam: ticket.spam,
			customer: customer
				? this.customerRef(customer)
				: { id: ticket.customer_id, email: null, name: null },
			assignee_user: user ? this.userRef(user) : null,
			assignee_team: team ? { id: team.id, name: team.name } : null,
			language: ticket.language,
			subject: ticket.subject,
			meta: ticket.meta,
			tags: ticket.tag_ids
				.map((id) => this.tags.get(id))
				.filter((tag): tag is GorgiasTag => tag !== undefined)
				.map(({ id, uri, name, decoration }) => ({ id, uri, name, decoration })),
			custom_fields: ticket.custom_fields,
			messages_count: messages.length,
			is_unread: ticket.is_unread,
			created_datetime: ticket.created_datetime,
			opened_datetime: ticket.opened_datetime,
			updated_datetime: ticket.updated_datetime,
			closed_datetime: ticket.closed_datetime,
			snooze_datetime: ticket.snooze_datetime,
			trashed_datetime: ticket.trashed_datetime,
			last_message_datetime: latest(messages),
			last_received_message_datetime: latest(received),
		};
		if (withMessages) json.messages = messages.map((message) => ({ ...message }));
		return json;
	}

	userJson(user: GorgiasUser) {
		return { ...user };
	}

	teamJson(team: GorgiasTeam) {
		const { member_ids, ...rest } = team;
		const members = member_ids
			.map((id) => this.users.get(id))
			.filter((user): user is GorgiasUser => user !== undefined)
			.map((user) => this.userRef(user));
		return { ...rest, members };
	}

	tagJson(tag: GorgiasTag) {
		return { ...tag, usage: this.tagUsage(tag.id) };
	}

	customerJson(customer: GorgiasCustomer) {
		const primary = customer.email
			? [{ type: 'email', address: customer.email, preferred: true }]
			: [];
		const others = customer.channels.filter(
			(channel) => !(channel.type === 'email' && sameText(channel.address, customer.email)),
		);
		return { ...customer, channels: [...primary, ...others] };
	}

	customFieldJson(field: GorgiasCustomFieldDefinition) {
		return { ...field, uri: `/api/custom-fields/${field.id}/` };
	}

	addCustomField(
		partial: Partial<GorgiasCustomFieldDefinition> = {},
	): GorgiasCustomFieldDefinition {
		const n = ++this.counter;
		const id = this.nextId('customField', partial.id);
		const time = this.now();
		const field: GorgiasCustomFieldDefinition = {
			id,
			object_type: 'Ticket',
			label: `Field ${n}`,
			description: null,
			priority: n,
			required: false,
			managed_type: null,
			external_id: null,
			definition: { data_type: 'text', input_settings: { input_type: 'input' } },
			created_datetime: time,
			updated_datetime: time,
			deactivated_datetime: null,
			...partial,
		};
		this.customFields.set(field.id, field);
		return field;
	}

	/** `filters` renders the sandbox filter in Gorgias' expression style, for display only. */
	viewJson(view: GorgiasView) {
		const { filter, ...rest } = view;
		const parts: string[] = [];
		const quote = (value: unknown) => (typeof value === 'string' ? `'${value}'` : String(value));
		if (filter.status !== undefined) parts.push(`eq(ticket.status, ${quote(filter.status)})`);
		if (filter.channel !== undefined) parts.push(`eq(ticket.channel, ${quote(filter.channel)})`);
		if (filter.assignee_user_id !== undefined)
			parts.push(`eq(ticket.assignee_user.id, ${quote(filter.assignee_user_id)})`);
		if (filter.assignee_team_id !== undefined)
			parts.push(`eq(ticket.assignee_team.id, ${quote(filter.assignee_team_id)})`);
		if (filter.tag !== undefined) parts.push(`containsAny(ticket.tags.name, ['${filter.tag}'])`);
		if (filter.spam !== undefined) parts.push(`eq(ticket.spam, ${quote(filter.spam)})`);
		return {
			...rest,
			filters: parts.join(' && '),
			order_by: 'updated_datetime',
			order_dir: 'desc',
		};
	}

	// --- events --------------------------------------------------------------------------

	recordEvent(
		type: string,
		object: { type: GorgiasEvent['object_type']; id: number },
		data: Record<string, unknown> = {},
		userId: number | null = null,
	): GorgiasEvent {
		const id = this.nextId('event');
		const event: GorgiasEvent = {
			id,
			uri: `/api/events/${id}/`,
			type,
			object_type: object.type,
			object_id: object.id,
			user_id: userId,
			data,
			created_datetime: this.now(),
		};
		this.events.push(event);
		for (const listener of this.eventListeners) listener(event);
		return event;
	}

	// --- seed helpers --------------------------------------------------------------------

	addUser(partial: Partial<GorgiasUser> = {}): GorgiasUser {
		const n = ++this.counter;
		const id = this.nextId('user', partial.id);
		const name = partial.name ?? this.personName(n + 5);
		const time = this.now();
		const user: GorgiasUser = {
			id,
			uri: `/api/users/${id}/`,
			email: `${slugify(name).replace(/-/g, '.')}.${n}@acme.example`,
			name,
			...splitName(name),
			role: { name: 'agent' },
			active: true,
			created_datetime: time,
			updated_datetime: time,
			...partial,
		};
		this.users.set(user.id, user);
		return user;
	}

	addTeam(partial: Partial<GorgiasTeam> = {}): GorgiasTeam {
		const n = ++this.counter;
		const id = this.nextId('team', partial.id);
		const team: GorgiasTeam = {
			id,
			uri: `/api/teams/${id}/`,
			name: `Team ${n}`,
			description: null,
			member_ids: [],
			created_datetime: this.now(),
			...partial,
		};
		this.teams.set(team.id, team);
		return team;
	}

	addTag(partial: Partial<GorgiasTag> = {}): GorgiasTag {
		const n = ++this.counter;
		const id = this.nextId('tag', partial.id);
		const tag: GorgiasTag = {
			id,
			uri: `/api/tags/${id}/`,
			name: `tag-${n}`,
			description: null,
			decoration: { color: TAG_COLORS[n % TAG_COLORS.length] },
			created_datetime: this.now(),
			...partial,
		};
		this.tags.set(tag.id, tag);
		return tag;
	}

	/** A survey of a ticket, sent and not answered yet unless `partial` says otherwise. */
	addSurvey(ticketId: number, partial: Partial<GorgiasSatisfactionSurvey> = {}) {
		const ticket = this.tickets.get(ticketId);
		if (!ticket) throw new Error(`No ticket ${ticketId} to survey`);
		const id = this.nextId('survey', partial.id);
		const time = this.now();
		const survey: GorgiasSatisfactionSurvey = {
			id,
			uri: `/api/satisfaction-surveys/${id}/`,
			ticket_id: ticketId,
			customer_id: ticket.customer_id,
			score: null,
			body_text: null,
			meta: null,
			created_datetime: time,
			sent_datetime: time,
			scored_datetime: null,
			should_send_datetime: time,
			...partial,
		};
		this.surveys.set(id, survey);
		return survey;
	}

	/**
	 * The customer answers a survey, as through Gorgias' survey page: score, comment and the
	 * `satisfaction-survey-responded` event (object SatisfactionSurvey, `data {score, body_text?}`).
	 */
	answerSurvey(id: number, score: number, bodyText?: string): GorgiasEvent {
		const survey = this.surveys.get(id);
		if (!survey) throw new Error(`No survey ${id} to answer`);
		survey.score = score;
		survey.body_text = bodyText ?? null;
		survey.scored_datetime = this.now();
		return this.recordEvent(
			'satisfaction-survey-responded',
			{ type: 'SatisfactionSurvey', id },
			bodyText === undefined ? { score } : { score, body_text: bodyText },
		);
	}

	addCustomer(partial: Partial<GorgiasCustomer> = {}): GorgiasCustomer {
		const n = ++this.counter;
		const id = this.nextId('customer', partial.id);
		const name = partial.name === undefined ? this.personName(n) : partial.name;
		const email =
			partial.email === undefined
				? `${slugify(name ?? 'customer').replace(/-/g, '.')}.${n}@customer.example`
				: partial.email;
		const time = this.now();
		const customer: GorgiasCustomer = {
			id,
			uri: `/api/customers/${id}/`,
			external_id: null,
			email,
			name,
			...(name ? splitName(name) : { firstname: null, lastname: null }),
			language: null,
			timezone: null,
			meta: {},
			note: null,
			channels: [],
			created_datetime: time,
			updated_datetime: time,
			...partial,
		};
		this.customers.set(customer.id, customer);
		return customer;
	}

	addView(partial: Partial<GorgiasView> = {}): GorgiasView {
		const n = ++this.counter;
		const id = this.nextId('view', partial.id);
		const name = partial.name ?? `View ${n}`;
		const time = this.now();
		const view: GorgiasView = {
			id,
			uri: `/api/views/${id}/`,
			name,
			slug: slugify(name),
			type: 'ticket-list',
			visibility: 'public',
			filter: {},
			created_datetime: time,
			updated_datetime: time,
			...partial,
		};
		this.views.set(view.id, view);
		return view;
	}

	/** Appends a message to an existing ticket without validation (seeding only). */
	addMessage(ticketId: number, partial: Partial<GorgiasMessage> = {}): GorgiasMessage {
		const ticket = this.tickets.get(ticketId);
		if (!ticket) throw new Error(`No ticket ${ticketId}`);
		const customer = this.customers.get(ticket.customer_id);
		const fromAgent = partial.from_agent ?? false;
		const agent = fromAgent
			? (ticket.assignee_user_id !== null && this.users.get(ticket.assignee_user_id)) ||
				[...this.users.values()][0] ||
				this.addUser()
			: undefined;
		const customerRef: GorgiasPersonRef = customer
			? this.customerRef(customer)
			: { id: ticket.customer_id, email: null, name: null };
		const channel = partial.channel ?? ticket.channel;
		const text = fromAgent
			? 'Thanks for reaching out, we are looking into it.'
			: `Hello, ${(ticket.subject ?? 'I have a question').toLowerCase()}.`;
		const id = this.nextId('message', partial.id);
		// Later messages of a seeded thread follow the first by a millisecond each, keeping order.
		const position = this.messagesOf(ticketId).length;
		const created =
			partial.created_datetime ??
			formatMicros((parseDatetimeMicros(ticket.created_datetime) ?? 0) + position * 1000);
		const message: GorgiasMessage = {
			id,
			uri: `/api/tickets/${ticketId}/messages/${id}/`,
			ticket_id: ticketId,
			message_id: null,
			external_id: null,
			public: channel !== 'internal-note',
			channel,
			via: partial.via ?? ticket.via,
			source:
				channel === 'email' && customer?.email
					? fromAgent
						? {
								type: 'email',
								from: { address: 'support@acme.example' },
								to: [{ address: customer.email }],
							}
						: {
								type: 'email',
								from: { address: customer.email },
								to: [{ address: 'support@acme.example' }],
							}
					: null,
			sender: agent ? this.userRef(agent) : customerRef,
			receiver: fromAgent && channel !== 'internal-note' ? customerRef : null,
			from_agent: fromAgent,
			subject: ticket.subject,
			body_text: text,
			body_html: `<p>${text}</p>`,
			stripped_text: text,
			stripped_html: `<p>${text}</p>`,
			attachments: [],
			meta: null,
			integration_id: null,
			created_datetime: created,
			sent_datetime: fromAgent ? created : null,
			opened_datetime: null,
			failed_datetime: null,
			...partial,
		};
		message.created_datetime = toGorgiasDatetime(message.created_datetime);
		const list = this.messages.get(ticketId) ?? [];
		list.push(message);
		this.messages.set(ticketId, list);
		return message;
	}

	addTicket(seed: GorgiasTicketSeed = {}): GorgiasTicket {
		const { tags = [], tag_ids = [], customer: customerSeed, messages, ...fields } = seed;
		const n = ++this.counter;
		const customerId =
			fields.customer_id ??
			(customerSeed?.email
				? this.ensureCustomer(customerSeed.email, customerSeed.name).id
				: this.addCustomer(customerSeed ?? {}).id);
		const status = fields.status ?? 'open';
		const created =
			fields.created_datetime === undefined
				? this.now()
				: toGorgiasDatetime(fields.created_datetime);
		const id = this.nextId('ticket', fields.id);
		const ticket: GorgiasTicketRecord = {
			id,
			external_id: null,
			status,
			priority: 'normal',
			channel: 'email',
			via: 'email',
			from_agent: false,
			spam: false,
			customer_id: customerId,
			assignee_user_id: null,
			assignee_team_id: null,
			language: 'en',
			subject: SUBJECTS[n % SUBJECTS.length],
			meta: {},
			custom_fields: {},
			rule_ids: [],
			is_unread: status === 'open',
			opened_datetime: null,
			closed_datetime: status === 'closed' ? created : null,
			snooze_datetime: null,
			trashed_datetime: null,
			...fields,
			tag_ids: [...new Set([...tag_ids, ...tags.map((name) => this.ensureTag(name).id)])],
			created_datetime: created,
			updated_datetime:
				fields.updated_datetime === undefined
					? created
					: toGorgiasDatetime(fields.updated_datetime),
		};
		// Seeds may pass any ISO form; the API always answers the microsecond `+00:00` one.
		for (const key of [
			'opened_datetime',
			'closed_datetime',
			'snooze_datetime',
			'trashed_datetime',
		] as const) {
			const value = ticket[key];
			if (value !== null) ticket[key] = toGorgiasDatetime(value);
		}
		this.tickets.set(ticket.id, ticket);
		for (const message of messages ?? [{}]) this.addMessage(ticket.id, message);
		return this.ticketJson(ticket, true);
	}

	/**
	 * A small, varied account: 35 tickets (more than one default page of 30), one minute apart
	 * in the past, with `updated_datetime` in a different order than `created_datetime`.
	 */
	seedDemo(apiUserEmail?: string) {
		const apiUser = apiUserEmail
			? this.addUser({ name: 'API Integration', email: apiUserEmail, role: { name: 'admin' } })
			: undefined;
		const users = [
			this.addUser({ name: 'Marina Duarte', email: 'marina@acme.example' }),
			this.addUser({ name: 'Paul Mendes', email: 'paul@acme.example' }),
			this.addUser({ name: 'Renée Faure', email: 'renee@acme.example' }),
		];
		const teams = [
			this.addTeam({
				name: 'Support',
				description: 'Front line',
				member_ids: [users[0].id, users[1].id],
			}),
			this.addTeam({
				name: 'Billing',
				description: 'Refunds and invoices',
				member_ids: [users[2].id],
			}),
		];
		const tags = ['urgent', 'vip', 'refund', 'shipping'].map((name) => this.addTag({ name }));
		const customers = Array.from({ length: 8 }, () => this.addCustomer());
		const views = [
			this.addView({ name: 'Open tickets', filter: { status: 'open' } }),
			this.addView({ name: 'Closed tickets', filter: { status: 'closed' } }),
			this.addView({ name: 'Unassigned', filter: { status: 'open', assignee_user_id: null } }),
			this.addView({ name: 'Urgent', filter: { tag: 'urgent' } }),
		];
		const channels = ['email', 'api', 'chat', 'phone', 'sms'];
		const priorities = ['normal', 'high', 'low', 'normal', 'critical'];
		const base = Date.now() - 80 * 60_000;
		const tickets = Array.from({ length: 35 }, (_, i) => {
			const created = base + i * 60_000;
			const status: GorgiasTicketStatus = i % 3 === 2 ? 'closed' : 'open';
			const channel = channels[i % channels.length];
			const assigned = i % 4 !== 0;
			const ticket = this.addTicket({
				customer_id: customers[i % customers.length].id,
				status,
				channel,
				via: channel === 'email' ? 'email' : 'api',
				priority: priorities[i % priorities.length],
				assignee_user_id: assigned ? users[i % users.length].id : null,
				assignee_team_id: assigned ? teams[i % teams.length].id : null,
				tag_ids: i % 5 === 0 ? [tags[0].id, tags[1].id] : [tags[i % tags.length].id],
				external_id: `order-${1000 + i}`,
				created_datetime: toGorgiasDatetime(created),
				updated_datetime: toGorgiasDatetime(created + ((i * 7) % 11) * 60_000),
				closed_datetime: status === 'closed' ? toGorgiasDatetime(created + 60_000) : null,
				rule_ids: i % 2 === 0 ? [42] : [],
				spam: i === 33,
				trashed_datetime: i === 34 ? toGorgiasDatetime(created + 30_000) : null,
				messages: [{}, ...(assigned ? [{ from_agent: true }] : [])],
			});
			return ticket;
		});
		return { apiUser, users, teams, tags, customers, views, tickets };
	}
}
