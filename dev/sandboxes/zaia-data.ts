import { randomUUID } from 'node:crypto';

/** The three values zaia.md offers; the real enum is unconfirmed. */
export const ZAIA_TICKET_STATUSES = ['pending', 'ongoing', 'completed'] as const;
export type ZaiaTicketStatus = (typeof ZAIA_TICKET_STATUSES)[number];

export const ZAIA_CHANNEL_TYPES = ['widget', 'waha', 'whatsapp', 'instagram', 'api'] as const;
export type ZaiaChannelType = (typeof ZAIA_CHANNEL_TYPES)[number];

export const ZAIA_RESPONDER_ENTITIES = ['agents', 'squads', 'workflows'] as const;
export type ZaiaResponderEntity = (typeof ZAIA_RESPONDER_ENTITIES)[number];

export type ZaiaCircumstance = 'takeover' | 'handover';
/** Unconfirmed upstream; the sandbox uses these two. */
export type ZaiaOwnerEntity = 'external-users' | 'users';

/** GET /tickets/{id}/details and list items, exactly the documented fields. */
export interface ZaiaTicketDetail {
	id: string;
	workspaceId: string;
	chatId: string;
	chatIsRemoved: boolean;
	chatOwnerId: string;
	status: string;
	summary: string;
	createdAt: string;
	ongoingAt: string | null;
	completedAt: string | null;
	assigneeId: string | null;
	assigneeName: string | null;
	assigneeEmail: string | null;
	assigneePicture: string | null;
	channelId: string | null;
	channelName: string | null;
	channelType: string | null;
	isOwnerBlocked: boolean | null;
	ownerEmail: string | null;
	ownerEntity: string;
	ownerIdentifier: string | null;
	ownerName: string | null;
	pendingChatMessages: number;
	responderEntity: string;
	responderId: string;
	responderName: string;
	responderPicture: string | null;
	responderVersionId: string | null;
	responderVersionNumber: number | null;
	ticketingTeamId: string | null;
	ticketingTeamName: string | null;
	ticketingTeamPicture: string | null;
}

/** Create / complete / takeover / assignee responses. */
export interface ZaiaTicketWrite {
	id: string;
	createdAt: string;
	updatedAt: string;
	assigneeId: string | null;
	chatId: string;
	circumstance: string;
	completedAt: string | null;
	lastViewedAt: string | null;
	ongoingAt: string | null;
	status: string;
	summary: string;
	ticketingTeamId: string | null;
}

/** Stored ticket: the detail object plus the fields only the write shape exposes. */
export interface ZaiaTicketRecord extends ZaiaTicketDetail {
	updatedAt: string;
	circumstance: string;
	lastViewedAt: string | null;
}

export interface ZaiaTag {
	id: string;
	name: string;
	description: string | null;
	color: number;
	workspaceId: string;
	createdAt: string;
	updatedAt: string;
}

export interface ZaiaTicketTag {
	ticketId: string;
	tagId: string;
	createdAt: string;
	updatedAt: string;
}

/** `picture` is kept for the ticket's `ticketingTeamPicture`; the team list does not show it. */
export interface ZaiaTeam {
	id: string;
	name: string;
	description: string | null;
	picture: string | null;
	isRemoved: boolean;
	workspaceId: string;
	createdAt: string;
	updatedAt: string;
}

/** Version fields feed the ticket's `responderVersion*`; the responder list does not show them. */
export interface ZaiaResponder {
	entity: ZaiaResponderEntity;
	id: string;
	name: string;
	picture: string | null;
	workspaceId: string;
	versionId: string | null;
	versionNumber: number | null;
}

/** Workspace members; Zaia has no public users endpoint, they only show up as assignees. */
export interface ZaiaUser {
	id: string;
	name: string;
	email: string;
	picture: string | null;
}

/** Invented shape (the chats response is not in the seed). */
export interface ZaiaChat {
	id: string;
	workspaceId: string;
	channelId: string;
	channelName: string;
	channelType: ZaiaChannelType;
	ownerId: string;
	ownerEntity: ZaiaOwnerEntity;
	ownerName: string | null;
	ownerEmail: string | null;
	ownerIdentifier: string | null;
	isOwnerBlocked: boolean;
	responderId: string;
	responderEntity: ZaiaResponderEntity;
	responderVersionId: string | null;
	isRemoved: boolean;
	createdAt: string;
	updatedAt: string;
}

