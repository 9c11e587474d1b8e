import type { INode } from 'n8n-workflow';

import { invalidParameterError } from './errors';
import { languageCode, timeZoneName } from './locale';

/**
 * Input checks run before any request is sent. Values arrive from the editor or from
 * expressions, so they are `unknown`: a number, an object or an empty string all get a clear
 * error naming the parameter and the item instead of a confusing provider answer.
 */

export interface ValidationContext {
	node: INode;
	itemIndex: number;
}

/** Where a check reports: the node and the item (0 for triggers, which have no items). */
export function itemContext(context: { getNode(): INode }, itemIndex = 0): ValidationContext {
	return { node: context.getNode(), itemIndex };
}

/** A UUID, as the editor's regex validation of "By ID" locator modes needs it. */
export const UUID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID = new RegExp(UUID_PATTERN);
// Deliberately simple: one @, no spaces, a dot in the domain. Providers do the strict check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// ISO 8601 date-time with seconds; fractional seconds and offset optional (UTC assumed without).
const ISO_DATE_TIME =
	/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;

function isIsoDateTime(value: string): boolean {
	return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** A date-time without an offset (as the editor's date picker gives it) is taken as UTC. */
export function assumeUtc(dateTime: string): string {
	return /(Z|[+-]\d{2}:?\d{2})$/i.test(dateTime) ? dateTime : `${dateTime}Z`;
}

function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') return value === '' ? 'an empty value' : `"${value.slice(0, 80)}"`;
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `${typeof value} ${String(value)}`;
}

/** A non-empty string; numbers are accepted and turned into text (ids typed in expressions). */
export function requireString(ctx: ValidationContext, label: string, value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') {
		throw invalidParameterError(
			ctx.node,
			label,
			`expected text but got ${describe(value)}`,
			ctx.itemIndex,
		);
	}
	const trimmed = value.trim();
	if (trimmed === '') {
		throw invalidParameterError(ctx.node, label, 'a value is required', ctx.itemIndex);
	}
	return trimmed;
}

export function requireUuid(ctx: ValidationContext, label: string, value: unknown): string {
	const text = requireString(ctx, label, value);
	if (!UUID.test(text)) {
		throw invalidParameterError(
			ctx.node,
			label,
			`expected a UUID such as 3f2b8c1e-5a4d-4c6b-9e2f-1a2b3c4d5e6f but got ${describe(text)}`,
			ctx.itemIndex,
		);
	}
	return text.toLowerCase();
}

/** null/empty means "none"; anything else must be a UUID. */
export function optionalUuid(ctx: ValidationContext, label: string, value: unknown): string | null {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return null;
	}
	return requireUuid(ctx, label, value);
}

export function requireEmail(ctx: ValidationContext, label: string, value: unknown): string {
	const text = requireString(ctx, label, value);
	if (!EMAIL.test(text)) {
		throw invalidParameterError(
			ctx.node,
			label,
			`expected an email address but got ${describe(text)}`,
			ctx.itemIndex,
		);
	}
	return text;
}

export function requireIsoDateTime(ctx: ValidationContext, label: string, value: unknown): string {
	const text = requireString(ctx, label, value);
	if (!isIsoDateTime(text)) {
		throw invalidParameterError(
			ctx.node,
			label,
			`expected an ISO 8601 date-time such as 2024-11-15T10:30:00Z but got ${describe(text)}`,
			ctx.itemIndex,
		);
	}
	return text;
}

export function requireInteger(
	ctx: ValidationContext,
	label: string,
	value: unknown,
	range: { min?: number; max?: number } = {},
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number)) {
		throw invalidParameterError(
			ctx.node,
			label,
			`expected a whole number but got ${describe(value)}`,
			ctx.itemIndex,
		);
	}
	if (
		(range.min !== undefined && number < range.min) ||
		(range.max !== undefined && number > range.max)
	) {
		const bounds = `between ${range.min ?? '-∞'} and ${range.max ?? '∞'}`;
		throw invalidParameterError(
			ctx.node,
			label,
			`expected a number ${bounds} but got ${number}`,
			ctx.itemIndex,
		);
	}
	return number;
}

