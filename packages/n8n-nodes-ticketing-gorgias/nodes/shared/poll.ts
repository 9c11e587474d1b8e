import type { IDataObject } from 'n8n-workflow';

import { assumeUtc } from './validation';

/**
 * Exactly-once polling: which items are new, and the state that remembers what was emitted.
 *
 * State (kept in the node's static data, replaced only after a successful poll):
 * - `watermark`: the newest item time emitted (ms since epoch);
 * - `seenAtWatermark`: ids emitted at exactly that time, so equal timestamps split across two
 *   polls are neither lost nor repeated;
 * - `recent`: for lists whose order is not guaranteed, a bounded memory of ids emitted within a
 *   grace window below the watermark, so an item that shows up late is still emitted once;
 * - `exactWatermark` (optional): the newest item time in the provider's own, finer unit, for a
 *   source that starts its read there instead of at the millisecond. Only the read's lower
 *   bound uses it; what counts as new is still decided in milliseconds;
 * - `seenIds` (optional): for a source that reads its whole list each poll, a compact memory of
 *   every id seen (`idMemory.ts`); there an item is new when its id is not in it, whatever its
 *   time, and `recent` is not needed.
 */
export interface PollState {
	watermark: number;
	seenAtWatermark: string[];
	recent: Array<[id: string, time: number]>;
	exactWatermark?: number;
	seenIds?: string;
}

export interface Stamped<T> {
	id: string;
	time: number;
	item: T;
	/** The time in the provider's finer unit (Gorgias: microseconds), when the source has one. */
	exact?: number;
}

/** How far below the watermark an unordered list is re-checked for late items. */
export const LATE_ITEM_GRACE_MS = 10 * 60 * 1000;
/** Upper bound of remembered ids; older ones are forgotten first. */
export const MAX_REMEMBERED_IDS = 5_000;

export function initialState(startFrom: number): PollState {
	return { watermark: startFrom, seenAtWatermark: [], recent: [] };
}

/** Reads the saved state, or undefined on first activation (or unreadable state). */
export function readState(saved: IDataObject): PollState | undefined {
	const watermark = Number(saved.watermark);
	if (!Number.isFinite(watermark)) return undefined;
	return {
		watermark,
		seenAtWatermark: Array.isArray(saved.seenAtWatermark) ? saved.seenAtWatermark.map(String) : [],
		recent: Array.isArray(saved.recent)
			? (saved.recent as unknown[])
					.filter((entry): entry is [string, number] => Array.isArray(entry) && entry.length === 2)
					.map(([id, time]) => [String(id), Number(time)])
			: [],
		...(typeof saved.exactWatermark === 'number' && Number.isFinite(saved.exactWatermark)
			? { exactWatermark: saved.exactWatermark }
			: {}),
		...(typeof saved.seenIds === 'string' ? { seenIds: saved.seenIds } : {}),
	};
}

/** Writes `state` into the static data object in place (n8n persists that object). */
export function writeState(saved: IDataObject, state: PollState): void {
	saved.watermark = state.watermark;
	saved.seenAtWatermark = state.seenAtWatermark;
	saved.recent = state.recent;
	if (state.exactWatermark === undefined) delete saved.exactWatermark;
	else saved.exactWatermark = state.exactWatermark;
	if (state.seenIds === undefined) delete saved.seenIds;
	else saved.seenIds = state.seenIds;
}

/** Provider times as milliseconds; a timestamp without an offset is UTC. */
export function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const time = Date.parse(assumeUtc(value));
	return Number.isNaN(time) ? undefined : time;
}

/** Strictly after the watermark, or at it without having been emitted. */
export function isNewOrdered(state: PollState, id: string, time: number): boolean {
	if (time > state.watermark) return true;
	return time === state.watermark && !state.seenAtWatermark.includes(id);
}

/** For unordered lists: inside the grace window and not remembered. */
export function isNewUnordered(state: PollState, id: string, time: number): boolean {
	if (time < state.watermark - LATE_ITEM_GRACE_MS) return false;
	if (time === state.watermark && state.seenAtWatermark.includes(id)) return false;
	return !state.recent.some(([known]) => known === id);
}