/**
 * Fields named by the create-chat-message response (id, chatId, chatThreadId, content,
 * externalId, rawContent, role, the sender's id); `createdAt`, `senderId` and `ticketId` are
 * inferred. Role values are not visible: the sandbox uses user (the customer), assistant (the AI
 * agent) and agent (a human).
 */
export interface ZaiaChatMessage {
	id: string;
	chatId: string;
	chatThreadId: string | null;
	ticketId: string | null;
	role: 'user' | 'assistant' | 'agent';
	content: string;
	rawContent: string | null;
	externalId: string | null;
	senderId: string | null;
	/** Shown only through `joins=senders` (its shape is inferred). */
	senderName: string | null;
	createdAt: string;
}

const FIRST_NAMES = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elisa', 'Fábio', 'Gabi', 'Hugo', 'Iris'];
const LAST_NAMES = ['Silva', 'Souza', 'Lima', 'Costa', 'Rocha', 'Alves', 'Pereira', 'Nunes'];
const SUBJECTS = [
	'asks for a refund on order',
	'cannot log in after password reset',
	'wants to change the delivery address',
	'reports a duplicated charge',
	'asks about the premium plan',
	'complains about a late delivery',
	'needs an invoice copy',
	'reports the app crashing on start',
];

export function toWrite(ticket: ZaiaTicketRecord): ZaiaTicketWrite {
	return {
		id: ticket.id,
		createdAt: ticket.createdAt,
		updatedAt: ticket.updatedAt,
		assigneeId: ticket.assigneeId,
		chatId: ticket.chatId,
		circumstance: ticket.circumstance,
		completedAt: ticket.completedAt,
		lastViewedAt: ticket.lastViewedAt,
		ongoingAt: ticket.ongoingAt,
		status: ticket.status,
		summary: ticket.summary,
		ticketingTeamId: ticket.ticketingTeamId,
	};
}

const DETAIL_KEYS: ReadonlyArray<keyof ZaiaTicketDetail> = [
	'id',
	'workspaceId',
	'chatId',
	'chatIsRemoved',
	'chatOwnerId',
	'status',
	'summary',
	'createdAt',
	'ongoingAt',
	'completedAt',
	'assigneeId',
	'assigneeName',
	'assigneeEmail',
	'assigneePicture',
	'channelId',
	'channelName',
	'channelType',
	'isOwnerBlocked',
	'ownerEmail',
	'ownerEntity',
	'ownerIdentifier',
	'ownerName',
	'pendingChatMessages',
	'responderEntity',
	'responderId',
	'responderName',
	'responderPicture',
	'responderVersionId',
	'responderVersionNumber',
	'ticketingTeamId',
	'ticketingTeamName',
	'ticketingTeamPicture',
];

/** Exactly the documented detail keys, so a node test cannot come to rely on internal fields. */
export function toDetail(ticket: ZaiaTicketRecord): ZaiaTicketDetail {
	const detail: Record<string, unknown> = {};
	for (const key of DETAIL_KEYS) detail[key] = ticket[key];
	return detail as unknown as ZaiaTicketDetail;
}

/**
 * The Zaia workspace held by the sandbox. Seed helpers fill realistic defaults and link
 * what they create (a ticket without a chat gets one, a chat without a responder gets one).
 */
export class ZaiaState {
	readonly workspaceId: string;
	readonly tickets = new Map<string, ZaiaTicketRecord>();
	readonly tags = new Map<string, ZaiaTag>();
	readonly ticketTags: ZaiaTicketTag[] = [];
	readonly teams = new Map<string, ZaiaTeam>();
	readonly responders = new Map<string, ZaiaResponder>();
	readonly users = new Map<string, ZaiaUser>();
	readonly chats = new Map<string, ZaiaChat>();
	readonly chatMessages: ZaiaChatMessage[] = [];
	private counter = 0;
	private lastTime = 0;

	constructor(workspaceId: string = randomUUID()) {
		this.workspaceId = workspaceId;
	}

	/** Strictly increasing, so "newest first" never depends on two writes sharing a millisecond. */
	now(): string {
		this.lastTime = Math.max(Date.now(), this.lastTime + 1);
		return new Date(this.lastTime).toISOString();
	}

