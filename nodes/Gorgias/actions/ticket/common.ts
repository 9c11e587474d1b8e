import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { locatorValue } from '../../../shared/locator';
import {
	itemContext,
	parseJsonParameter,
	requireBoolean,
	requireEmail,
	requireInteger,
	toList,
	type ValidationContext,
} from '../../../shared/validation';
import { gorgiasPage, gorgiasRequest } from '../../transport';

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
		itemContext(context, itemIndex),
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
	return requireGorgiasId(itemContext(context, itemIndex), label, raw);
}

/** A user as a locator gives it: by id, or by the email they log in with. */
export type UserChoice = { id: number } | { email: string };

/**
 * An optional user locator (empty = not given). The By Email mode, or an email from an
 * expression, names the user by address; anything else is an id, as before that mode existed.
 */
export function optionalUser(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): UserChoice | undefined {
	const raw = locatorValue(value);
	if (raw === undefined || raw === null || raw === '') return undefined;
	const ctx = itemContext(context, itemIndex);
	const mode =
		value !== null && typeof value === 'object' ? (value as IDataObject).mode : undefined;
	const byEmail =
		mode === undefined ? typeof raw === 'string' && raw.includes('@') : mode === 'email';
	return byEmail
		? { email: requireEmail(ctx, label, raw) }
		: { id: requireGorgiasId(ctx, label, raw) };
}

/** The user's id; a user given by email is looked up (Gorgias' user list filters by email). */
export async function userIdOf(
	context: IExecuteFunctions,
	itemIndex: number,
	user: UserChoice,
): Promise<number> {
	if ('id' in user) return user.id;
	const page = await gorgiasPage.call(
		context,
		'/users',
		{ email: user.email, limit: 1 },
		undefined,
		itemIndex,
	);
	const id = Number(page.items[0]?.id);
	if (!Number.isInteger(id) || id < 1) {
		throw new NodeOperationError(context.getNode(), `No Gorgias user has the email ${user.email}`, {
			itemIndex,
			description: 'Check the address, or pick the user from the list',
		});
	}
	return id;
}

/** A ticket body whose assignee was given by email, with the user's id (Gorgias takes ids). */
export async function withAssigneeId(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
): Promise<IDataObject> {
	const user = body.assignee_user as UserChoice | null | undefined;
	if (!user || 'id' in user) return body;
	return { ...body, assignee_user: { id: await userIdOf(context, itemIndex, user) } };
}

/** Ticket ids of one item: the locator may hold one id or, from an expression, several. */
export function ticketIds(context: IExecuteFunctions, itemIndex: number): number[] {
	const ctx = itemContext(context, itemIndex);
	const raw = locatorParameter(context, itemIndex, 'ticketId');
	const values = typeof raw === 'number' ? [raw] : toList(ctx, 'Ticket', raw);
	if (values.length === 0)
		throw invalidParameterError(ctx.node, 'Ticket', 'a value is required', itemIndex);
	return values.map((value) => requireGorgiasId(ctx, 'Ticket', value));
}

/** Tag names and ids of the tag operations: at least one of the two. */
function tagSelection(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const ctx = itemContext(context, itemIndex);
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

/**
 * Add, Remove and Replace Tags: the ticket and the tags are read and checked, then `send`
 * makes the operation's request. One output item per ticket.
 */
export function changeTags(
	verb: 'added' | 'removed' | 'replaced',
	send: (
		context: IExecuteFunctions,
		ticketId: number,
		tags: IDataObject,
		itemIndex: number,
	) => Promise<unknown>,
) {
	return function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
		const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
		const tags = tagSelection(this, itemIndex);
		return async () => {
			await send(this, ticketId, tags, itemIndex);
			return { ticketId, [verb]: tags };
		};
	};
}

/** Meta arrives as JSON text from the editor or as an object from an expression. */
export function metaObject(
	ctx: ValidationContext,
	label: string,
	value: unknown,
): IDataObject | undefined {
	const parsed = parseJsonParameter(ctx, label, value);
	if (parsed === undefined || parsed === null) return undefined;
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw invalidParameterError(ctx.node, label, 'expected a JSON object', ctx.itemIndex);
	}
	return Object.keys(parsed).length ? (parsed as IDataObject) : undefined;
}

/** Assignment fields shared by Update and Assign: an id, or null to unassign. */
export function assignmentBody(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	labelPrefix: string,
): IDataObject {
	const ctx = itemContext(context, itemIndex);
	const body: IDataObject = {};
	const user = optionalUser(context, itemIndex, fields.assigneeUser, `${labelPrefix}Assignee User`);
	const teamId = optionalId(context, itemIndex, fields.assigneeTeam, `${labelPrefix}Assignee Team`);
	const unassignUser =
		fields.unassignUser !== undefined &&
		requireBoolean(ctx, `${labelPrefix}Unassign User`, fields.unassignUser);
	const unassignTeam =
		fields.unassignTeam !== undefined &&
		requireBoolean(ctx, `${labelPrefix}Unassign Team`, fields.unassignTeam);
	if (user !== undefined && unassignUser) {
		throw invalidParameterError(
			ctx.node,
			`${labelPrefix}Unassign User`,
			'cannot assign and unassign a user at once',
			itemIndex,
		);
	}
	if (teamId !== undefined && unassignTeam) {
		throw invalidParameterError(
			ctx.node,
			`${labelPrefix}Unassign Team`,
			'cannot assign and unassign a team at once',
			itemIndex,
		);
	}
	// A user given by email is looked up by putTicket, when the work runs.
	if (user !== undefined) body.assignee_user = user;
	else if (unassignUser) body.assignee_user = null;
	if (teamId !== undefined) body.assignee_team = { id: teamId };
	else if (unassignTeam) body.assignee_team = null;
	return body;
}

/** PUT /tickets/{id}: the one write endpoint behind update, close, reopen, assign, take over. */
export async function putTicket(
	context: IExecuteFunctions,
	itemIndex: number,
	ticketId: number,
	body: IDataObject,
): Promise<IDataObject> {
	return (await gorgiasRequest.call(context, 'PUT', `/tickets/${ticketId}`, {
		body: await withAssigneeId(context, itemIndex, body),
		itemIndex,
	})) as IDataObject;
}