export function oldestFirst<T>(items: Array<Stamped<T>>): Array<Stamped<T>> {
	return [...items].sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Dedupes by id, keeping the first occurrence (pages can overlap when lists shift). */
export function uniqueById<T>(items: Array<Stamped<T>>): Array<Stamped<T>> {
	const seen = new Set<string>();
	return items.filter((entry) => (seen.has(entry.id) ? false : (seen.add(entry.id), true)));
}

/** The state after emitting `emitted` (oldest first): nothing else changes it. */
export function advance<T>(state: PollState, emitted: Array<Stamped<T>>): PollState {
	if (emitted.length === 0) return state;
	const newest = Math.max(state.watermark, ...emitted.map((entry) => entry.time));
	const atNewest = emitted.filter((entry) => entry.time === newest).map((entry) => entry.id);
	const seenAtWatermark =
		newest === state.watermark ? [...state.seenAtWatermark, ...atNewest] : atNewest;
	const floor = newest - LATE_ITEM_GRACE_MS;
	const recent = [
		...state.recent,
		...emitted.map((entry): [string, number] => [entry.id, entry.time]),
	]
		.filter(([, time]) => time >= floor)
		.slice(-MAX_REMEMBERED_IDS);
	const exactWatermark = newestExact(state, newest, emitted);
	return {
		watermark: newest,
		seenAtWatermark: [...new Set(seenAtWatermark)],
		recent,
		...(exactWatermark === undefined ? {} : { exactWatermark }),
		// The id memory is the caller's to update (it needs the whole list read): kept as it is.
		...(state.seenIds === undefined ? {} : { seenIds: state.seenIds }),
	};
}

/**
 * The finest known time of the newest item: the latest of the items at the new watermark's
 * millisecond (and of the old state's, if it is the same millisecond). Unknown as soon as one
 * of those items has no finer time, so a read never starts above an item it has not seen.
 */
function newestExact<T>(
	state: PollState,
	newest: number,
	emitted: Array<Stamped<T>>,
): number | undefined {
	const atNewest = emitted.filter((entry) => entry.time === newest);
	const kept = newest === state.watermark ? state.exactWatermark : undefined;
	if (atNewest.length === 0) return kept;
	const exacts = atNewest.map((entry) => entry.exact);
	if (exacts.some((exact) => exact === undefined)) return undefined;
	return Math.max(...(exacts as number[]), ...(kept === undefined ? [] : [kept]));
}

export interface PageBudget {
	/** Most pages of new items one poll emits from one list (the window). */
	maxPages: number;
}

/** Probes allowed to find the boundary beyond the window: enough to bisect 2^20 pages. */
const EXTRA_PROBES = 44;

export interface DescendingWindow<T> {
	/** New items of the window (oldest first). */
	items: Array<Stamped<T>>;
	/** True when the whole list above the watermark was read; false when a backlog remains. */
	complete: boolean;
	/** False when a page turned out not to be newest-first: the caller must not rely on order. */
	ordered: boolean;
	/** Requests made. */
	pagesRead: number;
}

/**
 * New items of a newest-first list with numbered pages (Zaia), oldest first and within a
 * page budget, without losing anything when the backlog is larger than the budget:
 * 1. find the boundary page, the first page that reaches the already-emitted region (or the
 *    end of the list), by reading forward and then galloping and bisecting;
 * 2. read the window of at most `maxPages` pages ending at the boundary, in ascending page
 *    order (arrivals push items down into pages not read yet, never into ones already read);
 * 3. the window's new items are the oldest new items; newer ones wait for the next poll.
 */
export async function newItemsFromDescendingPages<T>(
	fetchPage: (pageNumber: number) => Promise<T[]>,
	pageSize: number,
	stamp: (item: T) => Stamped<T> | undefined,
	state: PollState,
	budget: PageBudget,
): Promise<DescendingWindow<T>> {
	const pages = new Map<number, { stamped: Array<Stamped<T>>; length: number; sequence: number }>();
	let sequence = 0;
	let pagesRead = 0;
	let ordered = true;
	const read = async (pageNumber: number) => {
		const raw = await fetchPage(pageNumber);
		pagesRead++;
		const stamped = raw.map(stamp).filter((entry): entry is Stamped<T> => entry !== undefined);
		for (let index = 1; index < stamped.length; index++) {
			if (stamped[index].time > stamped[index - 1].time) ordered = false;
		}
		const page = { stamped, length: raw.length, sequence: ++sequence };
		pages.set(pageNumber, page);
		return page;
	};
	const reachesOld = (page: { stamped: Array<Stamped<T>>; length: number }) =>
		page.length < pageSize ||
		page.stamped.some((entry) => !isNewOrdered(state, entry.id, entry.time));
	// A hard stop, so a provider that never shows an end cannot keep a poll running.
	const outOfBudget = () => pagesRead >= budget.maxPages * 2 + EXTRA_PROBES;

	// 1. Boundary: forward while affordable, then gallop and bisect.
	let lastNew = 0;
	let boundary: number | undefined;
	for (let pageNumber = 1; boundary === undefined; ) {
		const page = pages.get(pageNumber) ?? (await read(pageNumber));
		if (!ordered) return { items: [], complete: false, ordered, pagesRead };
		if (reachesOld(page)) boundary = pageNumber;
		else {
			lastNew = pageNumber;
			pageNumber = pageNumber < budget.maxPages ? pageNumber + 1 : pageNumber * 2;
		}
		if (boundary === undefined && outOfBudget())
			return { items: [], complete: false, ordered, pagesRead };
	}
	while (boundary - lastNew > 1) {
		const middle = Math.floor((lastNew + boundary) / 2);
		const page = pages.get(middle) ?? (await read(middle));
		if (!ordered) return { items: [], complete: false, ordered, pagesRead };
		if (reachesOld(page)) boundary = middle;
		else lastNew = middle;
		if (outOfBudget()) return { items: [], complete: false, ordered, pagesRead };
	}

	// 2. The window: the last `maxPages` pages holding new items, up to the boundary, read in
	// ascending order; a page is reused only if it was read after the page before it.
	const boundaryPage = pages.get(boundary);
	const boundaryHasNew = !!boundaryPage?.stamped.some((entry) =>
		isNewOrdered(state, entry.id, entry.time),
	);
	const lastWithNew = boundaryHasNew ? boundary : Math.max(1, boundary - 1);
	const first = Math.max(1, lastWithNew - budget.maxPages + 1);
	const collected: Array<Stamped<T>> = [];
	let previousSequence = 0;
	for (let pageNumber = first; ; pageNumber++) {
		let page = pages.get(pageNumber);
		if (!page || page.sequence < previousSequence) page = await read(pageNumber);
		previousSequence = page.sequence;
		collected.push(...page.stamped);
		// Arrivals may have pushed new items past the boundary: go on until old items show.
		if (pageNumber >= boundary && reachesOld(page)) break;
		if (pagesRead > budget.maxPages * 3 + EXTRA_PROBES) {
			return { items: [], complete: false, ordered, pagesRead };
		}
	}
	if (!ordered) return { items: [], complete: false, ordered, pagesRead };
	const items = oldestFirst(
		uniqueById(collected).filter((entry) => isNewOrdered(state, entry.id, entry.time)),
	);
	return { items, complete: first === 1, ordered, pagesRead };
}

/**
 * Merges the windows of several newest-first lists that share one watermark (e.g. Zaia's
 * one list per status). A list with a backlog left caps what may be emitted now: nothing
 * newer than its window's newest item, or that list's remaining older items would end up
 * below the watermark and be lost.
 */
export function mergeWindows<T>(windows: Array<DescendingWindow<T>>): Array<Stamped<T>> {
	let cut = Number.POSITIVE_INFINITY;
	for (const window of windows) {
		if (!window.complete && window.items.length) {
			cut = Math.min(cut, window.items[window.items.length - 1].time);
		}
	}
	const merged = windows.flatMap((window) => window.items).filter((entry) => entry.time <= cut);
	return oldestFirst(uniqueById(merged));
}
