/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';

import { ok } from './framework';
import type { Params, SandboxResponse } from './framework';
import {
	gorgiasError,
	invalidRequest,
	parseDatetimeMicros,
	type GorgiasState,
	type GorgiasTicketRecord,
} from './gorgias-data';
import { pageShape, paginateCursor, type CursorCodec, type SortDirection } from './gorgias-paging';
import { oneOrMany, queryBoolean, queryInt } from './validation';

/*
 * Macros and the Jobs API (gorgias-daily.md §1–2, gorgias-extended.md §6). Decisions where the
 * notes leave room:
 * - Macro create answers 201 (not documented); update is partial and `actions` replaces the
 *   list; delete answers 204, or 409 when a rule uses the macro (per a third party: unconfirmed).
 * - Bulk archive/unarchive take 1–30 ids and answer 207 with one outcome per id.
 * - List: `order_by` defaults to `usage:desc`; `relevance` needs `ticket_id` (else 400) and
 *   ranks macros by how many words of the ticket's subject and tags their name holds (Gorgias'
 *   own ranking is not documented). `tags` keeps macros whose addTags actions add one of the
 *   names (what the filter matches upstream is not documented). `archived=true` lists only
 *   archived macros, the default only the others.
 * - Jobs: only `applyMacro` is modelled (other documented types answer 400 here). Params must
 *   carry `macro_id` (an unknown macro → 400 on create) and exactly one of `ticket_ids`,
 *   `view_id` (the sandbox's view filter); an ad-hoc `view` is refused (not modelled). A job
 *   moves one step per GET of it: pending (or scheduled until its time) → running (the first
 *   half of its tickets applied) → done; a ticket that no longer exists makes the job end
 *   `errored` (with `failed_datetime`) after the others were applied: the job object carries no
 *   reason, as documented. DELETE asks for cancellation (204): the next GET shows `canceled`.
 * - Applying a macro performs setStatus, setPriority, setSubject, setAssignee, setTeamAssignee,
 *   addTags, removeTags (through the ticket update, so events are recorded), setResponseText (an
 *   agent reply on the ticket's channel) and addInternalNote, rendering
 *   `{{ticket.customer.firstname|lastname|name|email}}`, `{{ticket.id}}` and
 *   `{{current_user.firstname|name}}`; other actions have no effect here. `apply_and_close`
 *   closes the ticket afterwards; each applied ticket adds one to the macro's `usage`.
 */

/** Route keys, usable with `injectFault` and `requestsTo`. */
export const GORGIAS_MACRO_ROUTES = {
	listMacros: 'GET /api/macros',
	getMacro: 'GET /api/macros/:id',
	createMacro: 'POST /api/macros',
	updateMacro: 'PUT /api/macros/:id',
	deleteMacro: 'DELETE /api/macros/:id',
	archiveMacros: 'PUT /api/macros/archive',
	unarchiveMacros: 'PUT /api/macros/unarchive',
	createJob: 'POST /api/jobs',
	getJob: 'GET /api/jobs/:id',
	cancelJob: 'DELETE /api/jobs/:id',
} as const;

export const GORGIAS_MACRO_INTENTS = [
	'discount/request',
	'exchange/request',
	'exchange/status',
	'feedback',
	'order/damaged',
	'order/cancel',
	'order/change',
	'order/wrong',
	'other/no_reply',
	'other/question',
	'other/thanks',
	'product/recommendation',
	'product/question',
	'refund/request',
	'refund/status',
	'return/request',
	'return/status',
	'shipping/change',
	'shipping/delivery-issue',
	'shipping/policy',
	'shipping/status',
	'stock/request',
	'subscription/cancel',
	'subscription/change',
] as const;

const JOB_TYPES = [
	'applyMacro',
	'deleteTicket',
	'exportTicket',
	'importMacro',
	'exportMacro',
	'updateTicket',
	'exportTicketDrilldown',
	'exportConvertCampaignSalesDrilldown',
] as const;

export type GorgiasJobStatus =
	| 'pending'
	| 'scheduled'
	| 'running'
	| 'done'
	| 'errored'
	| 'fatal_errored'
	| 'cancel_requested'
	| 'canceled';

export interface GorgiasMacroAction {
	name: string;
	title?: string;
	type?: string;
	arguments?: Record<string, unknown>;
	description?: string | null;
}

