import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { ZAIA_MAX_PAGE_SIZE, ZAIA_STATUSES, zaiaRequest } from '../transport';

const TICKET_SEARCH_PAGE_SIZE = 20;

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

function pageOf(paginationToken?: string): number {
	const page = Number(paginationToken);
	return Number.isInteger(page) && page > 0 ? page : 1;
}

/** Tickets of every known status, searched by Zaia itself; one page per status per step. */
export async function searchTickets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const pageNumber = pageOf(paginationToken);
	const results: INodeListSearchItems[] = [];
	let more = false;
	for (const status of ZAIA_STATUSES) {
		const tickets = (await zaiaRequest.call(this, 'GET', '/tickets/details', {
			qs: {
				status,
				pageNumber,
				pageSize: TICKET_SEARCH_PAGE_SIZE,
				...(filter ? { search: filter } : {}),
			},
		})) as IDataObject[];
		more = more || tickets.length === TICKET_SEARCH_PAGE_SIZE;
		for (const ticket of tickets) {
			const who = ticket.ownerName ?? ticket.ownerIdentifier ?? ticket.ownerEmail;
			const summary = String(ticket.summary || '(no summary)').slice(0, 80);
			results.push({
				name: `${summary}${who ? ` · ${String(who)}` : ''} · ${String(ticket.status)}`,
				value: String(ticket.id),
			});
		}
	}
	return { results, paginationToken: more ? String(pageNumber + 1) : undefined };
}

/** Zaia's list endpoints for teams and tags have no search: filter each page locally. */
async function searchNamed(
	context: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const pageNumber = pageOf(paginationToken);
	const entries = (await zaiaRequest.call(context, 'GET', path, {
		qs: { pageNumber, pageSize: ZAIA_MAX_PAGE_SIZE },
	})) as IDataObject[];
	const results = entries
		.filter((entry) => entry.isRemoved !== true && matches(filter, entry.name, entry.description))
		.map((entry) => ({ name: String(entry.name ?? entry.id), value: String(entry.id) }));
	return {
		results,
		paginationToken: entries.length === ZAIA_MAX_PAGE_SIZE ? String(pageNumber + 1) : undefined,
	};
}

export async function searchTeams(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchNamed(this, '/ticketing-teams', filter, paginationToken);
}

export async function searchTags(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchNamed(this, '/tags', filter, paginationToken);
}

/**
 * Zaia has no endpoint listing users, so the users offered are the assignees of the most
 * recent tickets of each status. Any other user can still be entered by ID.
 */
export async function searchAssignees(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const byId = new Map<string, INodeListSearchItems>();
	for (const status of ZAIA_STATUSES) {
		const tickets = (await zaiaRequest.call(this, 'GET', '/tickets/details', {
			qs: { status, pageNumber: 1, pageSize: ZAIA_MAX_PAGE_SIZE },
		})) as IDataObject[];
		for (const ticket of tickets) {
			if (typeof ticket.assigneeId !== 'string' || byId.has(ticket.assigneeId)) continue;
			if (!matches(filter, ticket.assigneeName, ticket.assigneeEmail, ticket.assigneeId)) continue;
			const name = ticket.assigneeName ?? ticket.assigneeEmail ?? ticket.assigneeId;
			const email =
				ticket.assigneeEmail && ticket.assigneeName ? ` (${String(ticket.assigneeEmail)})` : '';
			byId.set(ticket.assigneeId, { name: `${String(name)}${email}`, value: ticket.assigneeId });
		}
	}
	const results = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/**
 * Chats, most recently active first as far as Zaia orders them. Zaia's chat list has no text
 * search: each page is filtered locally by customer, channel and last message.
 */
export async function searchChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const pageNumber = pageOf(paginationToken);
	const chats = (await zaiaRequest.call(this, 'GET', '/chats', {
		qs: { pageNumber, pageSize: ZAIA_MAX_PAGE_SIZE },
	})) as IDataObject[];
	const results = chats
		.filter((chat) => chat.isRemoved !== true)
		.filter((chat) =>
			matches(
				filter,
				chat.ownerName,
				chat.ownerIdentifier,
				chat.ownerEmail,
				chat.channelName,
				chat.title,
				chat.lastMessageContent,
				chat.id,
			),
		)
		.map((chat) => {
			const who = chat.ownerName ?? chat.ownerIdentifier ?? chat.ownerEmail ?? chat.title;
			const where = chat.channelName ?? chat.channelType;
			const last = typeof chat.lastMessageContent === 'string' ? chat.lastMessageContent : '';
			return {
				name: [who ?? chat.id, where, last.slice(0, 60)].filter(Boolean).map(String).join(' · '),
				value: String(chat.id),
			};
		});
	return {
		results,
		paginationToken: chats.length === ZAIA_MAX_PAGE_SIZE ? String(pageNumber + 1) : undefined,
	};
}
