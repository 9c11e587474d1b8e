import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { locatorValue } from '../../../shared/locator';
import { itemContext, requireUuid, toList } from '../../../shared/validation';
import { simplifyZaiaTicket } from '../../simplify';
import { zaiaRequest } from '../../transport';

/** Reads a resource-locator (or plain) parameter holding a Zaia UUID and checks it. */
export function uuidParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const raw = locatorValue(context.getNodeParameter(name, itemIndex, ''));
	return requireUuid(itemContext(context, itemIndex), label, raw);
}

/** The ticket as Zaia returned it, or in the pack's shared shape when Simplify is on. */
export function ticketOutput(
	context: IExecuteFunctions,
	itemIndex: number,
	ticket: IDataObject,
): IDataObject {
	return ticketOutputs(context, itemIndex, [ticket])[0];
}

/**
 * Several tickets of one item, Simplify read once: a Get Many of 50,000 tickets must not ask
 * n8n for the parameter 50,000 times (each call allocates).
 */
export function ticketOutputs(
	context: IExecuteFunctions,
	itemIndex: number,
	tickets: IDataObject[],
): IDataObject[] {
	const simplify = context.getNodeParameter('simplify', itemIndex, false) as boolean;
	return simplify ? tickets.map((ticket) => simplifyZaiaTicket(ticket) as IDataObject) : tickets;
}

/**
 * Assign and Take Over: the same body on two endpoints. Zaia's take-over also moves the
 * ticket's stage, which is why it is its own endpoint and operation.
 */
export function changeAssignee(endpoint: 'assignee' | 'takeover') {
	return function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
		const ticketId = uuidParameter(this, itemIndex, 'ticketId', 'Ticket');
		const assigneeId = uuidParameter(this, itemIndex, 'assigneeId', 'Assignee');
		return async () => {
			const ticket = await zaiaRequest.call(this, 'PATCH', `/tickets/${ticketId}/${endpoint}`, {
				body: { assigneeId },
				itemIndex,
			});
			return ticketOutput(this, itemIndex, ticket as IDataObject);
		};
	};
}

/**
 * The tags picked in the "Tags" list. Each entry is one tag; an expression in an entry may
 * also return several IDs (an array or comma-separated text), e.g. from an earlier step.
 */
function tagIdsParameter(context: IExecuteFunctions, itemIndex: number): string[] {
	const check = itemContext(context, itemIndex);
	const entries = context.getNodeParameter('tags.tag', itemIndex, []) as IDataObject[];
	const ids: string[] = [];
	for (const entry of Array.isArray(entries) ? entries : []) {
		for (const id of toList(check, 'Tags', locatorValue(entry.tagId))) {
			const tagId = requireUuid(check, 'Tags', id);
			if (!ids.includes(tagId)) ids.push(tagId);
		}
	}
	if (ids.length === 0) {
		throw invalidParameterError(check.node, 'Tags', 'add at least one tag', itemIndex);
	}
	return ids;
}

/**
 * Add Tags and Remove Tags: Zaia takes one tag per call, so the tags go one after another
 * and a failure says which ones were already applied. One output item per ticket.
 */
export function changeTags(
	verb: 'added' | 'removed',
	send: (
		context: IExecuteFunctions,
		ticketId: string,
		tagId: string,
		itemIndex: number,
	) => Promise<IDataObject>,
) {
	return function prepare(this: IExecuteFunctions, itemIndex: number): () => Promise<ItemResult> {
		const ticketId = uuidParameter(this, itemIndex, 'ticketId', 'Ticket');
		const tagIds = tagIdsParameter(this, itemIndex);
		return async () => {
			const done: IDataObject[] = [];
			for (const tagId of tagIds) {
				try {
					done.push(await send(this, ticketId, tagId, itemIndex));
				} catch (error) {
					throw withTagProgress(
						error,
						done.map((entry) => String(entry.tagId)),
						verb,
					);
				}
			}
			return { ticketId, [verb]: done };
		};
	};
}

/** When tag N of several fails, say which ones were already applied before it. */
function withTagProgress(error: unknown, done: string[], verb: string): unknown {
	if (done.length === 0 || !(error instanceof NodeApiError)) return error;
	const progress = `Already ${verb} before this failure: ${done.join(', ')}.`;
	error.description = error.description ? `${error.description} ${progress}` : progress;
	return error;
}
