/**
 * Collecting list results across pages. Every walk has a hard page cap and stops on a page
 * that repeats the previous one, so a provider that ignores the page parameter can never
 * keep a workflow running forever.
 */

/** No walk asks for more pages than this unless the caller sets its own cap. */
export const DEFAULT_MAX_PAGES = 1_000;

export interface CollectOptions {
	/** Stop once this many items are collected; undefined = return all. */
	limit?: number;
	maxPages?: number;
	/** Identity of an item, used to notice a provider serving the same page again. */
	idOf?: (item: unknown) => unknown;
}

export class PaginationError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PaginationError';
	}
}

/** Page size for a page-number walk: the provider maximum, or less when a small limit is set. */
export function pageSizeFor(limit: number | undefined, maxPageSize: number): number {
	return limit === undefined ? maxPageSize : Math.max(1, Math.min(limit, maxPageSize));
}

/**
 * Page-number pagination without a total (Zaia): pages 1, 2, … until a page comes back
 * shorter than the page size.
 */
export async function collectByPageNumber<T>(
	fetchPage: (pageNumber: number, pageSize: number) => Promise<T[]>,
	pageSize: number,
	options: CollectOptions = {},
): Promise<T[]> {
	const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
	const collected: T[] = [];
	let previousSignature: string | undefined;
	for (let pageNumber = 1; ; pageNumber++) {
		if (pageNumber > maxPages) {
			throw new PaginationError(
				`Stopped after ${maxPages} pages of ${pageSize}: narrow the filters or set a limit`,
			);
		}
		const page = await fetchPage(pageNumber, pageSize);
		if (!Array.isArray(page)) {
			throw new PaginationError(`Page ${pageNumber} was not a list`);
		}
		const signature = options.idOf && page.length ? page.map(options.idOf).join('|') : undefined;
		if (signature !== undefined && signature === previousSignature) {
			throw new PaginationError(
				`Page ${pageNumber} repeated page ${pageNumber - 1}: the provider is not advancing pages`,
			);
		}
		previousSignature = signature;
		collected.push(...page);
		if (options.limit !== undefined && collected.length >= options.limit) {
			return collected.slice(0, options.limit);
		}
		if (page.length < pageSize) return collected;
	}
}

export interface CursorPage<T> {
	items: T[];
	nextCursor?: string | null;
}

/** Cursor pagination (Gorgias): follow `nextCursor` until it is empty. */
export async function collectByCursor<T>(
	fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
	options: CollectOptions = {},
): Promise<T[]> {
	const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
	const collected: T[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	for (let pageNumber = 1; ; pageNumber++) {
		if (pageNumber > maxPages) {
			throw new PaginationError(
				`Stopped after ${maxPages} pages: narrow the filters or set a limit`,
			);
		}
		const page = await fetchPage(cursor);
		collected.push(...page.items);
		if (options.limit !== undefined && collected.length >= options.limit) {
			return collected.slice(0, options.limit);
		}
		const next = page.nextCursor ?? undefined;
		if (!next || page.items.length === 0) return collected;
		if (seenCursors.has(next)) {
			throw new PaginationError('The provider returned a cursor it had already returned');
		}
		seenCursors.add(next);
		cursor = next;
	}
}

/** A list endpoint with no documented paging: one request, the limit applied locally. */
export async function collectSinglePage<T>(
	fetchPage: () => Promise<T[]>,
	options: Pick<CollectOptions, 'limit'> = {},
): Promise<T[]> {
	const items = await fetchPage();
	if (!Array.isArray(items)) throw new PaginationError('The answer was not a list');
	return options.limit === undefined ? items : items.slice(0, options.limit);
}
