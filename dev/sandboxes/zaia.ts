import { randomUUID } from 'node:crypto';
import { z } from 'zod';

import { ok, Sandbox } from './framework';
import {
	HttpError,
	oneOrMany,
	paginate,
	pagingShape,
	queryBoolean,
	queryInt,
	uuid,
} from './validation';
import {
	toDetail,
	toWrite,
	ZAIA_CHANNEL_TYPES,
	ZAIA_RESPONDER_ENTITIES,
	ZAIA_TICKET_STATUSES,
	ZaiaState,
} from './zaia-data';
import type {
	ZaiaChat,
	ZaiaChatMessage,
	ZaiaResponder,
	ZaiaTag,
	ZaiaTeam,
	ZaiaTicketRecord,
	ZaiaTicketTag,
	ZaiaUser,
} from './zaia-data';

/*
 * Contract decisions where zaia.md / the seed leave room:
 * - Every query and body schema is strict: an undocumented key is answered 400, like NestJS
 *   with `forbidNonWhitelisted`. A node sending a parameter the contract does not list is a bug
 *   we want to see in tests rather than a silently ignored filter.
 * - Unknown chat or ticketing team on create → 404 ('Chat not found' / 'Ticketing team not
 *   found'); the assignee is any uuid (there is no users endpoint to check it against).
 * - complete is idempotent (a retried PATCH keeps the first completedAt); takeover reopens a
 *   completed ticket (status ongoing, completedAt null).
 * - Attaching a tag that is already attached → 409; removing one that is not attached → 404.
 * - Ticket lists: newest createdAt first, ties by id ascending; `tagIds` matches tickets that
 *   carry any of the given tags; tickets of removed chats are hidden unless includeRemoved=true.
 */

export const ZAIA_API_PREFIX = '/api/v1';

/** Route keys, usable with `injectFault` and `requestsTo`. */
export const ZAIA_ROUTES = {
	getTicket: 'GET /api/v1/tickets/:id/details',
	listTickets: 'GET /api/v1/tickets/details',
	createTicket: 'POST /api/v1/tickets',
	completeTicket: 'PATCH /api/v1/tickets/:id/complete',
	takeoverTicket: 'PATCH /api/v1/tickets/:id/takeover',
	assignTicket: 'PATCH /api/v1/tickets/:id/assignee',
	addTicketTag: 'POST /api/v1/tickets/:ticketId/tags',
	removeTicketTag: 'DELETE /api/v1/tickets/:ticketId/tags/:tagId',
	listTeams: 'GET /api/v1/ticketing-teams',
	listTags: 'GET /api/v1/tags',
	createTag: 'POST /api/v1/tags',
	getTag: 'GET /api/v1/tags/:id',
	updateTag: 'PATCH /api/v1/tags/:id',
	deleteTag: 'DELETE /api/v1/tags/:id',
	listResponders: 'GET /api/v1/super-identities/responders',
	listChats: 'GET /api/v1/chats',
	listChatMessages: 'GET /api/v1/chat-messages',
	getChat: 'GET /api/v1/chats/:id/details',
} as const;

/** The chat-messages list's `pagination[limit]`: at most 1000, 250 when not sent. */
export const ZAIA_MAX_CHAT_MESSAGES = 1000;
export const ZAIA_DEFAULT_CHAT_MESSAGES = 250;

export interface ZaiaSandboxOptions {
	/** Default: a random `zaia_sk_…` key, so secret-redaction tests have something unique. */
	apiKey?: string;
	latencyMs?: number;
	workspaceId?: string;
	/**
	 * The order of the chat-messages list is undocumented: true answers newest first (the
	 * first `limit` messages are still the oldest ones), to test that readers sort.
	 */
	chatMessagesNewestFirst?: boolean;
}

const ticketStatus = z.enum(ZAIA_TICKET_STATUSES, {
	errorMap: (issue, ctx) => ({
		message:
			issue.code === 'invalid_type' && ctx.data === undefined
				? 'Required'
				: `Expected one of ${ZAIA_TICKET_STATUSES.join(', ')}`,
	}),
});