export interface GorgiasMacro {
	id: number;
	uri: string;
	external_id: string | null;
	name: string;
	intent: string | null;
	language: string | null;
	usage: number;
	actions: GorgiasMacroAction[];
	created_datetime: string;
	updated_datetime: string;
	archived_datetime: string | null;
	/** Rules that use the macro (not rendered): they block delete and archive. */
	rule_ids: number[];
}

export interface GorgiasJob {
	id: number;
	uri: string;
	type: 'applyMacro';
	status: GorgiasJobStatus;
	params: Record<string, unknown>;
	meta: Record<string, unknown> | null;
	info: { progress_count: number };
	user_id: number | null;
	created_datetime: string;
	scheduled_datetime: string | null;
	started_datetime: string | null;
	locked_datetime: string | null;
	ended_datetime: string | null;
	failed_datetime: string | null;
	cancel_requested_datetime: string | null;
	cancelled_datetime: string | null;
}

/** What a macro action may change on a ticket, as the ticket update takes it. */
export interface MacroTicketChange {
	status?: 'open' | 'closed';
	priority?: string;
	subject?: string;
	assignee_user?: { id: number } | null;
	assignee_team?: { id: number } | null;
	tags?: Array<{ id?: number; name?: string }>;
}

type EndpointHandler<Q, B> = (ctx: {
	params: Params;
	query: Q;
	body: B;
	headers: IncomingHttpHeaders;
	path: string;
}) => SandboxResponse | Promise<SandboxResponse>;

/** What the macro routes need from the Gorgias sandbox. */
export interface MacroHost {
	endpoint<Q extends z.ZodTypeAny, B extends z.ZodTypeAny>(
		key: string,
		spec: { query?: Q; body?: B; handler: EndpointHandler<z.output<Q>, z.output<B>> },
	): void;
	state: GorgiasState;
	cursors: CursorCodec;
	updateTicket(ticket: GorgiasTicketRecord, change: MacroTicketChange, actor: number | null): void;
	actorId(headers: IncomingHttpHeaders): number | null;
}

const positiveInt = z.number({ invalid_type_error: 'Expected an integer' }).int().positive();
const text = z.string().trim().min(1, 'Must not be empty');
const datetime = z
	.string()
	.refine((value) => parseDatetimeMicros(value) !== undefined, 'Expected an ISO 8601 date-time');

const macroAction = z
	.object({
		name: text,
		title: z.string().optional(),
		type: z.string().optional(),
		arguments: z.record(z.unknown()).optional(),
		description: z.string().nullable().optional(),
	})
	.strict();

const macroFields = {
	actions: z.array(macroAction).optional(),
	external_id: z.string().nullable().optional(),
	intent: z.enum(GORGIAS_MACRO_INTENTS).nullable().optional(),
	language: z
		.string()
		.regex(/^[a-z]{2}$/, 'Expected an ISO 639-1 code')
		.nullable()
		.optional(),
};
const createMacroBody = z.object({ name: text, ...macroFields }).strict();
const updateMacroBody = z.object({ name: text.optional(), ...macroFields }).strict();
const bulkBody = z
	.object({ ids: z.array(positiveInt).min(1, 'Give at least one id').max(30, 'At most 30 ids') })
	.strict();

const MACRO_SORTS = [
	'name',
	'created_datetime',
	'updated_datetime',
	'usage',
	'language',
	'relevance',
];
const macroOrders = MACRO_SORTS.flatMap((field) => [`${field}:asc`, `${field}:desc`]) as [
	string,
	...string[],
];
const listMacrosQuery = z
	.object({
		...pageShape,
		search: z.string().optional(),
		tags: oneOrMany(text).optional(),
		languages: oneOrMany(z.string().regex(/^[a-z]{2}$/, 'Expected an ISO 639-1 code')).optional(),
		order_by: z.enum(macroOrders).default('usage:desc'),
		ticket_id: queryInt({ min: 1 }).optional(),
		message_id: queryInt({ min: 1 }).optional(),
		archived: queryBoolean().optional(),
		number_predictions: queryInt({ min: 0 }).optional(),
	})
	.strict();

const applyMacroParams = z
	.object({
		macro_id: positiveInt,
		apply_and_close: z.boolean().optional(),
		ticket_ids: z.array(positiveInt).min(1, 'Give at least one ticket id').optional(),
		view_id: positiveInt.optional(),
		view: z.record(z.unknown()).optional(),
		start_datetime: datetime.nullable().optional(),
		end_datetime: datetime.nullable().optional(),
	})
	.strict();