export function requireBoolean(ctx: ValidationContext, label: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	throw invalidParameterError(
		ctx.node,
		label,
		`expected true or false but got ${describe(value)}`,
		ctx.itemIndex,
	);
}

/**
 * A list typed in the editor as comma-separated text or produced by an expression as an
 * array; empty entries dropped, duplicates removed, order kept.
 */
export function toList(ctx: ValidationContext, label: string, value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const raw: unknown[] = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: [value];
	const list: string[] = [];
	for (const entry of raw) {
		if (typeof entry !== 'string' && typeof entry !== 'number') {
			throw invalidParameterError(
				ctx.node,
				label,
				`expected a list of text values but one entry is ${describe(entry)}`,
				ctx.itemIndex,
			);
		}
		const text = String(entry).trim();
		if (text !== '' && !list.includes(text)) list.push(text);
	}
	return list;
}

export function requireUuidList(ctx: ValidationContext, label: string, value: unknown): string[] {
	return toList(ctx, label, value).map((entry) => requireUuid(ctx, label, entry));
}

// International format as providers store it: optional +, digits, common separators.
const PHONE = /^\+?[0-9][0-9 ().-]{3,24}$/;

export function requirePhone(ctx: ValidationContext, label: string, value: unknown): string {
	const text = requireString(ctx, label, value);
	if (!PHONE.test(text)) {
		throw invalidParameterError(
			ctx.node,
			label,
			`expected a phone number such as +14155550100 but got ${describe(text)}`,
			ctx.itemIndex,
		);
	}
	return text.replace(/[ ().-]/g, '');
}

/** An ISO 639-1 language code (`fr`), sent in lower case. */
export function requireLanguageCode(ctx: ValidationContext, label: string, value: unknown): string {
	const text = requireString(ctx, label, value);
	const code = languageCode(text);
	if (code === undefined) {
		throw invalidParameterError(
			ctx.node,
			label,
			`expected a two-letter ISO 639-1 language code such as en or fr but got ${describe(text)}`,
			ctx.itemIndex,
		);
	}
	return code;
}

/** An IANA time zone name (`Europe/Paris`, `UTC`), sent as the runtime spells it. */
export function requireTimeZone(ctx: ValidationContext, label: string, value: unknown): string {
	const text = requireString(ctx, label, value);
	const zone = timeZoneName(text);
	if (zone === undefined) {
		throw invalidParameterError(
			ctx.node,
			label,
			`expected an IANA time zone name such as Europe/Paris or UTC but got ${describe(text)}`,
			ctx.itemIndex,
		);
	}
	return zone;
}

/**
 * A JSON parameter: text typed in the editor is parsed, anything an expression produced
 * (an object, a list) is taken as it is; empty text is `undefined`.
 */
export function parseJsonParameter(ctx: ValidationContext, label: string, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		throw invalidParameterError(ctx.node, label, 'not valid JSON', ctx.itemIndex);
	}
}

/** The item's "Return All" / "Limit" choice: undefined means every result. */
export function limitOf(
	ctx: ValidationContext,
	getParameter: (name: string, fallback: unknown) => unknown,
): number | undefined {
	const returnAll = requireBoolean(ctx, 'Return All', getParameter('returnAll', false));
	return returnAll
		? undefined
		: requireInteger(ctx, 'Limit', getParameter('limit', 50), { min: 1 });
}

/** An Update's collection must change something: `body` is what it would send. */
export function requireChanges(ctx: ValidationContext, label: string, body: object): void {
	if (Object.keys(body).length > 0) return;
	throw invalidParameterError(
		ctx.node,
		label,
		'choose at least one field to change',
		ctx.itemIndex,
	);
}
