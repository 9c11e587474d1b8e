import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import {
	assumeUtc,
	itemContext,
	parseJsonParameter,
	requireBoolean,
	requireEmail,
	requireIsoDateTime,
	requireString,
	type ValidationContext,
} from '../../../shared/validation';

/** Reads a parameter holding a GuruSup external id (tickets are named by it) and checks it. */
export function idParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	return requireExternalId(
		itemContext(context, itemIndex),
		label,
		context.getNodeParameter(name, itemIndex, ''),
	);
}

/** GuruSup's answer to a ticket request: the ticket, or a plain answer wrapped as an object. */
export function ticketObject(answer: unknown): IDataObject {
	return answer !== null && typeof answer === 'object'
		? (answer as IDataObject)
		: { response: answer as string };
}

/**
 * The agent fields of Assign and Take Over: at least one of ID, email and name, each
 * checked; GuruSup calls the agent's email `agent`.
 */
export function agentBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const ctx = itemContext(context, itemIndex);
	const raw = {
		id: context.getNodeParameter('agentId', itemIndex, '') as unknown,
		email: context.getNodeParameter('agentEmail', itemIndex, '') as unknown,
		name: context.getNodeParameter('agentName', itemIndex, '') as unknown,
	};
	const given = (value: unknown) =>
		!(value === undefined || value === null || (typeof value === 'string' && value.trim() === ''));
	const body: IDataObject = {};
	if (given(raw.id)) body.agent_id = requireString(ctx, 'Agent ID', raw.id);
	if (given(raw.email)) body.agent = requireEmail(ctx, 'Agent Email', raw.email);
	if (given(raw.name)) body.agent_name = requireString(ctx, 'Agent Name', raw.name);
	if (Object.keys(body).length === 0) {
		throw invalidParameterError(
			ctx.node,
			'Agent ID',
			"give the agent's ID, email or name",
			itemIndex,
		);
	}
	return body;
}

/** GuruSup's external ids: "alphanumeric" in the docs, whose own example is `msg_001`. */
export const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;

export interface GuruSupMessage extends IDataObject {
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
): GuruSupMessage[] {
	const ctx = itemContext(context, itemIndex);
	const mode = context.getNodeParameter('messagesInput', itemIndex, 'list') as string;
	let entries: IDataObject[];
	let label: string;
	if (mode === 'json') {
		label = 'Messages (JSON)';
		let raw =
			parseJsonParameter(ctx, label, context.getNodeParameter('messagesJson', itemIndex, [])) ?? [];
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
		const message: GuruSupMessage = {
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
					: assumeUtc(requireIsoDateTime(ctx, `${where} → Received At`, receivedAt)),
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