const byId = z.object({ id: uuid() });
const byTicketId = z.object({ ticketId: uuid() });
const byTicketAndTag = z.object({ ticketId: uuid(), tagId: uuid() });
const assigneeBody = z.object({ assigneeId: uuid() }).strict();

function newestFirst(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) {
	return Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id);
}

function oldestFirst(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) {
	return -newestFirst(a, b);
}

function publicTeam(team: ZaiaTeam) {
	const { id, name, description, isRemoved, createdAt, updatedAt, workspaceId } = team;
	return { id, name, description, isRemoved, createdAt, updatedAt, workspaceId };
}

/** A listed message; `sender` only with `joins=senders` (the joined shape is inferred). */
function publicChatMessage(message: ZaiaChatMessage, joinSenders: boolean) {
	const { senderName, ...fields } = message;
	return joinSenders
		? { ...fields, sender: message.senderId ? { id: message.senderId, name: senderName } : null }
		: fields;
}

function publicResponder(responder: ZaiaResponder) {
	const { entity, id, name, picture, workspaceId } = responder;
	return { entity, id, name, picture, workspaceId };
}

export class ZaiaSandbox extends Sandbox {
	readonly apiKey: string;
	readonly state: ZaiaState;
	chatMessagesNewestFirst: boolean;

	constructor(options: ZaiaSandboxOptions = {}) {
		const apiKey = options.apiKey ?? `zaia_sk_${randomUUID().replace(/-/g, '')}`;
		// Exact match: Zaia takes the raw key, so a `Bearer ` prefix must fail here.
		super({ auth: (headers) => headers.authorization === apiKey, latencyMs: options.latencyMs });
		this.apiKey = apiKey;
		this.state = new ZaiaState(options.workspaceId);
		this.chatMessagesNewestFirst = options.chatMessagesNewestFirst ?? false;
		this.registerTicketRoutes();
		this.registerLookupRoutes();
	}

	get workspaceId(): string {
		return this.state.workspaceId;
	}

	addTicket(partial?: Partial<ZaiaTicketRecord> & { tagIds?: string[] }): ZaiaTicketRecord {
		return this.state.addTicket(partial);
	}

	addTag(partial?: Partial<ZaiaTag>): ZaiaTag {
		return this.state.addTag(partial);
	}

	addTeam(partial?: Partial<ZaiaTeam>): ZaiaTeam {
		return this.state.addTeam(partial);
	}

	addResponder(partial?: Partial<ZaiaResponder>): ZaiaResponder {
		return this.state.addResponder(partial);
	}

	addChat(partial?: Partial<ZaiaChat>): ZaiaChat {
		return this.state.addChat(partial);
	}

	addUser(partial?: Partial<ZaiaUser>): ZaiaUser {
		return this.state.addUser(partial);
	}

	addChatMessage(partial?: Partial<ZaiaChatMessage>): ZaiaChatMessage {
		return this.state.addChatMessage(partial);
	}

	attachTag(ticketId: string, tagId: string): ZaiaTicketTag {
		return this.state.attachTag(ticketId, tagId);
	}

	removeChat(chatId: string): void {
		this.state.removeChat(chatId);
	}

	seedDemo() {
		return this.state.seedDemo();
	}

	/** The detail object the API would return for a ticket now. */
	ticketDetail(id: string) {
		return toDetail(this.ticket(id));
	}

	ticketTagIds(ticketId: string): string[] {
		return this.state.tagIdsOf(ticketId);
	}

	/** Empty workspace, empty log, no pending faults; the server keeps running. */
	reset(): void {
		this.state.clear();
		this.clearLog();
		this.clearFaults();
	}

	private ticket(id: string): ZaiaTicketRecord {
		const ticket = this.state.tickets.get(id);
		if (!ticket) throw new HttpError(404, 'Ticket not found');
		return ticket;
	}

	private tag(id: string): ZaiaTag {
		const tag = this.state.tags.get(id);
		if (!tag) throw new HttpError(404, 'Tag not found');
		return tag;
	}

