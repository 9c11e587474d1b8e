/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import { setMaxListeners } from 'node:events';
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';

import { ANY_ROUTE, FaultQueue, MALFORMED_JSON } from './faults';
import type { Fault, FaultKind, FaultOptions } from './faults';
import { errorBody, HttpError, toFieldErrors } from './validation';
import type { FieldError, Query } from './validation';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
export type Params = Record<string, string>;

export interface SandboxResponse {
	status: number;
	/** Serialised as JSON; `undefined` sends an empty body. */
	body?: unknown;
	/** Sent as it is instead of `body` (a file), with the content type from `headers`. */
	raw?: Buffer;
	headers?: Record<string, string>;
}

export interface HandlerContext<P = Params, Q = Query, B = unknown> {
	method: string;
	path: string;
	params: P;
	query: Q;
	headers: IncomingHttpHeaders;
	body: B;
	rawBody: string;
	/** The body's bytes, for what is not text (multipart uploads). */
	rawBytes: Buffer;
}

type AnySchema = z.ZodTypeAny;
type Output<S, Fallback> = S extends AnySchema ? z.output<S> : Fallback;

/**
 * A route's optional schemas; when one is given the handler receives the parsed (typed,
 * defaulted, transformed) value and a violation is answered 400 without calling the handler.
 */
export interface RouteSpec<PS, QS, BS> {
	params?: PS;
	query?: QS;
	body?: BS;
	handler(
		ctx: HandlerContext<Output<PS, Params>, Output<QS, Query>, Output<BS, unknown>>,
	): SandboxResponse | Promise<SandboxResponse>;
}

/** What middleware and the log see: the request before validation. */
export interface SandboxRequest {
	method: string;
	path: string;
	query: Query;
	headers: IncomingHttpHeaders;
	/** Parsed JSON, `undefined` for an empty body, the raw text when it is not JSON. */
	body: unknown;
	rawBody: string;
	rawBytes: Buffer;
	/** The matched route key (`GET /api/v1/tickets/:id/details`) or null. */
	route: string | null;
	params: Params;
}

/**
 * Runs after faults and authentication, around routing; may answer by itself (e.g. a rate
 * limiter returning 429) or decorate what `next()` returns (e.g. a rate-limit header).
 */
export type Middleware = (
	request: SandboxRequest,
	next: () => Promise<SandboxResponse>,
) => SandboxResponse | Promise<SandboxResponse>;

export interface LoggedRequest {
	method: string;
	path: string;
	query: Query;
	headers: IncomingHttpHeaders;
	body: unknown;
	rawBody: string;
	rawBytes: Buffer;
	/** null while unanswered and for dropped connections. */
	status: number | null;
	route: string | null;
	fault: FaultKind | null;
	receivedAt: number;
	respondedAt: number | null;
}

export interface SandboxOptions {
	/** Returns true when the request's headers authenticate it. Omit for an open API. */
	auth?: (headers: IncomingHttpHeaders) => boolean;
	/** Answer for a failed `auth`; default 401 `{ statusCode: 401, message: 'Invalid API key' }`. */
	unauthorized?: SandboxResponse;
	/** Fixed delay added before every response, for benchmarks. */
	latencyMs?: number;
	/** A concurrency limit the client is not told about (see `Sandbox.concurrencyLimit`). */
	concurrencyLimit?: ConcurrencyLimit;
}

/**
 * At most `max` requests are processed at once; one arriving while `max` are in progress is
 * answered 429 with `Retry-After` (after the same latency, as the round trip is the same) and
 * changes nothing. Many APIs that publish no rate limit behave like this under load.
 */
export interface ConcurrencyLimit {
	max: number;
	/** Sent verbatim; default '1' (seconds). */
	retryAfter?: string;
}

interface CompiledRoute {
	key: string;
	method: string;
	segments: string[];
	paramCount: number;
	spec: {
		params?: AnySchema;
		query?: AnySchema;
		body?: AnySchema;
		handler(
			ctx: HandlerContext<unknown, unknown, unknown>,
		): SandboxResponse | Promise<SandboxResponse>;
	};
}

