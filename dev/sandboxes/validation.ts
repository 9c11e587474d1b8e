import { z } from 'zod';

/** Query strings as the sandbox parses them: a repeated key becomes an array. */
export type QueryValue = string | string[];
export type Query = Record<string, QueryValue>;

export interface FieldError {
	/** Where the bad value was, e.g. `query.pageSize` or `body.assigneeId` or `params.id`. */
	path: string;
	message: string;
}

/** The JSON body every sandbox error uses (NestJS-like, which is what Zaia appears to run). */
export interface ErrorBody {
	statusCode: number;
	message: string;
	errors?: FieldError[];
}

export function errorBody(statusCode: number, message: string, errors?: FieldError[]): ErrorBody {
	return errors ? { statusCode, message, errors } : { statusCode, message };
}

/**
 * Thrown by route handlers to answer with an error; a string body is wrapped into
 * `{ statusCode, message }` so handlers stay one-liners.
 */
export class HttpError extends Error {
	readonly status: number;
	readonly body: unknown;
	readonly headers?: Record<string, string>;

	constructor(status: number, body: unknown, headers?: Record<string, string>) {
		const message = typeof body === 'string' ? body : `HTTP ${status}`;
		super(message);
		this.name = 'HttpError';
		this.status = status;
		this.body = typeof body === 'string' ? errorBody(status, body) : body;
		this.headers = headers;
	}
}

export type RequestPart = 'params' | 'query' | 'body';

export function toFieldErrors(part: RequestPart, error: z.ZodError): FieldError[] {
	return error.issues.map((issue) => ({
		path: [part, ...issue.path].join('.'),
		message: issue.message,
	}));
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuid() {
	return z.string().regex(UUID_PATTERN, 'Expected a UUID (8-4-4-4-12 hex digits)');
}

/**
 * A query parameter that may be sent once (`a=1`) or repeated (`a=1&a=2`); the handler
 * always receives an array. Item errors carry the index (`query.tagIds.1`).
 */
export function oneOrMany<T extends z.ZodTypeAny>(item: T) {
	return z.preprocess(
		(value) => (value === undefined || Array.isArray(value) ? value : [value]),
		z.array(item),
	);
}

/** An integer sent as a query string; `1.5`, `abc` or a repeated key are rejected. */
export function queryInt(bounds: { min?: number; max?: number } = {}) {
	let number = z.number().int();
	if (bounds.min !== undefined) number = number.min(bounds.min);
	if (bounds.max !== undefined) number = number.max(bounds.max);
	return z
		.string({ invalid_type_error: 'Expected a single integer' })
		.regex(/^-?\d+$/, 'Expected an integer')
		.transform(Number)
		.pipe(number);
}

export function queryBoolean() {
	return z
		.enum(['true', 'false'], {
			errorMap: () => ({ message: "Expected 'true' or 'false'" }),
		})
		.transform((value) => value === 'true');
}

/** `pageNumber` (≥ 1, default 1) and `pageSize` (1..maxPageSize, default 10). */
export function pagingShape(maxPageSize = 100, defaultPageSize = 10) {
	return {
		pageNumber: queryInt({ min: 1 }).default('1'),
		pageSize: queryInt({ min: 1, max: maxPageSize }).default(String(defaultPageSize)),
	};
}

export function paginate<T>(items: readonly T[], pageNumber: number, pageSize: number): T[] {
	const start = (pageNumber - 1) * pageSize;
	return items.slice(start, start + pageSize);
}
