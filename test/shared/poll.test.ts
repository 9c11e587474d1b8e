import {
	advance,
	initialState,
	isNewUnordered,
	LATE_ITEM_GRACE_MS,
	newItemsFromDescendingPages,
	readState,
	writeState,
	type PollState,
	type Stamped,
} from '../../nodes/shared/poll';

interface Row {
	id: string;
	time: number;
}

/** A newest-first list with numbered pages, like Zaia's, that tests can add rows to at any time. */
class DescendingList {
	rows: Row[] = [];
	requests = 0;
	onRequest?: (pageNumber: number) => void;
	constructor(readonly pageSize: number) {}
	add(time: number, id = `t${this.rows.length + 1}`) {
		this.addMany([time], id);
	}
	addMany(times: number[], id?: string) {
		for (const time of times) this.rows.push({ id: id ?? `t${this.rows.length + 1}`, time });
		this.rows.sort((a, b) => b.time - a.time || (a.id < b.id ? -1 : 1));
	}
	/** The state of a trigger that has emitted everything in the list so far. */
	caughtUp(): PollState {
		const newest = Math.max(...this.rows.map((row) => row.time));
		return {
			...initialState(newest),
			seenAtWatermark: this.rows.filter((row) => row.time === newest).map((row) => row.id),
		};
	}
	fetch = async (pageNumber: number) => {
		this.requests++;
		this.onRequest?.(pageNumber);
		return this.rows.slice((pageNumber - 1) * this.pageSize, pageNumber * this.pageSize);
	};
}

const stamp = (row: Row): Stamped<Row> => ({ id: row.id, time: row.time, item: row });

async function poll(list: DescendingList, state: PollState, maxPages: number) {
	const window = await newItemsFromDescendingPages(list.fetch, list.pageSize, stamp, state, {
		maxPages,
	});
	return { window, state: advance(state, window.items) };
}

describe('polling a newest-first list with numbered pages', () => {
	it('an idle poll costs one request and emits nothing', async () => {
		const list = new DescendingList(100);
		list.addMany(Array.from({ length: 1000 }, (_, i) => i));
		const { window, state } = await poll(list, list.caughtUp(), 10);
		expect(list.requests).toBe(1);
		expect(window.items).toEqual([]);
		expect(state.watermark).toBe(999);
	});

	it('250 new items on a long list: at most 4 requests, oldest first', async () => {
		const list = new DescendingList(100);
		list.addMany(Array.from({ length: 100_000 }, (_, i) => i));
		const state = list.caughtUp();
		list.addMany(Array.from({ length: 250 }, (_, i) => 100_000 + i));
		const { window } = await poll(list, state, 10);
		expect(list.requests).toBeLessThanOrEqual(4);
		expect(window.items.map((entry) => entry.time)).toEqual(
			Array.from({ length: 250 }, (_, i) => 100_000 + i),
		);
		expect(window.complete).toBe(true);
	});

	it('a backlog larger than the window drains over several polls, nothing lost or repeated', async () => {
		const list = new DescendingList(50);
		list.addMany(Array.from({ length: 300 }, (_, i) => i));
		let state = list.caughtUp();
		list.addMany(Array.from({ length: 2_345 }, (_, i) => 1_000 + i));
		const emitted: number[] = [];
		let polls = 0;
		for (let more = true; more; polls++) {
			const result = await poll(list, state, 3);
			emitted.push(...result.window.items.map((entry) => entry.time));
			state = result.state;
			more = result.window.items.length > 0;
			expect(polls).toBeLessThan(40);
		}
		expect(emitted).toEqual(Array.from({ length: 2_345 }, (_, i) => 1_000 + i));
	});

	it('equal timestamps split across pages and polls are emitted once each', async () => {
		const list = new DescendingList(4);
		list.add(10, 'old');
		let state = initialState(10);
		state = { ...state, seenAtWatermark: ['old'] };
		for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) list.add(20, id);
		const first = await poll(list, state, 1);
		const second = await poll(list, first.state, 1);
		const third = await poll(list, second.state, 1);
		const ids = [...first.window.items, ...second.window.items, ...third.window.items].map(
			(entry) => entry.id,
		);
		expect(ids.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
		expect(third.window.items).toEqual([]);
	});

	it('items arriving while a poll reads pages are not lost', async () => {
		const list = new DescendingList(10);
		list.addMany(Array.from({ length: 50 }, (_, i) => i));
		let state = list.caughtUp();
		list.addMany(Array.from({ length: 35 }, (_, i) => 100 + i));
		let next = 200;
		// three new rows arrive before every request, pushing everything down
		list.onRequest = () => {
			for (let k = 0; k < 3; k++) list.add(next++);
		};
		const emitted: number[] = [];
		for (let pollNumber = 0; pollNumber < 30; pollNumber++) {
			if (pollNumber === 20) list.onRequest = undefined;
			const result = await poll(list, state, 2);
			emitted.push(...result.window.items.map((entry) => entry.time));
			state = result.state;
		}
		const expected = list.rows
			.filter((row) => row.time >= 100)
			.map((row) => row.time)
			.sort((a, b) => a - b);
		expect(emitted).toEqual(expected);
	});

	it('detects a list that is not newest-first and emits nothing from it', async () => {
		const list = new DescendingList(5);
		list.rows = [5, 9, 7, 8, 6].map((time, i) => ({ id: `x${i}`, time }));
		const { window } = await poll(list, initialState(0), 5);
		expect(window.ordered).toBe(false);
		expect(window.items).toEqual([]);
	});
});

