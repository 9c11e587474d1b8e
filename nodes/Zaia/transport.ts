import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { collectByPageNumber, pageSizeFor } from '../shared/pagination';
import { apiRequest, type ProviderDefinition, type RequestContext } from '../shared/transport';

export const ZAIA_API_PREFIX = '/api/v1';

/** Largest page the Zaia list endpoints accept. */
export const ZAIA_MAX_PAGE_SIZE = 100;

/** Ticket statuses known from the product; the API may have others, which pass through. */
export const ZAIA_STATUSES = ['pending', 'ongoing', 'completed'] as const;

export const zaia: ProviderDefinition = {
	name: 'Zaia',
	credentialType: 'zaiaApi',
	secretFields: ['apiKey'],
	baseUrl: (credentials) =>
		`${String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '')}${ZAIA_API_PREFIX}`,
};

export interface ZaiaCallOptions {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	retrySafe?: boolean;
}

/** One call to the Zaia Public API; `path` is below /api/v1. */
export async function zaiaRequest<T = unknown>(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: ZaiaCallOptions = {},
): Promise<T> {
	const response = await apiRequest.call(this, zaia, { method, path, ...options });
	return response.body as T;
}

/**
 * Every page of a Zaia list endpoint (bare JSON arrays without a total): keeps asking until a
 * page is shorter than the page size, or until `limit` items are collected.
 */
export async function zaiaListAll<T extends IDataObject>(
	this: RequestContext,
	path: string,
	qs: IDataObject,
	options: { limit?: number; itemIndex?: number } = {},
): Promise<T[]> {
	const pageSize = pageSizeFor(options.limit, ZAIA_MAX_PAGE_SIZE);
	return await collectByPageNumber<T>(
		async (pageNumber, size) =>
			(await zaiaRequest.call(this, 'GET', path, {
				qs: { ...qs, pageNumber, pageSize: size },
				itemIndex: options.itemIndex,
			})) as T[],
		pageSize,
		{ limit: options.limit, idOf: (item) => (item as IDataObject).id },
	);
}