const createJobBody = z
	.object({
		type: z.enum(JOB_TYPES),
		params: z.record(z.unknown()),
		scheduled_datetime: datetime.optional(),
		meta: z.record(z.unknown()).nullable().optional(),
	})
	.strict();

const SCHEDULE_LIMIT_MS = 60 * 60_000;
const ENDED: GorgiasJobStatus[] = ['done', 'errored', 'fatal_errored', 'canceled'];

function words(value: string | null | undefined): string[] {
	return (value ?? '')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((word) => word.length > 2);
}

/** Macros and jobs of one sandbox account. */
export class GorgiasMacroDesk {
	readonly macros = new Map<number, GorgiasMacro>();
	readonly jobs = new Map<number, GorgiasJob>();
	/** GETs of a job per step of its life (1: running at the first look, done at the second). */
	pollsPerStep = 1;
	private readonly looks = new Map<number, number>();
	private nextMacroId = 400_000;
	private nextJobId = 600_000;

	constructor(private readonly host: MacroHost) {
		this.registerMacroRoutes();
		this.registerJobRoutes();
	}

	clear(): void {
		this.macros.clear();
		this.jobs.clear();
		this.looks.clear();
		this.targets.clear();
		this.pollsPerStep = 1;
		this.nextMacroId = 400_000;
		this.nextJobId = 600_000;
	}

	addMacro(partial: Partial<GorgiasMacro> = {}): GorgiasMacro {
		const id = partial.id ?? ++this.nextMacroId;
		this.nextMacroId = Math.max(this.nextMacroId, id);
		const time = this.host.state.now();
		const macro: GorgiasMacro = {
			id,
			uri: `/api/macros/${id}/`,
			external_id: null,
			name: `Macro ${id}`,
			intent: null,
			language: null,
			usage: 0,
			actions: [],
			created_datetime: time,
			updated_datetime: time,
			archived_datetime: null,
			rule_ids: [],
			...partial,
		};
		this.macros.set(id, macro);
		return macro;
	}

	macroJson(macro: GorgiasMacro) {
		const json: Partial<GorgiasMacro> = { ...macro };
		delete json.rule_ids;
		return { ...json, actions: macro.actions.map((action) => ({ ...action })) };
	}

	jobJson(job: GorgiasJob) {
		return { ...job, params: { ...job.params }, info: { ...job.info } };
	}

	private macroRecord(id: string): GorgiasMacro {
		const macro = /^\d{1,15}$/.test(id) ? this.macros.get(Number(id)) : undefined;
		if (!macro) throw gorgiasError(404, 'Macro not found');
		return macro;
	}

	private jobRecord(id: string): GorgiasJob {
		const job = /^\d{1,15}$/.test(id) ? this.jobs.get(Number(id)) : undefined;
		if (!job) throw gorgiasError(404, 'Job not found');
		return job;
	}

	// --- macros --------------------------------------------------------------------------------

