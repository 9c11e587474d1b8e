import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

import { invalidRequest } from './gorgias-data';
import { queryInt } from './validation';

/*
 * Cursor pagination. Cursors are keyset positions (the sort value and id of the item they
 * continue from), so a ticket created while a client walks the pages neither shifts nor
 * duplicates items. A cursor is `base64url(JSON payload).signature`: opaque to clients, bound to
 * one list and order (`scope`), stamped with its issue time and refused once older than the
 * codec's TTL. The signing material is random per sandbox and renewed by `reset()`, so a cursor
 * from before a reset is "unknown".
 */

export type SortValue = string | number;
export type SortKey = readonly [SortValue, number];
export type SortDirection = 'asc' | 'desc';

interface CursorPayload {
	/** List and order the cursor belongs to, e.g. `tickets|created_datetime:desc`. */
	s: string;
	/** `n`: the page after the key; `p`: the page before it. */
	d: 'n' | 'p';
	k: [SortValue, number];
	/** Issue time, epoch ms. */
	t: number;
}

export interface GorgiasListMeta {
	prev_cursor: string | null;
	next_cursor: string | null;
}

export interface GorgiasList<T> {
	object: 'list';
	uri: string;
	data: T[];
	meta: GorgiasListMeta;
}

/** Default cursor lifetime: short, as upstream's are ("never persist a cursor between polls"). */
export const GORGIAS_DEFAULT_CURSOR_TTL_MS = 5 * 60_000;

/** `limit` (1–100, default 30) and `cursor`, shared by every list route. */
export const pageShape = {
	limit: queryInt({ min: 1, max: 100 }).default('30'),
	cursor: z.string().min(1, 'Must not be empty').optional(),
};

export interface PageQuery {
	limit: number;
	cursor?: string;
}

const payloadSchema = z.object({
	s: z.string(),
	d: z.enum(['n', 'p']),
	k: z.tuple([z.union([z.string(), z.number()]), z.number()]),
	t: z.number(),
});

export class CursorCodec {
	ttlMs: number;
	private seal = randomBytes(32);

	constructor(ttlMs = GORGIAS_DEFAULT_CURSOR_TTL_MS) {
		this.ttlMs = ttlMs;
	}

	/** Invalidates every cursor issued so far. */
	rotate(): void {
		this.seal = randomBytes(32);
	}

	encode(scope: string, direction: 'n' | 'p', key: SortKey): string {
		const payload: CursorPayload = { s: scope, d: direction, k: [key[0], key[1]], t: Date.now() };
		const json = Buffer.from(JSON.stringify(payload)).toString('base64url');
		return `${json}.${this.sign(json)}`;
	}

	decode(cursor: string, scope: string): CursorPayload {
		const invalid = (message: string) => invalidRequest({ cursor: [message] });
		const [json, signature, extra] = cursor.split('.');
		if (extra !== undefined || !json || signature !== this.sign(json)) {
			throw invalid('Unknown or malformed cursor');
		}
		let payload: CursorPayload;
		try {
			payload = payloadSchema.parse(JSON.parse(Buffer.from(json, 'base64url').toString('utf8')));
		} catch {
			throw invalid('Unknown or malformed cursor');
		}
		if (payload.s !== scope) throw invalid('Cursor belongs to another list or order');
		if (Date.now() - payload.t > this.ttlMs) throw invalid('Cursor has expired');
		return payload;
	}

	private sign(text: string): string {
		return createHmac('sha256', this.seal).update(text).digest('base64url').slice(0, 22);
	}
}

function compareKeys(a: SortKey, b: SortKey): number {
	if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
	return a[1] - b[1];
}

export interface PageOptions<T> {
	/** Sort value and id; ties on the value are broken by id in the same direction. */
	key: (item: T) => SortKey;
	direction: SortDirection;
	scope: string;
	query: PageQuery;
	codec: CursorCodec;
	uri: string;
}

/** Sorts `items`, cuts the page the cursor points at, and issues the neighbouring cursors. */
export function paginateCursor<T, R = T>(
	items: readonly T[],
	options: PageOptions<T>,
	render: (item: T) => R = (item) => item as unknown as R,
): GorgiasList<R> {
	const sign = options.direction === 'asc' ? 1 : -1;
	const sorted = [...items].sort((a, b) => sign * compareKeys(options.key(a), options.key(b)));
	const { limit, cursor } = options.query;
	let start = 0;
	let end = Math.min(limit, sorted.length);
	if (cursor !== undefined) {
		const payload = options.codec.decode(cursor, options.scope);
		const position = (item: T) => sign * compareKeys(options.key(item), payload.k);
		if (payload.d === 'n') {
			start = sorted.findIndex((item) => position(item) > 0);
			if (start === -1) start = sorted.length;
			end = Math.min(start + limit, sorted.length);
		} else {
			end = sorted.findIndex((item) => position(item) >= 0);
			if (end === -1) end = sorted.length;
			start = Math.max(0, end - limit);
		}
	}
	const page = sorted.slice(start, end);
	const first = page[0];
	const last = page[page.length - 1];
	return {
		object: 'list',
		uri: options.uri,
		data: page.map(render),
		meta: {
			prev_cursor:
				first !== undefined && start > 0
					? options.codec.encode(options.scope, 'p', options.key(first))
					: null,
			next_cursor:
				last !== undefined && end < sorted.length
					? options.codec.encode(options.scope, 'n', options.key(last))
					: null,
		},
	};
}
