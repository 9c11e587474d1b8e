import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { locatorValue } from '../../../shared/locator';
import { itemContext, requireUuid, toList } from '../../../shared/validation';

/** Reads a resource-locator (or plain) parameter holding a Zaia UUID and checks it. */
export function idParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const raw = locatorValue(context.getNodeParameter(name, itemIndex, ''));
	return requireUuid(itemContext(context, itemIndex), label, raw);
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
		const ticketId = idParameter(this, itemIndex, 'ticketId', 'Ticket');
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
