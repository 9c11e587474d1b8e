/*
 * GuruSup publishes request bodies only; every response field below is invented, modelled on
 * the request fields plus the "sender information" (email, name, source) the docs say the
 * listing carries. Node code should treat them as opaque JSON, which is what the contract asks.
 */

/** `sources` value the docs give for tickets created through the API. */
export const GURUSUP_API_SOURCE = 2;

export interface GuruSupMessage {
	/** Sandbox-assigned integer, unique across the account. */
	id: number;
	external_id: string;
	body: string;
	is_agent: boolean;
	/** Kept exactly as sent (any ISO 8601 date-time with a zone). */
	received_at: string;
	/** The customer's or the agent's email, depending on `is_agent`; null when unknown. */
	sender: string | null;
	sender_name: string | null;
	/** The ticket's `sources` value when the message was recorded. */
	source: number;
}

export interface GuruSupTicket {
	/** Sandbox-assigned auto-increment integer (not a string): nodes must not assume strings. */
	id: number;
	external_id: string;
	subject: string;
	sender: string;
	sender_name: string | null;
	agent_id: string | null;
	/** The agent's email; only settable through an update. */
	agent: string | null;
	agent_name: string | null;
	sources: number;
	/** In the order they were recorded (create first, then each update's additions). */
	messages: GuruSupMessage[];
	created_at: string;
	updated_at: string;
}

/** What `addTicket` accepts: any ticket field, and messages with any field left out. */
export type GuruSupTicketSeed = Partial<Omit<GuruSupTicket, 'messages'>> & {
	messages?: Array<Partial<GuruSupMessage>>;
};

/** A message as create/update bodies carry it. */
export interface GuruSupMessageInput {
	external_id: string;
	body: string;
	is_agent: boolean;
	received_at: string;
}

const CUSTOMERS = [
	['Lucía Martín', 'lucia.martin@example.com'],
	['Javier Ruiz', 'javier.ruiz@example.com'],
	['Carmen Ortega', 'carmen.ortega@example.com'],
	['Pablo Navarro', 'pablo.navarro@example.com'],
	['Elena Vidal', 'elena.vidal@example.com'],
	['Sergio Molina', 'sergio.molina@example.com'],
	['Marta Serrano', 'marta.serrano@example.com'],
] as const;

const AGENTS = [
	{ agent_id: 'agt_01', agent_name: 'Nerea Campos', agent: 'nerea@support.example' },
	{ agent_id: 'agt_02', agent_name: 'Iván Prieto', agent: 'ivan@support.example' },
] as const;

const SUBJECTS = [
	'Refund for order',
	'Cannot log in after password reset',
	'Change delivery address',
	'Charged twice this month',
	'Question about the premium plan',
	'Package arrived damaged',
	'Need a copy of my invoice',
	'App crashes on start',
];

const CUSTOMER_LINES = [
	'Hello, I need help with my order.',
	'Any news on this? It is getting urgent.',
	'Thanks, that worked.',
	'I attached a screenshot of the error.',
];

const AGENT_LINES = [
	'Thanks for reaching out, we are looking into it.',
	'Could you confirm the email on the account?',
	'This is fixed now, please try again.',
];

export function toPublicTicket(ticket: GuruSupTicket): GuruSupTicket {
	return { ...ticket, messages: ticket.messages.map((message) => ({ ...message })) };
}

/** The account held by the sandbox, keyed by the ticket's `external_id` (GuruSup's only handle). */
export class GuruSupState {
	readonly tickets = new Map<string, GuruSupTicket>();
	private ticketCounter = 0;
	private messageCounter = 0;
	private lastTime = 0;

	/** Strictly increasing, so "newest first" never depends on two writes sharing a millisecond. */
	now(): string {
		this.lastTime = Math.max(Date.now(), this.lastTime + 1);
		return new Date(this.lastTime).toISOString();
	}

	clear(): void {
		this.tickets.clear();
	}

	/** Sender fields of a message follow who wrote it: the customer or the ticket's agent. */
	buildMessage(ticket: GuruSupTicket, input: Partial<GuruSupMessage> = {}): GuruSupMessage {
		const id = ++this.messageCounter;
		const isAgent = input.is_agent ?? false;
		return {
			id,
			external_id: `msg_${String(id).padStart(3, '0')}`,
			body: isAgent
				? AGENT_LINES[id % AGENT_LINES.length]
				: CUSTOMER_LINES[id % CUSTOMER_LINES.length],
			is_agent: isAgent,
			received_at: this.now(),
			sender: isAgent ? ticket.agent : ticket.sender,
			sender_name: isAgent ? ticket.agent_name : ticket.sender_name,
			source: ticket.sources,
			...input,
		};
	}

	/**
	 * Stores a ticket with realistic defaults (one customer message unless `messages` is given);
	 * fields in `seed` win. Throws on a duplicate `external_id`, as the API answers 409.
	 */
	addTicket(seed: GuruSupTicketSeed = {}): GuruSupTicket {
		const { messages, ...fields } = seed;
		const n = ++this.ticketCounter;
		const [name, email] = CUSTOMERS[n % CUSTOMERS.length];
		const createdAt = fields.created_at ?? this.now();
		const ticket: GuruSupTicket = {
			id: n,
			external_id: `TCK-${1000 + n}`,
			subject: `${SUBJECTS[n % SUBJECTS.length]} #${n}`,
			sender: email,
			sender_name: name,
			agent_id: null,
			agent: null,
			agent_name: null,
			sources: GURUSUP_API_SOURCE,
			messages: [],
			created_at: createdAt,
			updated_at: createdAt,
			...fields,
		};
		if (this.tickets.has(ticket.external_id)) {
			throw new Error(`Ticket '${ticket.external_id}' already exists`);
		}
		for (const message of messages ?? [{}]) {
			ticket.messages.push(this.buildMessage(ticket, message));
		}
		this.tickets.set(ticket.external_id, ticket);
		return ticket;
	}

	/** 15 tickets, one minute apart in the past, 1–4 alternating messages each; some assigned. */
	seedDemo(): GuruSupTicket[] {
		const base = Date.now() - 16 * 60_000;
		return Array.from({ length: 15 }, (_, i) => {
			const createdAt = new Date(base + i * 60_000);
			const agent = i % 3 === 0 ? null : AGENTS[i % AGENTS.length];
			const messageCount = 1 + (i % 4);
			return this.addTicket({
				external_id: `DEMO-${String(i + 1).padStart(3, '0')}`,
				created_at: createdAt.toISOString(),
				updated_at: new Date(createdAt.getTime() + messageCount * 1000).toISOString(),
				agent_id: agent?.agent_id ?? null,
				agent: agent?.agent ?? null,
				agent_name: agent?.agent_name ?? null,
				messages: Array.from({ length: messageCount }, (_, m) => ({
					external_id: `msg_${String(m + 1).padStart(3, '0')}`,
					// Customer opens, then the conversation alternates (agent replies need an agent).
					is_agent: agent !== null && m % 2 === 1,
					received_at: new Date(createdAt.getTime() + m * 1000).toISOString(),
				})),
			});
		});
	}
}