interface RouteMatch {
	route: CompiledRoute;
	params: Params;
}

type ParsedBody = { ok: true; value: unknown } | { ok: false; value: string };

const JSON_CONTENT_TYPE = 'application/json';

export function parseQuery(search: URLSearchParams): Query {
	const query: Query = {};
	for (const [key, value] of search) {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else query[key] = [existing, value];
	}
	return query;
}

function parseRouteKey(key: string): { method: string; path: string } {
	const match = /^([A-Z]+) (\/\S*)$/.exec(key);
	if (!match) throw new Error(`Route key must look like 'GET /path/:param', got '${key}'`);
	return { method: match[1], path: match[2] };
}

function splitPath(path: string): string[] {
	return path.split('/').filter((segment) => segment !== '');
}

function parseBody(rawBody: string): ParsedBody {
	if (rawBody.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(rawBody) as unknown };
	} catch {
		return { ok: false, value: rawBody };
	}
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Bodies that are not JSON by design; their routes read `rawBytes`. */
function isMultipart(headers: IncomingHttpHeaders): boolean {
	return /^multipart\/form-data\b/i.test(String(headers['content-type'] ?? ''));
}

export class Sandbox {
	latencyMs: number;
	/** The hidden concurrency limit, if any; may be changed between runs. */
	concurrencyLimit: ConcurrencyLimit | undefined;
	/** Requests admitted under the concurrency limit and not yet answered. */
	private admitted = 0;

	private readonly routeTable: CompiledRoute[] = [];
	private readonly middleware: Middleware[] = [];
	private readonly faultQueue = new FaultQueue();
	private readonly log: LoggedRequest[] = [];
	private readonly sockets = new Set<Socket>();
	private readonly auth?: (headers: IncomingHttpHeaders) => boolean;
	private readonly unauthorized: SandboxResponse;
	private server?: Server;
	private url?: string;
	private lifetime = new AbortController();

	constructor(options: SandboxOptions = {}) {
		this.auth = options.auth;
		this.unauthorized = options.unauthorized ?? {
			status: 401,
			body: errorBody(401, 'Invalid API key'),
		};
		this.latencyMs = options.latencyMs ?? 0;
		this.concurrencyLimit = options.concurrencyLimit;
	}

	/** Registers `key` = `'METHOD /path/:param'`; the same key names the route in faults and logs. */
	route<
		PS extends AnySchema | undefined = undefined,
		QS extends AnySchema | undefined = undefined,
		BS extends AnySchema | undefined = undefined,
	>(key: string, spec: RouteSpec<PS, QS, BS>): this {
		const { method, path } = parseRouteKey(key);
		if (this.routeTable.some((route) => route.key === key)) {
			throw new Error(`Route '${key}' is already registered`);
		}
		const segments = splitPath(path);
		this.routeTable.push({
			key,
			method,
			segments,
			paramCount: segments.filter((segment) => segment.startsWith(':')).length,
			spec: spec as unknown as CompiledRoute['spec'],
		});
		return this;
	}

	use(middleware: Middleware): this {
		this.middleware.push(middleware);
		return this;
	}

	get routeKeys(): string[] {
		return this.routeTable.map((route) => route.key);
	}

	async start(): Promise<string> {
		if (this.url) return this.url;
		this.lifetime = new AbortController();
		// Every pending response delay listens to it: hundreds at once under a load test.
		setMaxListeners(0, this.lifetime.signal);
		const server = createServer((req, res) => {
			this.handle(req, res).catch(() => {
				// Only reached when stop() aborts a pending delay or the client went away.
				req.socket.destroy();
			});
		});
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		const address = server.address();
		if (address === null || typeof address === 'string') throw new Error('Sandbox has no port');
		this.server = server;
		this.url = `http://127.0.0.1:${address.port}`;
		return this.url;
	}