	private registerMacroRoutes(): void {
		const { host } = this;
		host.endpoint(GORGIAS_MACRO_ROUTES.listMacros, {
			query: listMacrosQuery,
			handler: ({ query, path }) => {
				const [field, direction] = query.order_by.split(':') as [string, SortDirection];
				const ticket =
					query.ticket_id === undefined ? undefined : host.state.tickets.get(query.ticket_id);
				if (field === 'relevance' && query.ticket_id === undefined) {
					throw invalidRequest({ ticket_id: ['Required to order by relevance'] });
				}
				if (query.ticket_id !== undefined && !ticket) throw gorgiasError(404, 'Ticket not found');
				const ticketWords = ticket
					? new Set([
							...words(ticket.subject),
							...ticket.tag_ids.flatMap((id) => words(host.state.tags.get(id)?.name)),
						])
					: new Set<string>();
				const search = query.search?.trim().toLowerCase();
				const tags = query.tags?.map((tag) => tag.toLowerCase());
				const macros = [...this.macros.values()].filter(
					(macro) =>
						(query.archived === true) === (macro.archived_datetime !== null) &&
						(!search ||
							macro.name.toLowerCase().includes(search) ||
							JSON.stringify(macro.actions).toLowerCase().includes(search)) &&
						(!query.languages || query.languages.includes(macro.language ?? '')) &&
						(!tags || this.addedTags(macro).some((tag) => tags.includes(tag))),
				);
				const sortValue = (macro: GorgiasMacro): string | number => {
					if (field === 'relevance')
						return words(macro.name).filter((word) => ticketWords.has(word)).length;
					const value = macro[field as 'name' | 'usage'];
					return value ?? '';
				};
				return ok(
					paginateCursor(
						macros,
						{
							key: (macro) => [sortValue(macro), macro.id],
							direction,
							scope: `macros|${query.order_by}|${query.ticket_id ?? ''}`,
							query,
							codec: host.cursors,
							uri: path,
						},
						(macro) => this.macroJson(macro),
					),
				);
			},
		});
		host.endpoint(GORGIAS_MACRO_ROUTES.getMacro, {
			handler: ({ params }) => ok(this.macroJson(this.macroRecord(params.id))),
		});
		host.endpoint(GORGIAS_MACRO_ROUTES.createMacro, {
			body: createMacroBody,
			handler: ({ body }) => {
				const macro = this.addMacro({
					name: body.name,
					actions: body.actions ?? [],
					external_id: body.external_id ?? null,
					intent: body.intent ?? null,
					language: body.language ?? null,
				});
				return { status: 201, body: this.macroJson(macro) };
			},
		});
		host.endpoint(GORGIAS_MACRO_ROUTES.updateMacro, {
			body: updateMacroBody,
			handler: ({ params, body }) => {
				const macro = this.macroRecord(params.id);
				if (body.name !== undefined) macro.name = body.name;
				if (body.actions !== undefined) macro.actions = body.actions;
				if (body.external_id !== undefined) macro.external_id = body.external_id;
				if (body.intent !== undefined) macro.intent = body.intent;
				if (body.language !== undefined) macro.language = body.language;
				macro.updated_datetime = host.state.now();
				return ok(this.macroJson(macro));
			},
		});
		host.endpoint(GORGIAS_MACRO_ROUTES.deleteMacro, {
			handler: ({ params }) => {
				const macro = this.macroRecord(params.id);
				if (macro.rule_ids.length) {
					throw gorgiasError(409, 'This macro is used by rules and cannot be deleted');
				}
				this.macros.delete(macro.id);
				return { status: 204 };
			},
		});
		host.endpoint(GORGIAS_MACRO_ROUTES.archiveMacros, {
			body: bulkBody,
			handler: ({ body }) => ({
				status: 207,
				body: {
					data: body.ids.map((id) => {
						const macro = this.macros.get(id);
						if (!macro) return { id, status: 'not_found', error: null };
						if (macro.archived_datetime !== null)
							return { id, status: 'already_archived', error: null };
						if (macro.rule_ids.length) {
							return {
								id,
								status: 'macro_used',
								error: {
									msg: 'This macro is used by rules',
									data: { rules: macro.rule_ids.map((rule) => ({ id: rule })) },
								},
							};
						}
						macro.archived_datetime = host.state.now();
						return { id, status: 'archived', error: null };
					}),
				},
			}),
		});
		host.endpoint(GORGIAS_MACRO_ROUTES.unarchiveMacros, {
			body: bulkBody,
			handler: ({ body }) => ({
				status: 207,
				body: {
					data: body.ids.map((id) => {
						const macro = this.macros.get(id);
						if (!macro) return { id, status: 'not_found' };
						if (macro.archived_datetime === null) return { id, status: 'already_not_archived' };
						macro.archived_datetime = null;
						return { id, status: 'unarchived' };
					}),
				},
			}),
		});
	}

	/** Tag names a macro's addTags actions add (comma-separated, as Gorgias stores them). */
	private addedTags(macro: GorgiasMacro): string[] {
		return macro.actions
			.filter((action) => action.name === 'addTags')
			.flatMap((action) => String(action.arguments?.tags ?? '').split(','))
			.map((tag) => tag.trim().toLowerCase())
			.filter(Boolean);
	}

	// --- jobs ----------------------------------------------------------------------------------

