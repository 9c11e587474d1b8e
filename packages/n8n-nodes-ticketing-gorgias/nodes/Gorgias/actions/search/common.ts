import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../../../shared/transport';
import { gorgiasRequest } from '../../transport';

/** The most results one search returns (Gorgias' `size` bound); search has no further pages. */
export const SEARCH_MAX_SIZE = 50;

/**
 * POST /search: one page of the records of a type whose name (or address) matches. Gorgias
 * documents the answer only as a "list of the found resources": both a bare array and the
 * list envelope are read.
 */
export async function gorgiasSearch(
	this: RequestContext,
	type: string,
	query: string,
	size: number,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const answer = (await gorgiasRequest.call(this, 'POST', '/search', {
		body: { type, query, size },
		itemIndex,
		// A search changes nothing: repeating it after a lost answer is harmless.
		retrySafe: true,
	})) as unknown;
	const data = Array.isArray(answer) ? answer : (answer as IDataObject | null)?.data;
	return Array.isArray(data)
		? (data.filter((entry) => entry !== null && typeof entry === 'object') as IDataObject[])
		: [];
}
