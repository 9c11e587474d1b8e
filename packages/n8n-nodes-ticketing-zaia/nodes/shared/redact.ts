/**
 * Secret redaction. Every message, description and output that could carry request details
 * passes through here, so a credential can never surface in the editor, in run data or in logs.
 */

const REDACTED = '[redacted]';

// Headers and JSON keys whose values are secrets whatever the provider.
const SECRET_NAME = String.raw`(?:authorization|x-api-key|x-api-username|api[-_]?key|access[-_]?token|refresh[-_]?token|client[-_]?secret|password|token)`;

const SECRET_PATTERNS: RegExp[] = [
	// "authorization": "xyz" / 'apiKey':'xyz' in serialised JSON or JS-like dumps
	new RegExp(String.raw`(["']?${SECRET_NAME}["']?\s*[:=]\s*)(["'])(?:\\.|(?!\2).)*\2`, 'gi'),
	// authorization: xyz (header dumps, query strings)
	new RegExp(String.raw`(\b${SECRET_NAME}\b\s*[:=]\s*)(?!["'\[])([^\s,;&"'}]+)`, 'gi'),
	// Bearer / Basic schemes wherever they appear
	/(\b(?:Bearer|Basic)\s+)[A-Za-z0-9\-._~+/=]{4,}/g,
];

/** Secrets shorter than this are not searched for literally: they would match ordinary words. */
const MIN_LITERAL_SECRET_LENGTH = 6;

export function redactText(text: string, secrets: readonly string[] = []): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length >= MIN_LITERAL_SECRET_LENGTH) result = result.split(secret).join(REDACTED);
	}
	result = result.replace(
		SECRET_PATTERNS[0],
		(_match, prefix: string, quote: string) => `${prefix}${quote}${REDACTED}${quote}`,
	);
	result = result.replace(SECRET_PATTERNS[1], (_match, prefix: string) => `${prefix}${REDACTED}`);
	result = result.replace(SECRET_PATTERNS[2], (_match, prefix: string) => `${prefix}${REDACTED}`);
	return result;
}

const SECRET_KEY = new RegExp(String.raw`^${SECRET_NAME}$`, 'i');

/** Deep copy of a JSON-like value with secret-named keys blanked and secret strings removed. */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
	return redactNode(value, secrets, 0) as T;
}

function redactNode(value: unknown, secrets: readonly string[], depth: number): unknown {
	if (depth > 20) return REDACTED;
	if (typeof value === 'string') return redactText(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => redactNode(entry, secrets, depth + 1));
	if (value !== null && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			copy[key] = SECRET_KEY.test(key) ? REDACTED : redactNode(entry, secrets, depth + 1);
		}
		return copy;
	}
	return value;
}
