import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactText, redactValue } from './redact';

/** What the transport knows about a failed call; every field is already free of secrets. */
export interface ProviderFailure {
	provider: string;
	method: string;
	path: string;
	statusCode?: number;
	body?: unknown;
	/** Set when no HTTP answer arrived at all (connection refused, reset, timeout). */
	networkError?: string;
	attempts: number;
}

const MESSAGE_KEYS = [
	'message',
	'error',
	'errors',
	'detail',
	'details',
	'description',
	'msg',
	'title',
];

/**
 * The provider's own words from an error body of unknown shape. A generic message
 * ("Invalid request") is followed by the field errors next to it, so the user sees what to fix.
 */
export function extractProviderMessage(body: unknown): string | undefined {
	const message = firstMessage(body);
	const fields = fieldErrors(body);
	if (message && fields && !message.includes(fields)) return `${message} (${fields})`;
	return message ?? fields;
}

/** `errors` as `{ field: [messages] }` or `[{ path, message }]`, flattened to one line. */
function fieldErrors(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const errors = (body as Record<string, unknown>).errors;
	const parts: string[] = [];
	if (Array.isArray(errors)) {
		for (const entry of errors) {
			if (entry && typeof entry === 'object') {
				const { path, field, message } = entry as Record<string, unknown>;
				const where = path ?? field;
				if (typeof message === 'string')
					parts.push(where ? `${String(where)}: ${message}` : message);
			}
		}
	} else if (errors && typeof errors === 'object') {
		for (const [field, messages] of Object.entries(errors as Record<string, unknown>)) {
			const text = Array.isArray(messages) ? messages.join(', ') : String(messages);
			parts.push(`${field}: ${text}`);
		}
	}
	return parts.length ? parts.slice(0, 5).join('; ') : undefined;
}

function firstMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 500) : undefined;
	if (Array.isArray(body)) {
		const parts = body.map(firstMessage).filter((part): part is string => !!part);
		return parts.length ? parts.join('; ') : undefined;
	}
	if (body === null || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of MESSAGE_KEYS) {
		const value = record[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
		if (value && typeof value === 'object' && key !== 'errors') {
			const nested = firstMessage(value);
			if (nested) return nested;
		}
	}
	return undefined;
}

/** A provider failure as the NodeApiError n8n shows: provider message, HTTP code, item. */
export function providerApiError(
	node: INode,
	failure: ProviderFailure,
	secrets: readonly string[],
	itemIndex?: number,
): NodeApiError {
	const body = redactValue(failure.body, secrets);
	const providerMessage = extractProviderMessage(body);
	const where = `${failure.method} ${redactText(failure.path, secrets)}`;
	let message: string;
	if (failure.statusCode !== undefined) {
		message = `${failure.provider} API error ${failure.statusCode}${providerMessage ? `: ${providerMessage}` : ''}`;
	} else {
		message = `${failure.provider} API could not be reached: ${networkProblem(failure.networkError)}`;
	}
	const retried = failure.attempts > 1 ? ` after ${failure.attempts} attempts` : '';
	const details = body === undefined ? '' : ` Response: ${truncate(safeStringify(body), 1000)}`;
	const description = `Request ${where} failed${retried}.${details}`;
	const errorResponse: JsonObject = {
		provider: failure.provider,
		method: failure.method,
		path: redactText(failure.path, secrets),
		...(failure.statusCode !== undefined ? { statusCode: failure.statusCode } : {}),
		...(body !== undefined ? { body: body as JsonObject } : {}),
	};
	return new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: failure.statusCode !== undefined ? String(failure.statusCode) : undefined,
		itemIndex,
	});
}

/**
 * Plain words for a network failure. Error codes stay out of the message on purpose: n8n
 * replaces any message containing one with its generic text, which would drop the provider.
 */
function networkProblem(raw: string | undefined): string {
	const text = (raw ?? '').toUpperCase();
	if (/ECONNRESET|SOCKET HANG UP|EPIPE|UND_ERR_SOCKET/.test(text)) {
		return 'the connection was closed before an answer arrived';
	}
	if (text.includes('ECONNREFUSED')) return 'the connection was refused';
	if (/ETIMEDOUT|ESOCKETTIMEDOUT|ECONNABORTED|TIMEOUT/.test(text)) {
		return 'no answer within the time limit';
	}
	if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'the host name could not be resolved';
	if (/ENETUNREACH|EHOSTUNREACH/.test(text)) return 'the network is unreachable';
	return 'no answer was received';
}

/** Bad input: names the parameter (by its label in the editor) and the item. */
export function invalidParameterError(
	node: INode,
	parameterLabel: string,
	problem: string,
	itemIndex: number,
	hint?: string,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`Invalid "${parameterLabel}" in item ${itemIndex}: ${problem}`,
		{
			itemIndex,
			description: hint,
		},
	);
}

function safeStringify(value: unknown): string {
	try {
		return typeof value === 'string' ? value : JSON.stringify(value);
	} catch {
		return String(value);
	}
}

function truncate(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}
