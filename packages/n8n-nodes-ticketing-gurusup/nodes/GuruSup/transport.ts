import type { IDataObject } from 'n8n-workflow';

import { collectByPageNumber, collectSinglePage } from '../shared/pagination';
import {
	providerRequest,
	type ListOptions,
	type ProviderDefinition,
	type RequestContext,
} from '../shared/transport';

/** The only resource GuruSup documents. */
export const GURUSUP_TICKETS_PATH = '/v1/tickets';

/** The source code GuruSup documents for tickets created through the API. */
export const SOURCE_API = 2;

const GURUSUP: ProviderDefinition = {
	name: 'GuruSup',
	credentialType: 'guruSupApi',
	secretFields: ['apiKey', 'apiUsername'],
	baseUrl: (credentials) =>
		String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, ''),
};

/** GuruSup has one credential type, whatever the node's settings. */
export function providerFor(): ProviderDefinition {
	return GURUSUP;
}

/** One call to the GuruSup API; `path` is below the credential's base URL. */
export const guruSupRequest = providerRequest(providerFor);

/** Keys under which a paged answer could carry its tickets. */
const LIST_KEYS = ['data', 'tickets', 'results', 'items'];

interface ListShape {
	tickets: IDataObject[];
	paged: boolean;
	/** Page size the server says it used, when it says so. */
	pageSize?: number;
}

/**
 * GuruSup does not document the listing's shape or paging. A bare array is taken as the
 * whole list; an object holding the list next to paging fields (page, limit, total) is
 * walked page by page.
 */
export function readListShape(body: unknown): ListShape | undefined {
	if (Array.isArray(body)) return { tickets: body as IDataObject[], paged: false };
	if (!body || typeof body !== 'object') return undefined;
	const record = body as IDataObject;
	const key = LIST_KEYS.find((candidate) => Array.isArray(record[candidate]));
	if (!key) return undefined;
	const paged = ['page', 'total', 'limit', 'next', 'next_page', 'total_pages'].some(
		(field) => field in record,
	);
	const pageSize = Number(record.limit ?? record.per_page ?? record.page_size);
	return {
		tickets: record[key] as IDataObject[],
		paged,
		pageSize: Number.isInteger(pageSize) && pageSize > 0 ? pageSize : undefined,
	};
}

/** Page size asked for when a paged listing does not say which size it uses. */
const DEFAULT_PAGE_SIZE = 100;

/**
 * Every item of a GuruSup listing (or the first `limit`). The first answer decides the walk:
 * a bare list is the whole listing; a paged answer is walked again from page 1 with the page
 * size the server reported (a short page then really means the end), under the shared page
 * cap, so an unexpected shape can never loop forever.
 */
export async function guruSupListAll<T extends IDataObject = IDataObject>(
	this: RequestContext,
	path: string,
	qs: IDataObject,
	options: ListOptions = {},
): Promise<T[]> {
	const read = (body: unknown): ListShape => {
		const shape = readListShape(body);
		if (!shape) {
			throw new Error(
				'GuruSup answered the ticket listing with something that is not a list of tickets',
			);
		}
		return shape;
	};
	const first = read(
		await guruSupRequest.call(this, 'GET', path, { qs, itemIndex: options.itemIndex }),
	);
	if (!first.paged) return await collectSinglePage(async () => first.tickets as T[], options);

	return await collectByPageNumber<T>(
		async (pageNumber, pageSize) =>
			read(
				await guruSupRequest.call(this, 'GET', path, {
					qs: { ...qs, page: pageNumber, limit: pageSize },
					itemIndex: options.itemIndex,
				}),
			).tickets as T[],
		first.pageSize ?? DEFAULT_PAGE_SIZE,
		{
			limit: options.limit,
			idOf: (ticket) => (ticket as IDataObject).external_id ?? (ticket as IDataObject).id,
		},
	);
}