	private registerJobRoutes(): void {
		const { host } = this;
		host.endpoint(GORGIAS_MACRO_ROUTES.createJob, {
			body: createJobBody,
			handler: ({ body, headers }) => {
				if (body.type !== 'applyMacro') {
					throw invalidRequest({ type: ['Only applyMacro jobs are modelled by the sandbox'] });
				}
				const parsed = applyMacroParams.safeParse(body.params);
				if (!parsed.success) {
					const errors: Record<string, string[]> = {};
					for (const issue of parsed.error.issues) {
						(errors[['params', ...issue.path].join('.')] ??= []).push(issue.message);
					}
					throw invalidRequest(errors);
				}
				const params = parsed.data;
				const selectors = [params.ticket_ids, params.view_id, params.view].filter(
					(selector) => selector !== undefined,
				);
				if (selectors.length !== 1) {
					throw invalidRequest({ params: ['Give exactly one of ticket_ids, view_id or view'] });
				}
				if (params.view !== undefined) {
					throw invalidRequest({ 'params.view': ['Ad-hoc views are not modelled by the sandbox'] });
				}
				if (!this.macros.has(params.macro_id)) {
					throw invalidRequest({ 'params.macro_id': ['No macro with this id'] });
				}
				if (params.view_id !== undefined && !host.state.views.has(params.view_id)) {
					throw invalidRequest({ 'params.view_id': ['No view with this id'] });
				}
				const now = Date.now();
				let scheduled: string | null = null;
				if (body.scheduled_datetime !== undefined) {
					const at = (parseDatetimeMicros(body.scheduled_datetime) ?? 0) / 1000;
					if (at > now + SCHEDULE_LIMIT_MS) {
						throw invalidRequest({ scheduled_datetime: ['At most 60 minutes ahead'] });
					}
					scheduled = at > now ? new Date(at).toISOString() : null;
				}
				const id = ++this.nextJobId;
				const job: GorgiasJob = {
					id,
					uri: `/api/jobs/${id}/`,
					type: 'applyMacro',
					status: scheduled ? 'scheduled' : 'pending',
					params: body.params,
					meta: body.meta ?? null,
					info: { progress_count: 0 },
					user_id: host.actorId(headers),
					created_datetime: host.state.now(),
					scheduled_datetime: scheduled,
					started_datetime: null,
					locked_datetime: null,
					ended_datetime: null,
					failed_datetime: null,
					cancel_requested_datetime: null,
					cancelled_datetime: null,
				};
				this.jobs.set(id, job);
				return { status: 201, body: this.jobJson(job) };
			},
		});
		host.endpoint(GORGIAS_MACRO_ROUTES.getJob, {
			handler: ({ params }) => {
				const job = this.jobRecord(params.id);
				const looks = (this.looks.get(job.id) ?? 0) + 1;
				this.looks.set(job.id, looks);
				if (looks % this.pollsPerStep === 0) this.advance(job);
				return ok(this.jobJson(job));
			},
		});
		host.endpoint(GORGIAS_MACRO_ROUTES.cancelJob, {
			handler: ({ params }) => {
				const job = this.jobRecord(params.id);
				if (!ENDED.includes(job.status)) {
					job.status = 'cancel_requested';
					job.cancel_requested_datetime = host.state.now();
				}
				return { status: 204 };
			},
		});
	}

	/** The tickets a job works on, fixed when it starts. */
	private readonly targets = new Map<number, number[]>();

	/** One step of a job's life (the sandbox's clock is its polls). */
	private advance(job: GorgiasJob): void {
		const state = this.host.state;
		switch (job.status) {
			case 'scheduled':
				if (Date.parse(job.scheduled_datetime ?? '') <= Date.now()) job.status = 'pending';
				return;
			case 'cancel_requested':
				job.status = 'canceled';
				job.cancelled_datetime = state.now();
				job.ended_datetime = job.cancelled_datetime;
				job.locked_datetime = null;
				return;
			case 'pending': {
				const params = job.params as { ticket_ids?: number[]; view_id?: number };
				const view = params.view_id === undefined ? undefined : state.views.get(params.view_id);
				const ids =
					params.ticket_ids ??
					[...state.tickets.values()]
						.filter((ticket) => view && state.matchesView(ticket, view))
						.map((ticket) => ticket.id);
				this.targets.set(job.id, ids);
				job.status = 'running';
				job.started_datetime = state.now();
				job.locked_datetime = job.started_datetime;
				this.applyBatch(job, ids.slice(0, Math.ceil(ids.length / 2)));
				return;
			}
			case 'running': {
				const ids = this.targets.get(job.id) ?? [];
				const missing = this.applyBatch(job, ids.slice(Math.ceil(ids.length / 2)));
				const failedEarlier = job.info.progress_count < ids.length;
				const now = state.now();
				job.locked_datetime = null;
				job.ended_datetime = now;
				if (missing || failedEarlier) {
					job.status = 'errored';
					job.failed_datetime = now;
				} else {
					job.status = 'done';
				}
				this.targets.delete(job.id);
				return;
			}
			default:
		}
	}

