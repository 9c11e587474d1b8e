/**
 * When and how long to wait before sending a request again. Pure functions: the transport
 * decides whether a request may be repeated at all, this module only computes the waits.
 */

export interface RetryPolicy {
	/** Total attempts including the first one. */
	maxAttempts: number;
	/** First backoff step; doubles on every attempt. */
	baseDelayMs: number;
	/** Ceiling of a single computed backoff step. */
	maxDelayMs: number;
	/** Ceiling of all waits of one request together, Retry-After included. */
	maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 250,
	maxDelayMs: 8_000,
	maxTotalWaitMs: 60_000,
};

/** 429 and server-side failures are worth another try; 501 and 505 never change. */
export function isRetryableStatus(status: number): boolean {
	return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/**
 * Parses a Retry-After header (delta seconds or an HTTP date) into milliseconds.
 * Returns undefined when absent or unparseable, so the caller falls back to backoff.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw === null) return undefined;
	const text = String(raw).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half fixed, half random, so clients spread out. */
export function backoffDelay(
	attempt: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(step / 2 + random() * (step / 2));
}

/** Network failures that say nothing reached the server's application, or that it went away. */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_SOCKET',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export function isRetryableNetworkError(error: unknown): boolean {
	for (const candidate of errorChain(error)) {
		const code = (candidate as { code?: unknown }).code;
		if (typeof code === 'string' && RETRYABLE_NETWORK_CODES.has(code)) return true;
		const message = (candidate as { message?: unknown }).message;
		if (typeof message === 'string' && /socket hang up|timeout of \d+ms exceeded/i.test(message)) {
			return true;
		}
	}
	return false;
}

/** The error and the errors it wraps (n8n wraps transport errors in NodeApiError). */
export function errorChain(error: unknown): object[] {
	const chain: object[] = [];
	let current: unknown = error;
	while (current !== null && typeof current === 'object' && chain.length < 6) {
		if (chain.includes(current)) break;
		chain.push(current);
		const next = current as { cause?: unknown; errorResponse?: unknown };
		current = next.cause ?? next.errorResponse;
	}
	return chain;
}
