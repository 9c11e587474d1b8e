import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { controllerOf, type ConcurrencyController, type RequestTicket } from './concurrency';
import { providerApiError, type ProviderFailure } from './errors';
import type { BucketReading, LeakyBucketPacer } from './pacing';
import { redactText } from './redact';
import {
	backoffDelay,
	DEFAULT_RETRY_POLICY,
	errorChain,
	isRetryableNetworkError,
	isRetryableStatus,
	parseRetryAfter,
	type RetryPolicy,
} from './retry';

/** Every n8n context our nodes send requests from. */
export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** What the shared transport needs to know about one provider. */
export interface ProviderDefinition {
	/** Shown in error messages, e.g. "Zaia". */
	name: string;
	credentialType: string;
	/** Credential fields holding secrets; their values are removed from every error. */
	secretFields: readonly string[];
	/** Origin plus any fixed prefix, without a trailing slash. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	retryPolicy?: RetryPolicy;
	/** Ceiling for one HTTP exchange. */
	timeoutMs?: number;
	/**
	 * Refuses credentials that cannot be right before anything is sent, with a message that
	 * says what was expected without echoing the credential.
	 */
	checkCredentials?(context: RequestContext, credentials: ICredentialDataDecryptedObject): void;
	/**
	 * Whether the provider documents a 429 as "rejected, not processed": then even a request
	 * that is not safe to repeat (a create) is retried after a 429, as it cannot create twice.
	 */
	rateLimitedUnprocessed?: boolean;
	/** Rate-limit pacing, for providers that report their bucket on every answer. */
	pacing?: {
		pacer(credentials: ICredentialDataDecryptedObject): LeakyBucketPacer;
		reading(headers: Record<string, string>): BucketReading | undefined;
	};
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the provider's base URL, starting with "/". */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/**
	 * Whether the request may be sent again when it failed without a usable answer.
	 * Defaults to true for every method but POST: repeating a POST could create twice.
	 */
	retrySafe?: boolean;
	/** Item the request belongs to, so errors point at it. */
	itemIndex?: number;
	/** A body sent as these bytes with this content type instead of `body` (a file upload). */
	rawBody?: { data: Buffer; contentType: string };
	/**
	 * The answer is a file: its bytes are returned unparsed, and a redirect is returned
	 * instead of followed (a file host's signed URL must not receive the credential).
	 */
	binaryResponse?: boolean;
}

/** What a provider's request wrapper takes besides method and path. */
export type CallOptions = Pick<
	ApiRequest,
	'qs' | 'body' | 'itemIndex' | 'retrySafe' | 'rawBody' | 'binaryResponse'
>;

/** Options of a provider's list helper: the item's "Limit" (none = all) and the item. */
export interface ListOptions {
	limit?: number;
	itemIndex?: number;
}

export interface ApiResponse<T> {
	statusCode: number;
	headers: Record<string, string>;
	body: T;
	/** Attempts it took, 1 when the first one succeeded. */
	attempts: number;
}

/**
 * The node's credential, read once per execution context rather than once per request, and
 * kept in the shape n8n's request helpers take a credential that was read already.
 */
const credentialCache = new WeakMap<object, Promise<CredentialRead>>();

type CredentialRead = ICredentialsDecrypted & { data: ICredentialDataDecryptedObject };

function readCredential(
	context: RequestContext,
	provider: ProviderDefinition,
): Promise<CredentialRead> {
	let cached = credentialCache.get(context);
	if (!cached) {
		cached = context.getCredentials(provider.credentialType).then((data) => {
			const reference = context.getNode().credentials?.[provider.credentialType];
			return {
				id: reference?.id ?? '',
				name: reference?.name ?? '',
				type: provider.credentialType,
				data,
			};
		});
		credentialCache.set(context, cached);
	}
	return cached;
}

/** The credential's values, read once per execution context. */
export async function providerCredentials(
	context: RequestContext,
	provider: ProviderDefinition,
): Promise<ICredentialDataDecryptedObject> {
	return (await readCredential(context, provider)).data;
}

export function secretValues(
	credentials: ICredentialDataDecryptedObject,
	provider: ProviderDefinition,
): string[] {
	const secrets: string[] = [];
	for (const field of provider.secretFields) {
		const value = credentials[field];
		// Token sets (OAuth2) are objects: every string in them is secret.
		if (value !== null && typeof value === 'object') {
			for (const nested of Object.values(value)) {
				if (typeof nested === 'string' && nested.length >= 6) secrets.push(nested);
			}
			continue;
		}
		if (typeof value !== 'string' || value.trim() === '') continue;
		secrets.push(value, value.trim());
		// The credential may strip a scheme prefix before sending; the bare key is secret too.
		const bare = value.trim().replace(/^(bearer|basic|token)\s+/i, '');
		if (bare !== value.trim()) secrets.push(bare);
	}
	return secrets;
}

