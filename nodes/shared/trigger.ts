import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';

import { collection } from './descriptions';
import {
	advance,
	initialState,
	readState,
	writeState,
	type PageBudget,
	type PollState,
	type Stamped,
} from './poll';

/**
 * Options every trigger shows the same way. `paged` is false for lists read whole each poll,
 * where a page budget means nothing.
 */
export function triggerOptions(paged = true): INodeProperties {
	const maxPages: INodeProperties[] = [
		{
			displayName: 'Max Pages per Poll',
			name: 'maxPages',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 10,
			description:
				'Upper bound of list pages one poll emits from. A larger backlog is emitted over the following polls, oldest first, with nothing skipped.',
		},
	];
	return collection('Options', 'options', 'Add Option', [
		...(paged ? maxPages : []),
		{
			displayName: 'Start From (Hours Ago)',
			name: 'backfillHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'On first activation, also emit what happened in this many past hours. 0 = only what happens after activation.',
		},
	]);
}

export interface PollSource<T> {
	/** For "Fetch test event": the newest item, without touching state. */
	newest(): Promise<T | undefined>;
	/** Items that exist now, to start from on first activation (nothing is emitted for them). */
	current(): Promise<Array<Stamped<T>>>;
	/** New items since `state`, oldest first, within the page budget. */
	collect(state: PollState, budget: PageBudget): Promise<Array<Stamped<T>>>;
	/** Output of the emitted items: details, filters, Simplify. May drop items (filters). */
	output(items: T[]): Promise<IDataObject[]>;
}

/**
 * One poll, the same way for every provider:
 * - manual mode ("Fetch test event") returns the newest item and never touches state;
 * - first activation starts from what exists now (or a backfill window) and emits nothing
 *   unless a backfill was asked for;
 * - otherwise new items are emitted oldest first, and the state moves only over what was
 *   emitted, only after everything succeeded: a failed poll changes nothing, a repeated poll
 *   finds nothing to emit twice.
 */
export async function pollOnce<T>(
	this: IPollFunctions,
	source: PollSource<T>,
): Promise<INodeExecutionData[][] | null> {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (this.getMode() === 'manual') {
		const newest = await source.newest();
		const output = newest === undefined ? [] : await source.output([newest]);
		return output.length ? [this.helpers.returnJsonArray(output.slice(0, 1))] : null;
	}

	const saved = this.getWorkflowStaticData('node');
	let state = readState(saved);
	if (!state) {
		const backfillHours = Math.max(0, Number(options.backfillHours) || 0);
		if (backfillHours === 0) {
			// Start from the provider's own newest item, not our clock: no skew can hide a ticket.
			// An empty list starts at the epoch: everything that appears later is new.
			writeState(saved, advance(initialState(0), await source.current()));
			return null;
		}
		state = initialState(Date.now() - backfillHours * 3_600_000);
	}
	const budget: PageBudget = { maxPages: Math.max(1, Math.floor(Number(options.maxPages) || 10)) };
	const emitted = await source.collect(state, budget);
	const output = emitted.length ? await source.output(emitted.map((entry) => entry.item)) : [];
	writeState(saved, advance(state, emitted));
	return output.length ? [this.helpers.returnJsonArray(output)] : null;
}
