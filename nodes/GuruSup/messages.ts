import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import { invalidParameterError } from '../shared/errors';
import {
	requireBoolean,
	requireIsoDateTime,
	requireString,
	type ValidationContext,
} from '../shared/validation';

/** GuruSup's external ids: "alphanumeric" in the docs, whose own example is `msg_001`. */
export const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;

export interface GurusupMessage extends IDataObject {
	external_id: string;
	body: string;
	is_agent: boolean;
	received_at: string;
}

export function requireExternalId(ctx: ValidationContext, label: string, value: unknown): string {
	const text = requireString(ctx, label, value);
	if (!EXTERNAL_ID.test(text)) {
		throw invalidParameterError(
			ctx.node,
			label,
			`only letters, digits, "_" and "-" are allowed, got "${text.slice(0, 80)}"`,
			ctx.itemIndex,
		);
	}
	return text;
}

/**
 * A message id for messages the user left without one: letters and digits only (the safest
 * reading of "alphanumeric"), time-ordered, and unique even within one millisecond.
 */
export function generateMessageId(sequence: number): string {
	return `msg${Date.now().toString(36)}${sequence.toString(36)}${randomString(8)}`;
}

/** A date-time without offset (as the editor's date picker gives) is taken as UTC. */
function withZone(dateTime: string): string {
	return /(Z|[+-]\d{2}:?\d{2})$/i.test(dateTime) ? dateTime : `${dateTime}Z`;
}

function field(entry: IDataObject, ...names: string[]): unknown {
	for (const name of names) if (entry[name] !== undefined && entry[name] !== '') return entry[name];
	return undefined;
}

/**
 * Messages as GuruSup wants them, from either input style: the list built in the editor or an
 * array (or JSON text of one) produced by an expression. Ids and timestamps left empty are
 * generated here, once, so a retried request carries the same ids and nothing is doubled.
 */
export function readMessages(
	context: IExecuteFunctions,
	itemIndex: number,
	options: { required: boolean },
): GurusupMessage[] {
	const ctx = { node: context.getNode(), itemIndex };
	const mode = context.getNodeParameter('messagesInput', itemIndex, 'list') as string;
	let entries: IDataObject[];
	let label: string;
	if (mode === 'json') {
		label = 'Messages (JSON)';
		let raw = context.getNodeParameter('messagesJson', itemIndex, []) as unknown;
		if (typeof raw === 'string') {
			try {
				raw = raw.trim() === '' ? [] : (JSON.parse(raw) as unknown);
			} catch {
				throw invalidParameterError(ctx.node, label, 'not valid JSON', itemIndex);
			}
		}
		if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) raw = [raw];
		if (
			!Array.isArray(raw) ||
			raw.some((entry) => !entry || typeof entry !== 'object' || Array.isArray(entry))
		) {
			throw invalidParameterError(ctx.node, label, 'expected a list of message objects', itemIndex);
		}
		entries = raw as IDataObject[];
	} else {
		label = 'Messages';
		entries = context.getNodeParameter('messages.message', itemIndex, []) as IDataObject[];
	}
	if (options.required && entries.length === 0) {
		throw invalidParameterError(ctx.node, label, 'add at least one message', itemIndex);
	}

	const now = new Date().toISOString();
	const seen = new Set<string>();
	return entries.map((entry, index) => {
		const where = `${label} → message ${index + 1}`;
		const externalId = field(entry, 'external_id', 'externalId');
		const receivedAt = field(entry, 'received_at', 'receivedAt');
		const message: GurusupMessage = {
			external_id:
				externalId === undefined
					? generateMessageId(index)
					: requireExternalId(ctx, `${where} → External ID`, externalId),
			body: requireString(ctx, `${where} → Body`, field(entry, 'body')),
			is_agent: requireBoolean(
				ctx,
				`${where} → Sent by Agent`,
				field(entry, 'is_agent', 'isAgent') ?? false,
			),
			received_at:
				receivedAt === undefined
					? now
					: withZone(requireIsoDateTime(ctx, `${where} → Received At`, receivedAt)),
		};
		if (seen.has(message.external_id)) {
			throw invalidParameterError(
				ctx.node,
				`${where} → External ID`,
				`"${message.external_id}" is used twice`,
				itemIndex,
			);
		}
		seen.add(message.external_id);
		return message;
	});
}
