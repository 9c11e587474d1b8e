import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { gorgiasSearch, SEARCH_MAX_SIZE } from '../actions/search/common';
import { gorgiasPage } from '../transport';

/** Small pages keep the dropdown quick; the list pages on as the user scrolls. */
const SEARCH_PAGE_SIZE = 50;

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some(
		(value) =>
			(typeof value === 'string' || typeof value === 'number') &&
			String(value).toLowerCase().includes(needle),
	);
}

/**
 * One page of a Gorgias list, filtered locally (Gorgias lists have no text search) and
 * continued with Gorgias' own cursor as the pagination token.
 */
async function searchList(
	context: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	toItem: (entry: IDataObject) => INodeListSearchItems & { searchable: unknown[] },
	qs: IDataObject = {},
): Promise<INodeListSearchResult> {
	const page = await gorgiasPage.call(
		context,
		path,
		{ limit: SEARCH_PAGE_SIZE, ...qs },
		paginationToken || undefined,
	);
	const results = page.items
		.map(toItem)
		.filter((item) => matches(filter, ...item.searchable))
		.map(({ name, value, url }) => ({ name, value, ...(url ? { url } : {}) }));
	return { results, paginationToken: page.nextCursor ?? undefined };
}

/**
 * Typed text goes to Gorgias' search (one page of at most 50, matched by Gorgias across the
 * whole account) for the records whose list endpoint has no name filter; an empty box pages
 * through the list.
 */
async function searchOrList(
	context: ILoadOptionsFunctions,
	type: string,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	toItem: (entry: IDataObject) => INodeListSearchItems & { searchable: unknown[] },
): Promise<INodeListSearchResult> {
	if (!filter?.trim()) return await searchList(context, path, filter, paginationToken, toItem);
	const found = await gorgiasSearch.call(context, type, filter.trim(), SEARCH_MAX_SIZE);
	const results = found
		.filter((entry) => entry.id !== undefined && entry.id !== null)
		.map(toItem)
		.map(({ name, value }) => ({ name, value }));
	return { results };
}

export async function searchTickets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchList(
		this,
		'/tickets',
		filter,
		paginationToken,
		(ticket) => {
			const customer = (ticket.customer ?? {}) as IDataObject;
			const who = customer.name ?? customer.email;
			return {
				name: `#${String(ticket.id)} ${String(ticket.subject ?? '(no subject)')}${who ? ` · ${String(who)}` : ''} · ${String(ticket.status ?? '')}`,
				value: String(ticket.id),
				searchable: [ticket.id, ticket.subject, customer.name, customer.email],
			};
		},
		{ order_by: 'created_datetime:desc' },
	);
}

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	// The user list filters by name or email itself (`search`), across all pages.
	return await searchList(
		this,
		'/users',
		filter,
		paginationToken,
		(user) => ({
			name: `${String(user.name ?? user.email ?? user.id)}${user.name && user.email ? ` (${String(user.email)})` : ''}`,
			value: String(user.id),
			searchable: [user.name, user.email],
		}),
		filter?.trim() ? { search: filter.trim() } : {},
	);
}

export async function searchTeams(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchOrList(this, 'team', '/teams', filter, paginationToken, (team) => ({
		name: String(team.name ?? team.id),
		value: String(team.id),
		searchable: [team.name],
	}));
}

export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchOrList(
		this,
		'customer',
		'/customers',
		filter,
		paginationToken,
		(customer) => ({
			name: `${String(customer.name ?? customer.email ?? customer.id)}${customer.name && customer.email ? ` (${String(customer.email)})` : ''}`,
			value: String(customer.id),
			searchable: [customer.name, customer.email],
		}),
	);
}

export async function searchViews(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchList(this, '/views', filter, paginationToken, (view) => ({
		name: String(view.name ?? view.id),
		value: String(view.id),
		searchable: [view.name],
	}));
}

export async function searchTags(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	// Gorgias searches tag names itself: the whole account, not only the page at hand.
	return await searchList(
		this,
		'/tags',
		filter,
		paginationToken,
		(tag) => ({
			name: String(tag.name ?? tag.id),
			value: String(tag.id),
			searchable: [tag.name],
		}),
		{ order_by: 'name:asc', ...(filter ? { search: filter } : {}) },
	);
}

export async function searchSatisfactionSurveys(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchList(
		this,
		'/satisfaction-surveys',
		filter,
		paginationToken,
		(survey) => {
			const score =
				survey.score === null || survey.score === undefined
					? 'not rated'
					: `${String(survey.score)}/5`;
			return {
				name: `#${String(survey.id)} · ticket #${String(survey.ticket_id)} · ${score}`,
				value: String(survey.id),
				searchable: [survey.id, survey.ticket_id],
			};
		},
		{ order_by: 'created_datetime:desc' },
	);
}

/** Macros, searched by Gorgias itself (the list has a `search` parameter), most used first. */
export async function searchMacros(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchList(
		this,
		'/macros',
		undefined,
		paginationToken,
		(macro) => ({
			name: `${String(macro.name ?? macro.id)}${macro.language ? ` (${String(macro.language)})` : ''}`,
			value: String(macro.id),
			searchable: [],
		}),
		filter ? { search: filter } : {},
	);
}