	/**
	 * Applies the job's macro to these tickets; true when one of them failed (it no longer
	 * exists, or an action was refused, e.g. an unknown assignee).
	 */
	private applyBatch(job: GorgiasJob, ids: number[]): boolean {
		const params = job.params as { macro_id: number; apply_and_close?: boolean };
		const macro = this.macros.get(params.macro_id);
		let failed = false;
		for (const id of ids) {
			const ticket = this.host.state.tickets.get(id);
			if (!ticket || ticket.trashed_datetime !== null || !macro) {
				failed = true;
				continue;
			}
			try {
				this.applyMacro(macro, ticket, job.user_id, params.apply_and_close === true);
				job.info.progress_count++;
			} catch {
				failed = true;
			}
		}
		return failed;
	}

	private applyMacro(
		macro: GorgiasMacro,
		ticket: GorgiasTicketRecord,
		actor: number | null,
		close: boolean,
	): void {
		const { state } = this.host;
		const user = actor === null ? undefined : state.users.get(actor);
		const customer = state.customers.get(ticket.customer_id);
		const render = (template: unknown) =>
			String(template ?? '').replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, path: string) => {
				const values: Record<string, unknown> = {
					'ticket.id': ticket.id,
					'ticket.customer.firstname': customer?.firstname,
					'ticket.customer.lastname': customer?.lastname,
					'ticket.customer.name': customer?.name,
					'ticket.customer.email': customer?.email,
					'current_user.firstname': user?.firstname,
					'current_user.name': user?.name,
				};
				const value = values[path];
				return value === undefined || value === null ? whole : String(value);
			});
		const tagNames = () =>
			ticket.tag_ids.map((id) => state.tags.get(id)?.name).filter((name): name is string => !!name);
		const split = (value: unknown) =>
			String(value ?? '')
				.split(',')
				.map((name) => name.trim())
				.filter(Boolean);
		const idOf = (value: unknown): { id: number } | null => {
			const id = typeof value === 'object' && value ? (value as { id?: unknown }).id : value;
			return typeof id === 'number' ? { id } : null;
		};
		const update = (change: MacroTicketChange) => this.host.updateTicket(ticket, change, actor);
		for (const action of macro.actions) {
			const args = action.arguments ?? {};
			switch (action.name) {
				case 'setStatus':
					if (args.status === 'open' || args.status === 'closed') update({ status: args.status });
					break;
				case 'setPriority':
					if (typeof args.priority === 'string') update({ priority: args.priority });
					break;
				case 'setSubject':
					update({ subject: render(args.subject) });
					break;
				case 'setAssignee':
					update({ assignee_user: idOf(args.assignee_user) });
					break;
				case 'setTeamAssignee':
					update({ assignee_team: idOf(args.assignee_team) });
					break;
				case 'addTags': {
					const names = [...tagNames(), ...split(args.tags)];
					update({ tags: names.map((name) => ({ name })) });
					break;
				}
				case 'removeTags': {
					const removed = split(args.tags).map((name) => name.toLowerCase());
					update({
						tags: tagNames()
							.filter((name) => !removed.includes(name.toLowerCase()))
							.map((name) => ({ name })),
					});
					break;
				}
				case 'setResponseText':
				case 'addInternalNote': {
					const note = action.name === 'addInternalNote';
					const bodyText = render(args.body_text);
					const bodyHtml =
						args.body_html === undefined ? `<p>${bodyText}</p>` : render(args.body_html);
					const message = state.addMessage(ticket.id, {
						from_agent: true,
						channel: note ? 'internal-note' : ticket.channel,
						via: 'api',
						body_text: bodyText,
						body_html: bodyHtml,
						stripped_text: bodyText,
						stripped_html: bodyHtml,
						created_datetime: state.now(),
						...(user ? { sender: state.userRef(user) } : {}),
					});
					ticket.updated_datetime = state.now();
					state.recordEvent(
						'ticket-message-created',
						{ type: 'TicketMessage', id: message.id },
						{ ticket_id: ticket.id },
						actor,
					);
					break;
				}
				default:
			}
		}
		if (close) update({ status: 'closed' });
		macro.usage++;
	}
}