	private registerTicketRoutes(): void {
		const state = this.state;

		this.route(ZAIA_ROUTES.getTicket, {
			params: byId,
			handler: ({ params }) => ok(toDetail(this.ticket(params.id))),
		});

		this.route(ZAIA_ROUTES.listTickets, {
			query: z
				.object({
					status: ticketStatus,
					assigneeIds: oneOrMany(uuid()).default([]),
					chatIds: oneOrMany(uuid()).default([]),
					responderIds: oneOrMany(uuid()).default([]),
					responderVersionIds: oneOrMany(uuid()).default([]),
					tagIds: oneOrMany(uuid()).default([]),
					includeRemoved: queryBoolean().optional(),
					search: z.string().optional(),
					...pagingShape(),
				})
				.strict(),
			handler: ({ query }) => {
				const inAny = (values: string[], value: string | null) =>
					values.length === 0 || (value !== null && values.includes(value));
				const search = query.search?.trim().toLowerCase();
				const tickets = [...state.tickets.values()]
					.filter((ticket) => ticket.status === query.status)
					.filter((ticket) => query.includeRemoved === true || !ticket.chatIsRemoved)
					.filter((ticket) => inAny(query.assigneeIds, ticket.assigneeId))
					.filter((ticket) => inAny(query.chatIds, ticket.chatId))
					.filter((ticket) => inAny(query.responderIds, ticket.responderId))
					.filter((ticket) => inAny(query.responderVersionIds, ticket.responderVersionId))
					.filter(
						(ticket) =>
							query.tagIds.length === 0 ||
							state.tagIdsOf(ticket.id).some((tagId) => query.tagIds.includes(tagId)),
					)
					.filter(
						(ticket) =>
							!search ||
							[ticket.summary, ticket.ownerName, ticket.ownerEmail].some((text) =>
								text?.toLowerCase().includes(search),
							),
					)
					.sort(newestFirst);
				return ok(paginate(tickets, query.pageNumber, query.pageSize).map(toDetail));
			},
		});

		this.route(ZAIA_ROUTES.createTicket, {
			body: z
				.object({
					chatId: uuid(),
					ticketingTeamId: uuid().nullable(),
					assigneeId: uuid(),
					status: ticketStatus,
				})
				.strict(),
			handler: ({ body }) => {
				if (!state.chats.has(body.chatId)) throw new HttpError(404, 'Chat not found');
				if (body.ticketingTeamId !== null && !state.teams.has(body.ticketingTeamId)) {
					throw new HttpError(404, 'Ticketing team not found');
				}
				const now = state.now();
				const ticket = state.addTicket({
					chatId: body.chatId,
					status: body.status,
					createdAt: now,
					updatedAt: now,
					ongoingAt: body.status === 'pending' ? null : now,
					completedAt: body.status === 'completed' ? now : null,
					...state.assigneeFields(body.assigneeId),
					...state.teamFields(body.ticketingTeamId),
					circumstance: 'takeover',
					pendingChatMessages: 0,
				});
				return ok(toWrite(ticket));
			},
		});

		this.route(ZAIA_ROUTES.completeTicket, {
			params: byId,
			body: z.object({ userId: uuid() }).strict(),
			handler: ({ params }) => {
				const ticket = this.ticket(params.id);
				if (ticket.status !== 'completed' || ticket.completedAt === null) {
					const now = state.now();
					ticket.status = 'completed';
					ticket.completedAt = now;
					ticket.pendingChatMessages = 0;
					ticket.updatedAt = now;
				}
				return ok(toWrite(ticket));
			},
		});

		this.route(ZAIA_ROUTES.takeoverTicket, {
			params: byId,
			body: assigneeBody,
			handler: ({ params, body }) => {
				const ticket = this.ticket(params.id);
				const now = state.now();
				Object.assign(ticket, state.assigneeFields(body.assigneeId));
				ticket.status = 'ongoing';
				ticket.ongoingAt = ticket.ongoingAt ?? now;
				ticket.completedAt = null;
				ticket.circumstance = 'takeover';
				ticket.updatedAt = now;
				return ok(toWrite(ticket));
			},
		});

		this.route(ZAIA_ROUTES.assignTicket, {
			params: byId,
			body: assigneeBody,
			handler: ({ params, body }) => {
				const ticket = this.ticket(params.id);
				Object.assign(ticket, state.assigneeFields(body.assigneeId));
				ticket.updatedAt = state.now();
				return ok(toWrite(ticket));
			},
		});

		this.route(ZAIA_ROUTES.addTicketTag, {
			params: byTicketId,
			body: z.object({ tagId: uuid() }).strict(),
			handler: ({ params, body }) => {
				this.ticket(params.ticketId);
				this.tag(body.tagId);
				if (state.tagIdsOf(params.ticketId).includes(body.tagId)) {
					throw new HttpError(409, 'Tag is already attached to the ticket');
				}
				return ok(state.attachTag(params.ticketId, body.tagId));
			},
		});

		this.route(ZAIA_ROUTES.removeTicketTag, {
			params: byTicketAndTag,
			handler: ({ params }) => {
				this.ticket(params.ticketId);
				const index = state.ticketTags.findIndex(
					(link) => link.ticketId === params.ticketId && link.tagId === params.tagId,
				);
				if (index === -1) throw new HttpError(404, 'Tag is not attached to the ticket');
				state.ticketTags.splice(index, 1);
				return ok({ message: 'Tag removed from the ticket' });
			},
		});
	}

