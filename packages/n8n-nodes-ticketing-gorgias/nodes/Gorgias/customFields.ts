import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { invalidParameterError } from '../shared/errors';
import type { RequestContext } from '../shared/transport';
import { requireBoolean, requireInteger, type ValidationContext } from '../shared/validation';
import { simplifyGorgiasTicket } from './simplify';
import { gorgiasListAll, gorgiasRequest, helpdeskOrigin } from './transport';

/**
 * Ticket custom fields: their definitions (label, data type, choices) for the editor, for
 * typing the values a workflow sets, and for Simplify's values by label.
 */

export interface CustomFieldDefinition extends IDataObject {
	id: number;
	label: string;
	definition?: {
		data_type?: string;
		input_settings?: { input_type?: string; choices?: unknown[]; min?: number; max?: number };
	};
}

/** One "Custom Fields" entry as typed in the editor: checked, not yet typed by its definition. */
export interface CustomFieldEntry {
	id: number;
	/** Empty means: clear the field. */
	raw: unknown;
}

export interface CustomFieldValue {
	id: number;
	/** null clears the field. */
	value: unknown;
}

const LABEL = 'Custom Fields';

/** The "Custom Fields" parameter of ticket Create and Update. */
export function customFieldsParameter(description: string): INodeProperties {
	return {
		displayName: LABEL,
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description,
		options: [
			{
				displayName: 'Field',
				name: 'values',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getTicketCustomFields' },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'Text, a number or true/false, as the field expects; a dropdown takes one of its choices (nested levels joined with ::). Empty clears the field.',
					},
				],
			},
		],
	};
}

/** The entries of the parameter, ids checked; values are typed later, by their definitions. */
export function customFieldEntries(ctx: ValidationContext, raw: unknown): CustomFieldEntry[] {
	const list = (raw as { values?: unknown } | undefined)?.values;
	if (list === undefined || list === null) return [];
	if (!Array.isArray(list)) {
		throw invalidParameterError(ctx.node, LABEL, 'expected a list of fields', ctx.itemIndex);
	}
	const seen = new Set<number>();
	return list.map((entry: IDataObject, position) => {
		const label = `${LABEL} → ${position + 1} → Field`;
		const id = requireInteger(
			ctx,
			label,
			typeof entry?.field === 'string' ? entry.field.trim() : entry?.field,
			{ min: 1 },
		);
		if (seen.has(id)) {
			throw invalidParameterError(ctx.node, label, `field ${id} is set twice`, ctx.itemIndex);
		}
		seen.add(id);
		return { id, raw: entry.value };
	});
}

const definitionCache = new WeakMap<object, Promise<CustomFieldDefinition[]>>();

/** The account's active ticket custom fields, read once per execution. */
export async function ticketFieldDefinitions(
	context: RequestContext,
	itemIndex?: number,
): Promise<CustomFieldDefinition[]> {
	let cached = definitionCache.get(context);
	if (!cached) {
		cached = gorgiasListAll.call(
			context,
			'/custom-fields',
			{ object_type: 'Ticket' },
			{ itemIndex },
		) as Promise<CustomFieldDefinition[]>;
		definitionCache.set(context, cached);
		// A failed read is not kept: the next item asks again.
		cached.catch(() => definitionCache.delete(context));
	}
	return await cached;
}

function describeDefinition(field: CustomFieldDefinition): string {
	const type = field.definition?.data_type ?? 'unknown type';
	const choices = field.definition?.input_settings?.choices;
	return Array.isArray(choices) && choices.length > 0
		? `${type}: ${choices.map(String).join(', ')}`
		: type;
}

