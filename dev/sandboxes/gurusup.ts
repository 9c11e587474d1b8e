import { randomBytes } from 'node:crypto';
import { z } from 'zod';

import { ok, Sandbox } from './framework';
import type { SandboxRequest, SandboxResponse } from './framework';
import { GuruSupState, toPublicTicket } from './gurusup-data';
import type {
	GuruSupMessage,
	GuruSupMessageInput,
	GuruSupTicket,
	GuruSupTicketSeed,
} from './gurusup-data';
import { errorBody, HttpError, paginate, queryInt, toFieldErrors } from './validation';

export { GURUSUP_API_SOURCE } from './gurusup-data';
export type { GuruSupMessage, GuruSupTicket, GuruSupTicketSeed } from './gurusup-data';

/*
 * Contract decisions where gurusup.md / the seed leave room:
 * - Auth: `x-api-key` must equal the key exactly. `x-api-username` is checked only when the
 *   sandbox was started with `apiUsername`; otherwise the header is ignored (the log keeps it, so
 *   tests can assert a node does not send it). Failure → 401 `{ statusCode: 401, message:
 *   'Unauthorized' }` (the real error shape is undocumented).
 * - `external_id` (ticket and message): the docs say "alphanumeric" but their own example is
 *   `msg_001`, so letters, digits, `_` and `-` are accepted; anything else (spaces, dots, empty)
 *   → 400.
 * - Bodies are strict: an undocumented key → 400 (as in the Zaia sandbox), so a node sending
 *   e.g. `sender_name` on create or `sources` on update is caught. `null` is never accepted for
 *   the optional string fields: the docs type them as strings, and no "unassign" exists.
 * - `received_at` must be an ISO 8601 date-time with a zone (`Z` or an offset); a bare date or a
 *   zone-less local time → 400. It is stored and returned exactly as sent.
 * - `sources` must be a JSON integer (`"2"` or `2.5` → 400).
 * - Two messages with the same `external_id` in one body → 400 on the second one's path.
 * - Create: duplicate ticket `external_id` → 409; success → 201 with the ticket (id is an
 *   auto-increment integer). `sender_name` and `agent` start null (create cannot set them).
 * - Update (`PUT /v1/tickets`): the ticket is found by `external_id` in the body (unknown → 404).
 *   `messages` is required but may be empty (a field-only update). A message whose
 *   `external_id` the ticket already has is ignored (neither duplicated nor edited), so a
 *   retried update is idempotent; `updated_at` moves only when something actually changed.
 *   Success → 202 with the whole ticket.
 * - List: every query parameter is ignored in the default `pagination: 'none'` mode (an
 *   `external_id` filter is not documented, so a node must filter client-side) and the answer
 *   is a bare array, newest `created_at` first (ties: higher id first). In `'page'` mode `page`
 *   (≥ 1, default 1) and `limit` (1–100, default 20) are honoured — invalid values → 400 — and
 *   the answer is `{ data, page, limit, total }`; other parameters are still ignored.
 */

export const GURUSUP_API_PREFIX = '/api/v1';

/** Route keys, usable with `injectFault` and `requestsTo`. */
export const GURUSUP_ROUTES = {
	createTicket: 'POST /api/v1/tickets',
	listTickets: 'GET /api/v1/tickets',
	updateTicket: 'PUT /api/v1/tickets',
} as const;

export type GuruSupPagination = 'none' | 'page';

export interface GuruSupSandboxOptions {
	/** Default: a random `gs_…` key, so secret-redaction tests have something unique. */
	apiKey?: string;
	/** When set, `x-api-username` must carry it; when not, that header is ignored. */
	apiUsername?: string;
	latencyMs?: number;
	/** Default `'none'`: the list answers a bare array of every ticket. */
	pagination?: GuruSupPagination;
}

export interface GuruSupPage {
	data: GuruSupTicket[];
	page: number;
	limit: number;
	total: number;
}

const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;

function externalId() {
	return z.string().regex(EXTERNAL_ID, "Expected letters, digits, '_' or '-'");
}

function email() {
	return z.string().email('Expected an email address');
}

const message = z
	.object({
		external_id: externalId(),
		body: z.string().min(1, 'Must not be empty'),
		is_agent: z.boolean(),
		received_at: z
			.string()
			.datetime({ offset: true, message: 'Expected an ISO 8601 date-time with a zone' }),
	})
	.strict();

/** Message `external_id`s are unique within a ticket, so also within one request. */
function messageList() {
	return z.array(message).superRefine((messages, ctx) => {
		const seen = new Set<string>();
		messages.forEach((entry, index) => {
			if (seen.has(entry.external_id)) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: [index, 'external_id'],
					message: `Duplicate message external_id '${entry.external_id}'`,
				});
			}
			seen.add(entry.external_id);
		});
	});
}

const createBody = z
	.object({
		external_id: externalId(),
		subject: z.string().trim().min(1, 'Must not be empty'),
		sender: email(),
		agent_id: z.string().optional(),
		agent_name: z.string().optional(),
		messages: messageList().refine((messages) => messages.length > 0, 'At least one message'),
		sources: z.number().int('Expected an integer'),
	})
	.strict();

const updateBody = z
	.object({
		external_id: externalId(),
		subject: z.string().trim().min(1, 'Must not be empty').optional(),
		sender: email().optional(),
		sender_name: z.string().optional(),
		agent_id: z.string().optional(),
		agent: email().optional(),
		agent_name: z.string().optional(),
		messages: messageList(),
	})
	.strict();