	private registerLookupRoutes(): void {
		const state = this.state;

		this.route(ZAIA_ROUTES.listTeams, {
			// `joins=tools-agents` is accepted and changes nothing: its effect is undocumented.
			query: z
				.object({ ...pagingShape(), joins: oneOrMany(z.enum(['tools-agents'])).optional() })
				.strict(),
			handler: ({ query }) => {
				const teams = [...state.teams.values()].sort(oldestFirst).map(publicTeam);
				return ok(paginate(teams, query.pageNumber, query.pageSize));
			},
		});

		const tagBody = {
			name: z.string().trim().min(1, 'Required'),
			description: z.string().nullable().optional(),
			// zaia.md says 0–9; the OpenAPI MindCloud publishes types them as strings "0"–"9".
			color: z
				.union([
					z.number().int().min(0).max(9),
					z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']),
				])
				.transform(Number)
				.optional(),
		};

		this.route(ZAIA_ROUTES.listTags, {
			// The contract documents only paging here: a tag search has to filter client-side.
			query: z.object(pagingShape()).strict(),
			handler: ({ query }) => {
				const tags = [...state.tags.values()].sort(
					(a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
				);
				return ok(paginate(tags, query.pageNumber, query.pageSize));
			},
		});

		this.route(ZAIA_ROUTES.createTag, {
			body: z.object(tagBody).strict(),
			handler: ({ body }) =>
				ok(
					state.addTag({
						name: body.name,
						description: body.description ?? null,
						color: body.color ?? 0,
					}),
				),
		});

		this.route(ZAIA_ROUTES.getTag, {
			params: byId,
			handler: ({ params }) => ok(this.tag(params.id)),
		});

		this.route(ZAIA_ROUTES.updateTag, {
			params: byId,
			body: z.object(tagBody).partial().strict(),
			handler: ({ params, body }) => {
				const tag = this.tag(params.id);
				if (body.name !== undefined) tag.name = body.name;
				if (body.description !== undefined) tag.description = body.description;
				if (body.color !== undefined) tag.color = body.color;
				tag.updatedAt = state.now();
				return ok(tag);
			},
		});

		this.route(ZAIA_ROUTES.deleteTag, {
			params: byId,
			handler: ({ params }) => {
				const tag = this.tag(params.id);
				state.tags.delete(tag.id);
				const kept = state.ticketTags.filter((link) => link.tagId !== tag.id);
				state.ticketTags.splice(0, state.ticketTags.length, ...kept);
				return ok(tag);
			},
		});

		this.route(ZAIA_ROUTES.listResponders, {
			query: z
				.object({
					responderEntities: oneOrMany(z.enum(ZAIA_RESPONDER_ENTITIES)).optional(),
					search: z.string().optional(),
					...pagingShape(),
				})
				.strict(),
			handler: ({ query }) => {
				const search = query.search?.toLowerCase();
				const responders = [...state.responders.values()]
					.filter((r) => !query.responderEntities || query.responderEntities.includes(r.entity))
					.filter((r) => !search || r.name.toLowerCase().includes(search))
					.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
					.map(publicResponder);
				return ok(paginate(responders, query.pageNumber, query.pageSize));
			},
		});

		const dateTime = z
			.string()
			.refine((value) => !Number.isNaN(Date.parse(value)), 'Expected an ISO 8601 date-time');
		this.route(ZAIA_ROUTES.listChats, {
			// The two further uuid-array filters of the reference have no visible names: not offered.
			query: z
				.object({
					channelIds: oneOrMany(uuid()).default([]),
					channelTypes: oneOrMany(z.enum(ZAIA_CHANNEL_TYPES)).default([]),
					ownerIds: oneOrMany(uuid()).default([]),
					lastChatMessageCreatedAtStart: dateTime.optional(),
					lastChatMessageCreatedAtEnd: dateTime.optional(),
					...pagingShape(),
				})
				.strict(),
			handler: ({ query }) => {
				const start = query.lastChatMessageCreatedAtStart;
				const end = query.lastChatMessageCreatedAtEnd;
				const chats = [...state.chats.values()]
					.filter((c) => query.channelIds.length === 0 || query.channelIds.includes(c.channelId))
					.filter(
						(c) => query.channelTypes.length === 0 || query.channelTypes.includes(c.channelType),
					)
					.filter((c) => query.ownerIds.length === 0 || query.ownerIds.includes(c.ownerId))
					.map((c) => state.chatDetail(c))
					.filter((c) => {
						if (start === undefined && end === undefined) return true;
						if (c.lastMessageCreatedAt === null) return false;
						const last = Date.parse(c.lastMessageCreatedAt);
						return (
							(start === undefined || last >= Date.parse(start)) &&
							(end === undefined || last <= Date.parse(end))
						);
					})
					.sort(newestFirst);
				return ok(paginate(chats, query.pageNumber, query.pageSize));
			},
		});

		this.route(ZAIA_ROUTES.getChat, {
			params: byId,
			query: z.object({ responderVersionId: z.string().optional() }).strict(),
			handler: ({ params }) => {
				const chat = state.chats.get(params.id);
				if (!chat) throw new HttpError(404, 'Chat not found.');
				return ok(state.chatDetail(chat));
			},
		});

		this.route(ZAIA_ROUTES.listChatMessages, {
			// `pagination` is an object with `limit` (1–1000, default 250); no page or cursor.
			query: z
				.object({
					chatId: uuid(),
					chatThreadId: uuid().optional(),
					ticketIds: oneOrMany(uuid()).default([]),
					joins: oneOrMany(z.enum(['chat-message-follow-ups', 'senders'])).default([]),
					'pagination[limit]': queryInt({ min: 1, max: ZAIA_MAX_CHAT_MESSAGES }).optional(),
				})
				.strict(),
			handler: ({ query }) => {
				if (!state.chats.has(query.chatId)) throw new HttpError(404, 'Chat not found.');
				const messages = state.chatMessages
					.filter((m) => m.chatId === query.chatId)
					.filter((m) => query.chatThreadId === undefined || m.chatThreadId === query.chatThreadId)
					.filter(
						(m) =>
							query.ticketIds.length === 0 ||
							(m.ticketId !== null && query.ticketIds.includes(m.ticketId)),
					)
					.sort(oldestFirst)
					.slice(0, query['pagination[limit]'] ?? ZAIA_DEFAULT_CHAT_MESSAGES);
				const ordered = this.chatMessagesNewestFirst ? messages.reverse() : messages;
				const joinSenders = query.joins.includes('senders');
				return ok(ordered.map((m) => publicChatMessage(m, joinSenders)));
			},
		});
	}
}

export async function startZaiaSandbox(options: ZaiaSandboxOptions = {}): Promise<ZaiaSandbox> {
	const sandbox = new ZaiaSandbox(options);
	await sandbox.start();
	return sandbox;
}
