import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { invalidParameterError } from '../../../shared/errors';
import { locatorValue } from '../../../shared/locator';
import { requireUuid, toList, type ValidationContext } from '../../../shared/validation';
import { simplifyZaiaTicket } from '../../simplify';

export function validationContext(
	context: IExecuteFunctions,
	itemIndex: number,
): ValidationContext {
	return { node: context.getNode(), itemIndex };
}

/** Reads a resource-locator (or plain) parameter holding a Zaia UUID and checks it. */
export function uuidParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const raw = locatorValue(context.getNodeParameter(name, itemIndex, ''));
	return requireUuid(validationContext(context, itemIndex), label, raw);
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
 * n8n for the parameter 50,000 times (each call allocates, see BENCHMARKS.md, scenario 5).
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
 * The tags picked in the "Tags" list. Each entry is one tag; an expression in an entry may
 * also return several IDs (an array or comma-separated text), e.g. from an earlier step.
 */
export function tagIdsParameter(context: IExecuteFunctions, itemIndex: number): string[] {
	const check = validationContext(context, itemIndex);
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

/** When tag N of several fails, say which ones were already applied before it. */
export function withTagProgress(error: unknown, done: string[], verb: string): unknown {
	if (done.length === 0 || !(error instanceof NodeApiError)) return error;
	const progress = `Already ${verb} before this failure: ${done.join(', ')}.`;
	error.description = error.description ? `${error.description} ${progress}` : progress;
	return error;
}