/** A base URL from a credential, checked to be http(s) and stripped of trailing slashes. */
export function normaliseBaseUrl(
	context: RequestContext,
	raw: unknown,
	credentialLabel: string,
): string {
	const text = typeof raw === 'string' ? raw.trim().replace(/\/+$/, '') : '';
	if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(text)) {
		throw new NodeOperationError(
			context.getNode(),
			`The credential's "${credentialLabel}" must be an http(s) URL such as https://api.example.com`,
		);
	}
	return text;
}

/**
 * One authenticated call to a provider, with n8n applying the credential (and its proxy and
 * SSL settings). Retries 429, 5xx, malformed bodies and network failures for requests that
 * are safe to repeat, with jittered exponential backoff, honouring Retry-After, within a
 * total wait budget. Never throws anything but a secret-free NodeApiError/NodeOperationError.
 */
export async function apiRequest<T = unknown>(
	this: RequestContext,
	provider: ProviderDefinition,
	request: ApiRequest,
): Promise<ApiResponse<T>> {
	const credential = await readCredential(this, provider);
	const credentials = credential.data;
	provider.checkCredentials?.(this, credentials);
	const secrets = secretValues(credentials, provider);
	const pollBudget = pollBudgetOf(this);
	const basePolicy = provider.retryPolicy ?? DEFAULT_RETRY_POLICY;
	// A poll that outlives n8n's poll budget is abandoned: keep waits and timeouts inside it.
	const policy =
		pollBudget === undefined
			? basePolicy
			: { ...basePolicy, maxTotalWaitMs: Math.min(basePolicy.maxTotalWaitMs, pollBudget / 2) };
	const retrySafe = request.retrySafe ?? request.method !== 'POST';
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: normaliseBaseUrl(this, provider.baseUrl(credentials), 'Base URL'),
		url: request.path,
		qs: request.qs,
		body: request.rawBody?.data ?? request.body,
		// Repeated keys (`ids=a&ids=b`) are what the providers document for list filters.
		arrayFormat: 'repeat',
		headers: {
			accept: request.binaryResponse ? '*/*' : 'application/json',
			...(request.rawBody ? { 'content-type': request.rawBody.contentType } : {}),
		},
		// Parse JSON ourselves so a malformed body is recognised instead of passed on as text.
		encoding: request.binaryResponse ? 'arraybuffer' : 'text',
		...(request.binaryResponse ? { disableFollowRedirect: true } : {}),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: Math.min(
			provider.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			pollBudget === undefined ? Number.POSITIVE_INFINITY : Math.max(1_000, pollBudget / 4),
		),
	};
	const failure = (details: Partial<ProviderFailure>, attempts: number) =>
		providerApiError(
			this.getNode(),
			{ provider: provider.name, method: request.method, path: request.path, attempts, ...details },
			secrets,
			request.itemIndex,
		);

	const pacer = provider.pacing?.pacer(credentials);
	// The node run's concurrency controller, if it runs one, learns from every attempt.
	const controller = controllerOf(this);
	const retryAfter429 = retrySafe || provider.rateLimitedUnprocessed === true;
	let waitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			const { paced, ticket } = await takeSlot(pacer, controller, retryAfter429);
			pacer?.started();
			const sentAt = Date.now();
			let reading: BucketReading | undefined;
			let status: number | undefined;
			try {
				response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					provider.credentialType,
					{ ...options },
					// The credential read once for this run spares n8n a database read and a
					// decryption per request. (OAuth2 credentials ignore it: n8n reads and
					// refreshes their token itself.)
					{ credentialsDecrypted: credential },
				)) as IN8nHttpFullResponse;
				status = Number(response.statusCode);
				reading = provider.pacing?.reading(lowerCaseHeaders(response.headers));
			} finally {
				pacer?.finished(reading);
				// A request the bucket held back says the bucket, not concurrency, sets the pace.
				if (controller && ticket) {
					controller.finished(ticket, {
						status,
						latencyMs: Date.now() - sentAt,
						mayProbe: retryAfter429 && !paced,
					});
				}
			}
		} catch (error) {
			// A missing or unusable credential: wrapping hands back the same error unchanged.
			if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error);
			const wait =
				retrySafe && isRetryableNetworkError(error) ? backoffDelay(attempt, policy) : undefined;
			if (wait !== undefined && canWait(attempt, waitedMs, wait, policy)) {
				waitedMs += wait;
				await waitToRetry(wait, controller);
				continue;
			}
			throw failure({ networkError: describeNetworkError(error, secrets) }, attempt);
		}

		const statusCode = Number(response.statusCode);
		const headers = lowerCaseHeaders(response.headers);
		if (request.binaryResponse && statusCode >= 200 && statusCode < 400) {
			return { statusCode, headers, body: toBuffer(response.body) as T, attempts: attempt };
		}
		const parsed = parseJsonBody(response.body);
		const succeeded = statusCode >= 200 && statusCode < 300;

		if (succeeded && parsed.ok) {
			return { statusCode, headers, body: parsed.value as T, attempts: attempt };
		}
		// A 2xx whose body is not JSON is a broken answer (a proxy page, a cut-off stream).
		const retryable = succeeded ? true : isRetryableStatus(statusCode);
		const mayRetry = retrySafe || (statusCode === 429 && retryAfter429);
		if (mayRetry && retryable) {
			const wait =
				(statusCode === 429 || statusCode === 503
					? parseRetryAfter(headers['retry-after'])
					: undefined) ?? backoffDelay(attempt, policy);
			if (canWait(attempt, waitedMs, wait, policy)) {
				waitedMs += wait;
				await waitToRetry(wait, controller);
				continue;
			}
		}
		const body = parsed.ok
			? parsed.value
			: succeeded
				? `The answer was not valid JSON: ${String(response.body).slice(0, 200)}`
				: parsed.value;
		throw failure({ statusCode, body }, attempt);
	}
}