describe('poll state', () => {
	it('advances only over what was emitted and remembers ids at the watermark', () => {
		const state = advance(initialState(100), [
			{ id: 'a', time: 150, item: null },
			{ id: 'b', time: 200, item: null },
			{ id: 'c', time: 200, item: null },
		]);
		expect(state.watermark).toBe(200);
		expect(state.seenAtWatermark).toEqual(['b', 'c']);
		const same = advance(state, [{ id: 'd', time: 200, item: null }]);
		expect(same.seenAtWatermark).toEqual(['b', 'c', 'd']);
		expect(advance(state, [])).toBe(state);
	});

	it('unordered lists: late items inside the grace window are new once', () => {
		let state = advance(initialState(0), [{ id: 'a', time: 1_000_000, item: null }]);
		expect(isNewUnordered(state, 'late', 1_000_000 - 1_000)).toBe(true);
		state = advance(state, [{ id: 'late', time: 1_000_000 - 1_000, item: null }]);
		expect(isNewUnordered(state, 'late', 1_000_000 - 1_000)).toBe(false);
		expect(isNewUnordered(state, 'a', 1_000_000)).toBe(false);
		expect(isNewUnordered(state, 'ancient', 1_000_000 - LATE_ITEM_GRACE_MS - 1)).toBe(false);
	});

	it('keeps the finest time of the newest item, and forgets it when an item there has none', () => {
		const state = advance(initialState(100), [
			{ id: 'a', time: 150, item: null, exact: 150_999 },
			{ id: 'b', time: 200, item: null, exact: 200_400 },
			{ id: 'c', time: 200, item: null, exact: 200_100 },
		]);
		// The latest at the watermark's millisecond, whatever order the items came in.
		expect(state.exactWatermark).toBe(200_400);
		expect(advance(state, [{ id: 'd', time: 200, item: null, exact: 200_300 }])).toMatchObject({
			watermark: 200,
			exactWatermark: 200_400,
		});
		expect(advance(state, [{ id: 'e', time: 200, item: null }]).exactWatermark).toBeUndefined();
		expect(advance(state, [{ id: 'f', time: 300, item: null }]).exactWatermark).toBeUndefined();
		expect(
			advance(initialState(100), [{ id: 'g', time: 200, item: null }]).exactWatermark,
		).toBeUndefined();

		const saved: Record<string, unknown> = {};
		writeState(saved as never, state);
		expect(readState(saved as never)).toEqual(state);
		writeState(saved as never, advance(state, [{ id: 'h', time: 300, item: null }]));
		expect(saved).not.toHaveProperty('exactWatermark');
		expect(readState({ watermark: 1, exactWatermark: 'soon' })).not.toHaveProperty(
			'exactWatermark',
		);
	});

	it('round-trips through static data and ignores garbage', () => {
		const saved: Record<string, unknown> = {};
		const state = advance(initialState(5), [{ id: 'x', time: 9, item: null }]);
		writeState(saved as never, state);
		expect(readState(saved as never)).toEqual(state);
		expect(readState({})).toBeUndefined();
		expect(readState({ watermark: 'soon' })).toBeUndefined();
	});
});