const UPDATABLE_FIELDS = [
	'subject',
	'sender',
	'sender_name',
	'agent_id',
	'agent',
	'agent_name',
] as const;

const pageQuery = z
	.object({
		page: queryInt({ min: 1 }).default('1'),
		limit: queryInt({ min: 1, max: 100 }).default('20'),
	})
	.passthrough();

function newestFirst(a: GuruSupTicket, b: GuruSupTicket): number {
	return Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id;
}

function header(headers: SandboxRequest['headers'], name: string): string | undefined {
	const value = headers[name];
	return typeof value === 'string' ? value : undefined;
}

export class GuruSupSandbox extends Sandbox {
	readonly apiKey: string;
	readonly apiUsername?: string;
	readonly state = new GuruSupState();
	/** Switchable between tests: the list's shape follows it on the next request. */
	pagination: GuruSupPagination;

	constructor(options: GuruSupSandboxOptions = {}) {
		const apiKey = options.apiKey ?? `gs_${randomBytes(16).toString('hex')}`;
		const apiUsername = options.apiUsername;
		super({
			auth: (headers) =>
				header(headers, 'x-api-key') === apiKey &&
				(apiUsername === undefined || header(headers, 'x-api-username') === apiUsername),
			unauthorized: { status: 401, body: errorBody(401, 'Unauthorized') },
			latencyMs: options.latencyMs,
		});
		this.apiKey = apiKey;
		this.apiUsername = apiUsername;
		this.pagination = options.pagination ?? 'none';
		this.registerRoutes();
	}

	/** The live map, keyed by ticket `external_id`; edits show up in the next response. */
	get tickets(): Map<string, GuruSupTicket> {
		return this.state.tickets;
	}

	addTicket(seed?: GuruSupTicketSeed): GuruSupTicket {
		return this.state.addTicket(seed);
	}

	seedDemo(): GuruSupTicket[] {
		return this.state.seedDemo();
	}

	/**
	 * Records a message on a ticket as an update would (the customer writes, or an agent
	 * replies), received now unless `received_at` says otherwise; returns it.
	 */
	addMessage(externalId: string, input: Partial<GuruSupMessageInput> = {}): GuruSupMessage {
		const ticket = this.state.tickets.get(externalId);
		if (!ticket) throw new Error(`No ticket '${externalId}'`);
		const message = this.state.buildMessage(ticket, input);
		ticket.messages.push(message);
		ticket.updated_at = this.state.now();
		return message;
	}

	/** A copy of the ticket as the API would return it now, or undefined. */
	ticket(externalId: string): GuruSupTicket | undefined {
		const ticket = this.state.tickets.get(externalId);
		return ticket && toPublicTicket(ticket);
	}

	/** Empty account, empty log, no pending faults; the server keeps running. */
	reset(): void {
		this.state.clear();
		this.clearLog();
		this.clearFaults();
	}

	private appendMessages(ticket: GuruSupTicket, messages: GuruSupMessageInput[]): number {
		let added = 0;
		for (const input of messages) {
			if (ticket.messages.some((existing) => existing.external_id === input.external_id)) continue;
			ticket.messages.push(this.state.buildMessage(ticket, input));
			added++;
		}
		return added;
	}

	private registerRoutes(): void {
		const state = this.state;

		this.route(GURUSUP_ROUTES.createTicket, {
			body: createBody,
			handler: ({ body }): SandboxResponse => {
				if (state.tickets.has(body.external_id)) {
					throw new HttpError(409, `Ticket with external_id '${body.external_id}' already exists`);
				}
				const now = state.now();
				const ticket = state.addTicket({
					external_id: body.external_id,
					subject: body.subject,
					sender: body.sender,
					sender_name: null,
					agent_id: body.agent_id ?? null,
					agent: null,
					agent_name: body.agent_name ?? null,
					sources: body.sources,
					created_at: now,
					updated_at: now,
					messages: [],
				});
				this.appendMessages(ticket, body.messages);
				return { status: 201, body: toPublicTicket(ticket) };
			},
		});

		this.route(GURUSUP_ROUTES.updateTicket, {
			body: updateBody,
			handler: ({ body }): SandboxResponse => {
				const ticket = state.tickets.get(body.external_id);
				if (!ticket) throw new HttpError(404, 'Ticket not found');
				let changed = false;
				for (const key of UPDATABLE_FIELDS) {
					const value = body[key];
					if (value === undefined || ticket[key] === value) continue;
					ticket[key] = value;
					changed = true;
				}
				// Fields first, so an agent reply in the same request carries the new agent.
				if (this.appendMessages(ticket, body.messages) > 0) changed = true;
				if (changed) ticket.updated_at = state.now();
				return { status: 202, body: toPublicTicket(ticket) };
			},
		});

		this.route(GURUSUP_ROUTES.listTickets, {
			handler: ({ query }) => {
				const tickets = [...state.tickets.values()].sort(newestFirst).map(toPublicTicket);
				if (this.pagination === 'none') return ok(tickets);
				const parsed = pageQuery.safeParse(query);
				if (!parsed.success) {
					throw new HttpError(
						400,
						errorBody(400, 'Invalid request', toFieldErrors('query', parsed.error)),
					);
				}
				const { page, limit } = parsed.data;
				const body: GuruSupPage = {
					data: paginate(tickets, page, limit),
					page,
					limit,
					total: tickets.length,
				};
				return ok(body);
			},
		});
	}
}

export async function startGuruSupSandbox(
	options: GuruSupSandboxOptions = {},
): Promise<GuruSupSandbox> {
	const sandbox = new GuruSupSandbox(options);
	await sandbox.start();
	return sandbox;
}