	/** Closes the server and destroys open (keep-alive) sockets so the test process can exit. */
	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		this.url = undefined;
		this.lifetime.abort();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		await closed;
	}

	get baseUrl(): string {
		if (!this.url) throw new Error('Sandbox is not started');
		return this.url;
	}

	get requests(): readonly LoggedRequest[] {
		return [...this.log];
	}

	requestsTo(routeKey: string): LoggedRequest[] {
		return this.log.filter((entry) => entry.route === routeKey);
	}

	clearLog(): void {
		this.log.length = 0;
	}

	/** `route` is a registered key or `'*'`; unknown keys throw so a typo cannot go unnoticed. */
	injectFault(route: string, fault: Fault, options: FaultOptions = {}): this {
		if (route !== ANY_ROUTE && !this.routeTable.some((entry) => entry.key === route)) {
			throw new Error(`Cannot inject a fault on unknown route '${route}'`);
		}
		this.faultQueue.add(route, fault, options);
		return this;
	}

	clearFaults(): void {
		this.faultQueue.clear();
	}

	get pendingFaults() {
		return this.faultQueue.pending;
	}

	private match(method: string, path: string): RouteMatch | undefined {
		const segments = splitPath(path);
		let best: RouteMatch | undefined;
		for (const route of this.routeTable) {
			if (route.method !== method || route.segments.length !== segments.length) continue;
			const params = this.matchSegments(route.segments, segments);
			// A literal segment beats a parameter, whatever the registration order.
			if (params && (!best || route.paramCount < best.route.paramCount)) best = { route, params };
		}
		return best;
	}

	private matchSegments(pattern: string[], actual: string[]): Params | undefined {
		const params: Params = {};
		for (let i = 0; i < pattern.length; i++) {
			if (pattern[i].startsWith(':')) {
				try {
					params[pattern[i].slice(1)] = decodeURIComponent(actual[i]);
				} catch {
					return undefined;
				}
			} else if (pattern[i] !== actual[i]) {
				return undefined;
			}
		}
		return params;
	}

	private async wait(ms: number): Promise<void> {
		if (ms > 0) await sleep(ms, undefined, { signal: this.lifetime.signal });
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const rawBytes = await readBody(req);
		const rawBody = rawBytes.toString('utf8');
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const method = (req.method ?? 'GET').toUpperCase();
		const match = this.match(method, url.pathname);
		const parsedBody: ParsedBody = isMultipart(req.headers)
			? { ok: true, value: undefined }
			: parseBody(rawBody);
		const request: SandboxRequest = {
			method,
			path: url.pathname,
			query: parseQuery(url.searchParams),
			headers: req.headers,
			body: parsedBody.value,
			rawBody,
			rawBytes,
			route: match?.route.key ?? null,
			params: match?.params ?? {},
		};
		const entry: LoggedRequest = {
			method,
			path: request.path,
			query: request.query,
			headers: request.headers,
			body: request.body,
			rawBody,
			rawBytes,
			status: null,
			route: request.route,
			fault: null,
			receivedAt: Date.now(),
			respondedAt: null,
		};
		this.log.push(entry);

		const fault = this.faultQueue.take(request.route);
		entry.fault = fault?.kind ?? null;
		if (fault?.kind === 'drop') {
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'delay') await this.wait(fault.ms);

		let response: SandboxResponse;
		let payload: string | undefined;
		let admitted = false;
		if (fault?.kind === 'status') {
			response = {
				status: fault.status,
				body: fault.body ?? errorBody(fault.status, STATUS_CODES[fault.status] ?? 'Error'),
				headers: fault.headers,
			};
		} else if (fault?.kind === 'malformed') {
			response = { status: 200 };
			payload = fault.body ?? MALFORMED_JSON;
		} else if (this.concurrencyLimit && this.admitted >= this.concurrencyLimit.max) {
			response = {
				status: 429,
				body: errorBody(429, 'Too many concurrent requests'),
				headers: { 'retry-after': this.concurrencyLimit.retryAfter ?? '1' },
			};
		} else {
			admitted = this.concurrencyLimit !== undefined;
			if (admitted) this.admitted++;
			response = await this.dispatch(request, match, parsedBody);
		}

		try {
			await this.wait(this.latencyMs);
			if (payload === undefined && response.body !== undefined) {
				payload = JSON.stringify(response.body);
			}
			const bytes = response.raw ?? (payload === undefined ? undefined : Buffer.from(payload));
			const sendsBody = bytes !== undefined && method !== 'HEAD' && response.status !== 204;
			entry.status = response.status;
			entry.respondedAt = Date.now();
			res.writeHead(response.status, {
				'content-type': JSON_CONTENT_TYPE,
				'content-length': sendsBody ? bytes.length : 0,
				...lowerCaseKeys(response.headers),
			});
			res.end(sendsBody ? bytes : undefined);
		} finally {
			if (admitted) this.admitted--;
		}
	}

	private async dispatch(
		request: SandboxRequest,
		match: RouteMatch | undefined,
		parsedBody: ParsedBody,
	): Promise<SandboxResponse> {
		if (this.auth && !this.auth(request.headers)) return this.unauthorized;
		const chain = [...this.middleware];
		const next = async (): Promise<SandboxResponse> => {
			const middleware = chain.shift();
			if (middleware) return await middleware(request, next);
			return await this.runRoute(request, match, parsedBody);
		};
		try {
			return await next();
		} catch (error) {
			return answerError(error);
		}
	}

	private async runRoute(
		request: SandboxRequest,
		match: RouteMatch | undefined,
		parsedBody: ParsedBody,
	): Promise<SandboxResponse> {
		if (!match) {
			return { status: 404, body: errorBody(404, `Cannot ${request.method} ${request.path}`) };
		}
		if (!parsedBody.ok) return { status: 400, body: errorBody(400, 'Invalid JSON body') };

		const { spec } = match.route;
		const errors: FieldError[] = [];
		const check = (
			part: 'params' | 'query' | 'body',
			schema: AnySchema | undefined,
			value: unknown,
		) => {
			if (!schema) return value;
			const result = schema.safeParse(value);
			if (result.success) return result.data as unknown;
			errors.push(...toFieldErrors(part, result.error));
			return undefined;
		};
		const params = check('params', spec.params, match.params);
		const query = check('query', spec.query, request.query);
		const body = check('body', spec.body, parsedBody.value);
		if (errors.length > 0) {
			return { status: 400, body: errorBody(400, 'Invalid request', errors) };
		}
		return await spec.handler({
			method: request.method,
			path: request.path,
			params,
			query,
			headers: request.headers,
			body,
			rawBody: request.rawBody,
			rawBytes: request.rawBytes,
		});
	}
}

function answerError(error: unknown): SandboxResponse {
	if (error instanceof HttpError) {
		return { status: error.status, body: error.body, headers: error.headers };
	}
	const message = error instanceof Error ? error.message : String(error);
	return { status: 500, body: errorBody(500, `Sandbox handler failed: ${message}`) };
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
	return result;
}

/**
 * Most requests the sandbox had open at one moment (received, not yet answered), over the
 * given log entries; a dropped connection counts until the end.
 */
export function peakInFlight(requests: readonly LoggedRequest[]): number {
	const edges = requests.flatMap((request) => [
		{ at: request.receivedAt, step: 1 },
		{ at: request.respondedAt ?? Number.POSITIVE_INFINITY, step: -1 },
	]);
	// At equal times an answer leaves before the next request arrives.
	edges.sort((a, b) => a.at - b.at || a.step - b.step);
	let inFlight = 0;
	let peak = 0;
	for (const edge of edges) peak = Math.max(peak, (inFlight += edge.step));
	return peak;
}

/** `{ status: 200, body }`, the common case for handlers. */
export function ok(body: unknown, headers?: Record<string, string>): SandboxResponse {
	return { status: 200, body, headers };
}
