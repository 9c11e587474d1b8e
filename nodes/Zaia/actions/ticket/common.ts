import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/execute';
import { locatorValue } from '../../../shared/locator';
import { itemContext, requireUuid, toList } from '../../../shared/validation';
import { zaiaListAll } from '../../transport';

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
 * The tags picked in the "Tags" list. Each entry is one tag, picked from the list, by ID or by
 * name; an expression in an entry may also return several (an array or comma-separated text),
 * e.g. from an earlier step. IDs are checked here; names are looked up when the item runs.
 */
function tagsParameter(
	context: IExecuteFunctions,
	itemIndex: number,
): { ids: string[]; names: string[] } {
	const check = itemContext(context, itemIndex);
	const entries = context.getNodeParameter('tags.tag', itemIndex, []) as IDataObject[];
	const ids: string[] = [];
	const names: string[] = [];
	for (const entry of Array.isArray(entries) ? entries : []) {
		const byName = isByName(entry.tagId);
		for (const value of toList(check, 'Tags', locatorValue(entry.tagId))) {
			if (byName) {
				if (!names.includes(value)) names.push(value);
				continue;
			}
			const tagId = requireUuid(check, 'Tags', value);
			if (!ids.includes(tagId)) ids.push(tagId);
		}
	}
	if (ids.length === 0 && names.length === 0) {
		throw invalidParameterError(check.node, 'Tags', 'add at least one tag', itemIndex);
	}
	return { ids, names };
}

function isByName(value: unknown): boolean {
	return value !== null && typeof value === 'object' && (value as IDataObject).mode === 'name';
}

/** The IDs of tags given by name (exact, any case), from Zaia's tag list. */
async function tagIdsByName(
	context: IExecuteFunctions,
	itemIndex: number,
	names: string[],
): Promise<string[]> {
	if (names.length === 0) return [];
	const tags = await zaiaListAll.call(context, '/tags', {}, { itemIndex });
	return names.map((name) => {
		const wanted = name.trim().toLowerCase();
		const found = tags.filter(
			(tag) =>
				String(tag.name ?? '')
					.trim()
					.toLowerCase() === wanted,
		);
		if (found.length !== 1) {
			throw invalidParameterError(
				context.getNode(),
				'Tags',
				found.length === 0
					? `no Zaia tag is named "${name}"`
					: `${found.length} Zaia tags are named "${name}": pick one from the list or by ID`,
				itemIndex,
			);
		}
		return String(found[0].id);
	});
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
		const tags = tagsParameter(this, itemIndex);
		return async () => {
			const tagIds = [...tags.ids];
			for (const id of await tagIdsByName(this, itemIndex, tags.names)) {
				if (!tagIds.includes(id)) tagIds.push(id);
			}
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