	clear(): void {
		this.tickets.clear();
		this.tags.clear();
		this.ticketTags.length = 0;
		this.teams.clear();
		this.responders.clear();
		this.users.clear();
		this.chats.clear();
		this.chatMessages.length = 0;
	}

	tagIdsOf(ticketId: string): string[] {
		return this.ticketTags.filter((link) => link.ticketId === ticketId).map((link) => link.tagId);
	}

	private next(): number {
		return ++this.counter;
	}

	private personName(n: number): string {
		return `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 3) % LAST_NAMES.length]}`;
	}

	addUser(partial: Partial<ZaiaUser> = {}): ZaiaUser {
		const n = this.next();
		const name = partial.name ?? this.personName(n);
		const user: ZaiaUser = {
			id: randomUUID(),
			name,
			email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}${n}@acme.example`,
			picture: null,
			...partial,
		};
		this.users.set(user.id, user);
		return user;
	}

	addTeam(partial: Partial<ZaiaTeam> = {}): ZaiaTeam {
		const n = this.next();
		const time = this.now();
		const team: ZaiaTeam = {
			id: randomUUID(),
			name: `Team ${n}`,
			description: `Handles support queue ${n}`,
			picture: null,
			isRemoved: false,
			workspaceId: this.workspaceId,
			createdAt: time,
			updatedAt: time,
			...partial,
		};
		this.teams.set(team.id, team);
		return team;
	}

	addTag(partial: Partial<ZaiaTag> = {}): ZaiaTag {
		const n = this.next();
		const time = this.now();
		const tag: ZaiaTag = {
			id: randomUUID(),
			name: `tag-${n}`,
			description: null,
			color: n % 10,
			workspaceId: this.workspaceId,
			createdAt: time,
			updatedAt: time,
			...partial,
		};
		this.tags.set(tag.id, tag);
		return tag;
	}

	addResponder(partial: Partial<ZaiaResponder> = {}): ZaiaResponder {
		const n = this.next();
		const entity = partial.entity ?? 'agents';
		const responder: ZaiaResponder = {
			entity,
			id: randomUUID(),
			name: `${entity === 'agents' ? 'Agent' : entity === 'squads' ? 'Squad' : 'Workflow'} ${n}`,
			picture: null,
			workspaceId: this.workspaceId,
			versionId: randomUUID(),
			versionNumber: 1,
			...partial,
		};
		this.responders.set(responder.id, responder);
		return responder;
	}

	addChat(partial: Partial<ZaiaChat> = {}): ZaiaChat {
		const n = this.next();
		const responder =
			(partial.responderId && this.responders.get(partial.responderId)) ||
			[...this.responders.values()][0] ||
			this.addResponder();
		const channelType = partial.channelType ?? ZAIA_CHANNEL_TYPES[n % ZAIA_CHANNEL_TYPES.length];
		const external = (partial.ownerEntity ?? 'external-users') === 'external-users';
		const ownerName = this.personName(n + 4);
		const time = this.now();
		const chat: ZaiaChat = {
			id: randomUUID(),
			workspaceId: this.workspaceId,
			channelId: randomUUID(),
			channelName: `${channelType} channel`,
			channelType,
			ownerId: randomUUID(),
			ownerEntity: external ? 'external-users' : 'users',
			ownerName,
			ownerEmail: external
				? null
				: `${ownerName.toLowerCase().replace(/[^a-z]+/g, '.')}@acme.example`,
			ownerIdentifier: external ? `+55119${String(10000000 + n).slice(-8)}` : null,
			isOwnerBlocked: false,
			responderId: responder.id,
			responderEntity: responder.entity,
			responderVersionId: responder.versionId,
			isRemoved: false,
			createdAt: time,
			updatedAt: time,
			...partial,
		};
		this.chats.set(chat.id, chat);
		return chat;
	}

	addChatMessage(partial: Partial<ZaiaChatMessage> = {}): ZaiaChatMessage {
		const chat = (partial.chatId && this.chats.get(partial.chatId)) || this.addChat();
		const role = partial.role ?? 'user';
		const sender =
			role === 'user'
				? { senderId: chat.ownerId, senderName: chat.ownerName }
				: role === 'assistant'
					? {
							senderId: chat.responderId,
							senderName: this.responders.get(chat.responderId)?.name ?? null,
						}
					: { senderId: null, senderName: null };
		const message: ZaiaChatMessage = {
			id: randomUUID(),
			chatId: chat.id,
			chatThreadId: null,
			ticketId: null,
			role,
			content: `Message ${this.next()}`,
			rawContent: null,
			externalId: null,
			...sender,
			createdAt: this.now(),
			...partial,
		};
		this.chatMessages.push(message);
		return message;
	}

	/**
	 * Builds the denormalised detail from the chat, responder, team and assignee it points at
	 * (created when missing); any field given in `partial` wins over the derived one.
	 */
	addTicket(partial: Partial<ZaiaTicketRecord> & { tagIds?: string[] } = {}): ZaiaTicketRecord {
		const { tagIds = [], ...fields } = partial;
		const n = this.next();
		const chat = (fields.chatId && this.chats.get(fields.chatId)) || this.addChat();
		const status = fields.status ?? 'pending';
		const createdAt = fields.createdAt ?? this.now();
		const ticket: ZaiaTicketRecord = {
			id: randomUUID(),
			workspaceId: this.workspaceId,
			...this.chatFields(chat),
			status,
			summary: `${chat.ownerName ?? 'Customer'} ${SUBJECTS[n % SUBJECTS.length]}`,
			createdAt,
			updatedAt: createdAt,
			ongoingAt: status === 'pending' ? null : createdAt,
			completedAt: status === 'completed' ? createdAt : null,
			...this.assigneeFields(fields.assigneeId ?? null),
			pendingChatMessages: status === 'pending' ? 1 + (n % 4) : 0,
			...this.teamFields(fields.ticketingTeamId ?? null),
			circumstance: status === 'pending' ? 'handover' : 'takeover',
			lastViewedAt: null,
			...fields,
		};
		this.tickets.set(ticket.id, ticket);
		for (const tagId of tagIds) this.attachTag(ticket.id, tagId);
		return ticket;
	}

	attachTag(ticketId: string, tagId: string): ZaiaTicketTag {
		const time = this.now();
		const link: ZaiaTicketTag = { createdAt: time, updatedAt: time, tagId, ticketId };
		this.ticketTags.push(link);
		return link;
	}

	/**
	 * The chat-with-details object (fields of the chats reference page): the last two messages
	 * and the ticket linked now (the newest one of the chat) are derived from the stored data.
	 */
	chatDetail(chat: ZaiaChat) {
		const messages = this.chatMessages
			.filter((message) => message.chatId === chat.id)
			.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
		const last = messages[messages.length - 1];
		const penultimate = messages[messages.length - 2];
		const ticket = [...this.tickets.values()]
			.filter((entry) => entry.chatId === chat.id)
			.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
		const fields = this.chatFields(chat);
		return {
			channelId: chat.channelId,
			channelName: chat.channelName,
			channelType: chat.channelType,
			createdAt: chat.createdAt,
			id: chat.id,
			isOwnerBlocked: chat.isOwnerBlocked,
			isRemoved: chat.isRemoved,
			lastMessageContent: last?.content ?? null,
			lastMessageCreatedAt: last?.createdAt ?? null,
			lastMessageRole: last?.role ?? null,
			ownerEmail: chat.ownerEmail,
			ownerId: chat.ownerId,
			ownerIdentifier: chat.ownerIdentifier,
			ownerName: chat.ownerName,
			penultimateMessageContent: penultimate?.content ?? null,
			penultimateMessageCreatedAt: penultimate?.createdAt ?? null,
			penultimateMessageRole: penultimate?.role ?? null,
			responderEntity: fields.responderEntity,
			responderId: fields.responderId,
			responderName: fields.responderName,
			responderPicture: fields.responderPicture,
			responderVersionId: fields.responderVersionId,
			responderVersionNumber: fields.responderVersionNumber,
			ticketId: ticket?.id ?? null,
			ticketStatus: ticket?.status ?? null,
			title: chat.ownerName ? `Chat with ${chat.ownerName}` : null,
			workspaceId: chat.workspaceId,
		};
	}

	/** Soft-removes a chat the way Zaia does, so its tickets disappear from default listings. */
	removeChat(chatId: string): void {
		const chat = this.chats.get(chatId);
		if (chat) chat.isRemoved = true;
		for (const ticket of this.tickets.values()) {
			if (ticket.chatId === chatId) ticket.chatIsRemoved = true;
		}
	}

	chatFields(chat: ZaiaChat) {
		const responder = this.responders.get(chat.responderId);
		return {
			chatId: chat.id,
			chatIsRemoved: chat.isRemoved,
			chatOwnerId: chat.ownerId,
			channelId: chat.channelId,
			channelName: chat.channelName,
			channelType: chat.channelType,
			isOwnerBlocked: chat.isOwnerBlocked,
			ownerEmail: chat.ownerEmail,
			ownerEntity: chat.ownerEntity,
			ownerIdentifier: chat.ownerIdentifier,
			ownerName: chat.ownerName,
			responderEntity: chat.responderEntity,
			responderId: chat.responderId,
			responderName: responder?.name ?? 'Unknown responder',
			responderPicture: responder?.picture ?? null,
			responderVersionId: chat.responderVersionId,
			responderVersionNumber: responder?.versionNumber ?? null,
		};
	}

	/** An assignee not registered with `addUser` keeps its id but has no name/email/picture. */
	assigneeFields(assigneeId: string | null) {
		const user = assigneeId ? this.users.get(assigneeId) : undefined;
		return {
			assigneeId,
			assigneeName: user?.name ?? null,
			assigneeEmail: user?.email ?? null,
			assigneePicture: user?.picture ?? null,
		};
	}

	teamFields(teamId: string | null) {
		const team = teamId ? this.teams.get(teamId) : undefined;
		return {
			ticketingTeamId: teamId,
			ticketingTeamName: team?.name ?? null,
			ticketingTeamPicture: team?.picture ?? null,
		};
	}

	/** A small, varied workspace: enough tickets for paging (30 = 10 per status). */
	seedDemo() {
		const teams = [
			this.addTeam({ name: 'Billing', description: 'Payments, invoices and refunds' }),
			this.addTeam({ name: 'Technical', description: 'Bugs and access problems' }),
			this.addTeam({ name: 'Logistics', description: 'Orders and deliveries' }),
		];
		const tags = [
			this.addTag({ name: 'urgent', color: 1 }),
			this.addTag({ name: 'vip', color: 4 }),
			this.addTag({ name: 'refund', color: 2 }),
			this.addTag({ name: 'bug', color: 7 }),
			this.addTag({ name: 'follow-up', color: 9 }),
		];
		const responders = [
			this.addResponder({ entity: 'agents', name: 'Sales Assistant' }),
			this.addResponder({ entity: 'agents', name: 'Support Assistant' }),
			this.addResponder({ entity: 'squads', name: 'Front Desk Squad' }),
			this.addResponder({ entity: 'workflows', name: 'Returns Workflow' }),
		];
		const users = [
			this.addUser({ name: 'Marina Duarte', email: 'marina@acme.example' }),
			this.addUser({ name: 'Paulo Mendes', email: 'paulo@acme.example' }),
			this.addUser({ name: 'Renata Faria', email: 'renata@acme.example' }),
		];
		const chats = Array.from({ length: 8 }, (_, i) =>
			this.addChat({
				responderId: responders[i % responders.length].id,
				responderEntity: responders[i % responders.length].entity,
				responderVersionId: responders[i % responders.length].versionId,
				channelType: ZAIA_CHANNEL_TYPES[i % ZAIA_CHANNEL_TYPES.length],
				ownerEntity: i % 3 === 0 ? 'users' : 'external-users',
			}),
		);
		// Spaced one minute apart in the past so ordering and watermark tests are deterministic.
		const base = Date.now() - 31 * 60_000;
		const tickets = Array.from({ length: 30 }, (_, i) => {
			const status = ZAIA_TICKET_STATUSES[i % 3];
			const createdAt = new Date(base + i * 60_000).toISOString();
			const assigneeId = status === 'pending' ? null : users[i % users.length].id;
			return this.addTicket({
				chatId: chats[i % chats.length].id,
				status,
				createdAt,
				updatedAt: createdAt,
				ongoingAt: status === 'pending' ? null : createdAt,
				completedAt: status === 'completed' ? createdAt : null,
				...this.assigneeFields(assigneeId),
				...this.teamFields(i % 4 === 3 ? null : teams[i % teams.length].id),
				tagIds: i % 5 === 0 ? [tags[0].id, tags[1].id] : [tags[i % 5].id],
			});
		});
		this.removeChat(chats[7].id);
		return { teams, tags, responders, users, chats, tickets };
	}
}
