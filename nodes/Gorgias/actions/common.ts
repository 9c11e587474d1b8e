import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidParameterError } from '../../shared/errors';
import { locatorValue } from '../../shared/locator';
import { providerCredentials } from '../../shared/transport';
import { requireInteger, toList, type ValidationContext } from '../../shared/validation';
import { simplifyGorgiasTicket } from '../simplify';
import { authenticationOf, gorgiasRequest, origin, provider } from '../transport';

export function check(context: IExecuteFunctions, itemIndex: number): ValidationContext {
	return { node: context.getNode(), itemIndex };
}

/** A locator's value, with the id taken out of a pasted URL by the mode's own pattern. */
function locatorParameter(context: IExecuteFunctions, itemIndex: number, name: string): unknown {
	return locatorValue(context.getNodeParameter(name, itemIndex, '', { extractValue: true }));
}

/** A Gorgias id (positive integer) from a resource locator, a number or numeric text. */
export function requireGorgiasId(ctx: ValidationContext, label: string, value: unknown): number {
	return requireInteger(ctx, label, typeof value === 'string' ? value.trim() : value, { min: 1 });
}

export function idParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): number {
	return requireGorgiasId(
		check(context, itemIndex),
		label,
		locatorParameter(context, itemIndex, name),
	);
}

/** An optional id (empty locator = not given). */
export function optionalId(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): number | undefined {
	const raw = locatorValue(value);
	if (raw === undefined || raw === null || raw === '') return undefined;
	return requireGorgiasId(check(context, itemIndex), label, raw);
}

/** Ticket ids of one item: the locator may hold one id or, from an expression, several. */
export function ticketIds(context: IExecuteFunctions, itemIndex: number): number[] {
	const ctx = check(context, itemIndex);
	const raw = locatorParameter(context, itemIndex, 'ticketId');
	const values = typeof raw === 'number' ? [raw] : toList(ctx, 'Ticket', raw);
	if (values.length === 0)
		throw invalidParameterError(ctx.node, 'Ticket', 'a value is required', itemIndex);
	return values.map((value) => requireGorgiasId(ctx, 'Ticket', value));
}

/** The ticket as Gorgias returned it, or the shared shape (with its helpdesk URL). */
export async function ticketOutput(
	context: IExecuteFunctions,
	itemIndex: number,
	ticket: IDataObject,
): Promise<IDataObject> {
	return (await ticketOutputs(context, itemIndex, [ticket]))[0];
}

/** Several tickets of one item, Simplify and the helpdesk URL read once for all of them. */
export async function ticketOutputs(
	context: IExecuteFunctions,
	itemIndex: number,
	tickets: IDataObject[],
): Promise<IDataObject[]> {
	if (!(context.getNodeParameter('simplify', itemIndex, false) as boolean)) return tickets;
	const credentials = await providerCredentials(context, provider(authenticationOf(context)));
	const base = origin(credentials);
	return tickets.map((ticket) => simplifyGorgiasTicket(ticket, base) as IDataObject);
}

/** Tag names and ids of the tag operations: at least one of the two. */
export function tagSelection(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const ctx = check(context, itemIndex);
	const names = toList(ctx, 'Tag Names', context.getNodeParameter('tagNames', itemIndex, ''));
	const ids = toList(
		ctx,
		'Tag Names or IDs',
		context.getNodeParameter('tagIds', itemIndex, []),
	).map((id) => requireGorgiasId(ctx, 'Tag Names or IDs', id));
	if (names.length === 0 && ids.length === 0) {
		throw invalidParameterError(
			ctx.node,
			'Tag Names',
			'give at least one tag name or pick a tag',
			itemIndex,
		);
	}
	return { ...(ids.length ? { ids } : {}), ...(names.length ? { names } : {}) };
}

/** PUT /tickets/{id}: the one write endpoint behind update, close, reopen, assign, take over. */
export async function putTicket(
	context: IExecuteFunctions,
	itemIndex: number,
	ticketId: number,
	body: IDataObject,
): Promise<IDataObject> {
	const ticket = await gorgiasRequest.call(context, 'PUT', `/tickets/${ticketId}`, {
		body,
		itemIndex,
	});
	return await ticketOutput(context, itemIndex, ticket as IDataObject);
}