/** The editor's list: label, with the data type and the choices as the description. */
export function customFieldOptions(fields: CustomFieldDefinition[]): INodePropertyOptions[] {
	return fields
		.map((field) => ({
			name: String(field.label ?? field.id),
			value: String(field.id),
			description: describeDefinition(field),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** A value typed as its definition says, or an error naming the field by its label. */
function typedValue(ctx: ValidationContext, field: CustomFieldDefinition, raw: unknown): unknown {
	const label = `${LABEL} → ${field.label}`;
	const settings = field.definition?.input_settings ?? {};
	switch (field.definition?.data_type) {
		case 'number': {
			const number = typeof raw === 'string' ? Number(raw.trim()) : raw;
			if (typeof number !== 'number' || !Number.isFinite(number)) {
				throw invalidParameterError(ctx.node, label, 'expected a number', ctx.itemIndex);
			}
			if (
				(settings.min !== undefined && number < settings.min) ||
				(settings.max !== undefined && number > settings.max)
			) {
				throw invalidParameterError(
					ctx.node,
					label,
					`expected a number between ${settings.min ?? '-∞'} and ${settings.max ?? '∞'}`,
					ctx.itemIndex,
				);
			}
			return number;
		}
		case 'boolean':
			return requireBoolean(ctx, label, typeof raw === 'string' ? raw.trim().toLowerCase() : raw);
		default:
			// Text and dropdowns (and types this node does not know): the text as given. Whether
			// Gorgias refuses a dropdown value outside its choices is not documented.
			return typeof raw === 'string' ? raw.trim() : String(raw);
	}
}

function isEmpty(raw: unknown): boolean {
	return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/**
 * The entries typed by their definitions; null for an emptied field. Runs before anything is
 * written, so a wrong value stops the item with nothing changed.
 */
export async function typedCustomFields(
	context: RequestContext,
	ctx: ValidationContext,
	entries: CustomFieldEntry[],
): Promise<CustomFieldValue[]> {
	if (entries.length === 0) return [];
	const definitions = new Map(
		(await ticketFieldDefinitions(context, ctx.itemIndex)).map((field) => [
			Number(field.id),
			field,
		]),
	);
	return entries.map(({ id, raw }) => {
		const field = definitions.get(id);
		if (!field) {
			throw invalidParameterError(
				ctx.node,
				LABEL,
				`Gorgias has no active ticket custom field ${id}`,
				ctx.itemIndex,
			);
		}
		return { id, value: isEmpty(raw) ? null : typedValue(ctx, field, raw) };
	});
}

/** The values of `GET /tickets/{id}/custom-fields`, listed bare or in a `data` envelope. */
export function listedValues(body: unknown): CustomFieldValue[] {
	const list = Array.isArray(body)
		? body
		: Array.isArray((body as IDataObject | undefined)?.data)
			? ((body as IDataObject).data as unknown[])
			: [];
	const values: CustomFieldValue[] = [];
	for (const entry of list as IDataObject[]) {
		const id = Number(entry?.id ?? (entry?.field as IDataObject | undefined)?.id);
		if (Number.isInteger(id) && entry.value !== undefined && entry.value !== null) {
			values.push({ id, value: entry.value });
		}
	}
	return values;
}

/**
 * Every value the ticket keeps plus the changes: the replace-all PUT deletes whatever it is
 * not sent, so a write through it sends all the other values unchanged.
 */
export function mergedValues(
	current: CustomFieldValue[],
	changes: CustomFieldValue[],
): CustomFieldValue[] {
	const merged = new Map(current.map((entry) => [entry.id, entry.value]));
	for (const change of changes) {
		if (change.value === null) merged.delete(change.id);
		else merged.set(change.id, change.value);
	}
	return [...merged].map(([id, value]) => ({ id, value }));
}

/**
 * Writes the changed values of one ticket, one request per field: the per-field PUT and
 * DELETE touch that field only, so items that change other fields of the same ticket at the
 * same time keep their values (a read-merge-write of all values would lose one of them).
 * Both requests set a state, so they are safe to repeat after a lost answer.
 */
export async function writeTicketFieldValues(
	context: RequestContext,
	ticketId: number,
	changes: CustomFieldValue[],
	itemIndex: number,
): Promise<void> {
	for (const { id, value } of changes) {
		const path = `/tickets/${ticketId}/custom-fields/${id}`;
		if (value === null) {
			await clearTicketFieldValue(context, ticketId, id, itemIndex);
			continue;
		}
		// The body is the bare JSON value: a string keeps its quotes, which a JSON body object
		// cannot express.
		await gorgiasRequest.call(context, 'PUT', path, {
			rawBody: { data: Buffer.from(JSON.stringify(value)), contentType: 'application/json' },
			itemIndex,
			retrySafe: true,
		});
	}
}

function httpCodeOf(error: unknown): string | undefined {
	return error instanceof NodeApiError ? (error.httpCode ?? undefined) : undefined;
}

/**
 * Clears one value with the per-field DELETE. That endpoint is what Gorgias' own helpdesk
 * calls, but it is not in the public reference: when Gorgias refuses the method (405, 501),
 * the value is cleared through the documented replace-all PUT instead (read, leave the field
 * out, write), which can race with another write to the same ticket. A 404 means there is no
 * value left to clear (a repeated DELETE); a missing ticket fails on the ticket request that
 * follows.
 */
async function clearTicketFieldValue(
	context: RequestContext,
	ticketId: number,
	fieldId: number,
	itemIndex: number,
): Promise<void> {
	const path = `/tickets/${ticketId}/custom-fields`;
	try {
		await gorgiasRequest.call(context, 'DELETE', `${path}/${fieldId}`, {
			itemIndex,
			retrySafe: true,
		});
		return;
	} catch (error) {
		const code = httpCodeOf(error);
		if (code === '404') return;
		// The transport fails with n8n's own errors only: passed on as they are.
		if (code !== '405' && code !== '501') throw error as NodeApiError;
	}
	const current = listedValues(await gorgiasRequest.call(context, 'GET', path, { itemIndex }));
	if (!current.some((entry) => entry.id === fieldId)) return;
	await gorgiasRequest.call(context, 'PUT', path, {
		body: mergedValues(current, [{ id: fieldId, value: null }]) as unknown as IDataObject[],
		itemIndex,
		retrySafe: true,
	});
}

/** The ticket's custom-field values by label (by id when the field is unknown or archived). */
function valuesByLabel(ticket: IDataObject, labels: Map<number, string>): IDataObject {
	const raw = ticket.custom_fields;
	const entries: unknown[] = Array.isArray(raw)
		? raw
		: raw !== null && typeof raw === 'object'
			? Object.values(raw)
			: [];
	const byLabel: IDataObject = {};
	for (const entry of entries as IDataObject[]) {
		const id = Number(entry?.id);
		if (!Number.isInteger(id) || entry.value === undefined || entry.value === null) continue;
		byLabel[labels.get(id) ?? String(id)] = entry.value as IDataObject[keyof IDataObject];
	}
	return byLabel;
}

function hasCustomFields(ticket: IDataObject): boolean {
	const raw = ticket.custom_fields;
	return raw !== null && typeof raw === 'object' && Object.keys(raw).length > 0;
}

/**
 * Tickets in the shared shape, with their custom-field values by label. Definitions are read
 * only when a ticket has custom fields; when they cannot be read, values are keyed by id.
 */
export async function simplifyTickets(
	context: RequestContext,
	tickets: IDataObject[],
): Promise<IDataObject[]> {
	const base = await helpdeskOrigin(context);
	let labels = new Map<number, string>();
	if (tickets.some(hasCustomFields)) {
		try {
			labels = new Map(
				(await ticketFieldDefinitions(context)).map((field) => [
					Number(field.id),
					String(field.label),
				]),
			);
		} catch {
			// Labels are a convenience: the ticket itself is what the user asked for.
		}
	}
	return tickets.map((ticket) => {
		const { raw, ...shared } = simplifyGorgiasTicket(ticket, base);
		return { ...shared, customFields: valuesByLabel(ticket, labels), raw } as IDataObject;
	});
}
