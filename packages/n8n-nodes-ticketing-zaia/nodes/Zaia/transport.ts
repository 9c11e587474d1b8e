import type { IDataObject } from 'n8n-workflow';

import { collectByPageNumber, pageSizeFor } from '../shared/pagination';
import {
	providerRequest,
	type ListOptions,
	type ProviderDefinition,
	type RequestContext,
} from '../shared/transport';

export const ZAIA_API_PREFIX = '/api/v1';

/** Largest page the Zaia list endpoints accept. */
export const ZAIA_MAX_PAGE_SIZE = 100;

/** Ticket statuses the Zaia product shows. */
export const ZAIA_STATUSES = ['pending', 'ongoing', 'completed'] as const;

const ZAIA: ProviderDefinition = {
	name: 'Zaia',
	credentialType: 'zaiaApi',
	secretFields: ['apiKey'],
	baseUrl: (credentials) =>
		`${String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '')}${ZAIA_API_PREFIX}`,
};

/** Zaia has one credential type, whatever the node's settings. */
export function providerFor(): ProviderDefinition {
	return ZAIA;
}

/** One call to the Zaia Public API; `path` is below /api/v1. */
export const zaiaRequest = providerRequest(providerFor);

/**
 * Every page of a Zaia list endpoint (bare JSON arrays without a total): keeps asking until a
 * page is shorter than the page size, or until `limit` items are collected.
 */
export async function zaiaListAll<T extends IDataObject = IDataObject>(
	this: RequestContext,
	path: string,
	qs: IDataObject,
	options: ListOptions = {},
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