/**
 * The request wrapper every provider exports: method, a path below the provider's base URL,
 * and the call options; the answer's parsed body is returned.
 */
export function providerRequest(definitionFor: (context: RequestContext) => ProviderDefinition) {
	return async function request<T = unknown>(
		this: RequestContext,
		method: IHttpRequestMethods,
		path: string,
		options: CallOptions = {},
	): Promise<T> {
		const response = await apiRequest.call(this, definitionFor(this), { method, path, ...options });
		return response.body as T;
	};
}

/**
 * Like `providerRequest`, for answers whose status and headers matter too (a file download:
 * its bytes, content type, or the redirect to follow).
 */
export function providerResponse(definitionFor: (context: RequestContext) => ProviderDefinition) {
	return async function response<T = unknown>(
		this: RequestContext,
		method: IHttpRequestMethods,
		path: string,
		options: CallOptions = {},
	): Promise<ApiResponse<T>> {
		return (await apiRequest.call(this, definitionFor(this), {
			method,
			path,
			...options,
		})) as ApiResponse<T>;
	};
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body);
	return Buffer.alloc(0);
}

/** Ceiling of one HTTP exchange unless the provider sets its own. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** The time n8n gives a poll, when the request comes from a polling trigger. */
function pollBudgetOf(context: RequestContext): number | undefined {
	if (!('getPollBudgetMs' in context) || typeof context.getPollBudgetMs !== 'function')
		return undefined;
	const budget = Number(context.getPollBudgetMs());
	return Number.isFinite(budget) && budget > 0 ? budget : undefined;
}

/**
 * Waits for the provider's pacing (Gorgias' bucket), then for a free slot of the run's
 * concurrency controller, and takes it. The slot is taken only once the pacer lets the request
 * go, so no slot is held while the bucket drains; when no slot is free the pacer is asked again
 * after one frees up, since the bucket may have filled meanwhile.
 */
async function takeSlot(
	pacer: LeakyBucketPacer | undefined,
	controller: ConcurrencyController | undefined,
	repeatable: boolean,
): Promise<{ paced: boolean; ticket: RequestTicket | undefined }> {
	let paced = false;
	for (;;) {
		if (pacer && (await waitForPacer(pacer))) paced = true;
		if (!controller) return { paced, ticket: undefined };
		const ticket = controller.tryAcquire(repeatable);
		if (ticket) return { paced, ticket };
		await controller.slotFreed();
	}
}

/** The wait before a retry; meanwhile the item holds no slot, so the pool may start another. */
async function waitToRetry(
	ms: number,
	controller: ConcurrencyController | undefined,
): Promise<void> {
	controller?.retryWaitStarted();
	try {
		await sleep(ms);
	} finally {
		controller?.retryWaitEnded();
	}
}

/**
 * Pacing waits in short steps so a freshly read bucket level is taken into account. Returns
 * whether it waited at all.
 */
async function waitForPacer(pacer: LeakyBucketPacer): Promise<boolean> {
	let waited = false;
	for (let delay = pacer.delayBeforeSend(); delay > 0; delay = pacer.delayBeforeSend()) {
		waited = true;
		await sleep(Math.min(delay, 1_000));
	}
	return waited;
}

function canWait(attempt: number, waitedMs: number, wait: number, policy: RetryPolicy): boolean {
	return attempt < policy.maxAttempts && waitedMs + wait <= policy.maxTotalWaitMs;
}

function parseJsonBody(raw: unknown): { ok: true; value: unknown } | { ok: false; value: unknown } {
	if (raw === undefined || raw === null || raw === '') return { ok: true, value: {} };
	if (typeof raw !== 'string') {
		if (Buffer.isBuffer(raw)) return parseJsonBody(raw.toString('utf8'));
		return { ok: true, value: raw };
	}
	try {
		return { ok: true, value: JSON.parse(raw) as unknown };
	} catch {
		return { ok: false, value: raw.slice(0, 1000) };
	}
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return result;
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		result[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return result;
}

function describeNetworkError(error: unknown, secrets: readonly string[]): string {
	const chain = errorChain(error);
	const innermost = chain[chain.length - 1] as { code?: unknown; message?: unknown } | undefined;
	const code = chain
		.map((entry) => (entry as { code?: unknown }).code)
		.find((value): value is string => typeof value === 'string');
	const message = typeof innermost?.message === 'string' ? innermost.message : 'no response';
	return redactText(code && !message.includes(code) ? `${code} ${message}` : message, secrets);
}
