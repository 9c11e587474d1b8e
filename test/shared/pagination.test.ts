import {
	collectByCursor,
	collectByPageNumber,
	collectSinglePage,
	pageSizeFor,
	PaginationError,
} from '../../nodes/shared/pagination';

const range = (from: number, to: number) =>
	Array.from({ length: to - from }, (_, i) => ({ id: from + i }));

describe('page-number pagination', () => {
	it('walks pages until a short page and asks for each page once', async () => {
		const asked: Array<[number, number]> = [];
		const all = range(0, 250);
		const items = await collectByPageNumber(async (page, size) => {
			asked.push([page, size]);
			return all.slice((page - 1) * size, page * size);
		}, 100);
		expect(items).toHaveLength(250);
		expect(asked).toEqual([
			[1, 100],
			[2, 100],
			[3, 100],
		]);
	});

	it('asks one page more when the total is a multiple of the page size', async () => {
		const asked: number[] = [];
		const all = range(0, 200);
		const items = await collectByPageNumber(async (page, size) => {
			asked.push(page);
			return all.slice((page - 1) * size, page * size);
		}, 100);
		expect(items).toHaveLength(200);
		expect(asked).toEqual([1, 2, 3]);
	});

	it('stops as soon as the limit is reached', async () => {
		const asked: number[] = [];
		const items = await collectByPageNumber(
			async (page, size) => {
				asked.push(page);
				return range((page - 1) * size, page * size);
			},
			10,
			{ limit: 25 },
		);
		expect(items.map((item) => item.id)).toEqual(range(0, 25).map((item) => item.id));
		expect(asked).toEqual([1, 2, 3]);
	});

	it('never runs past the page cap, even when every page is full', async () => {
		let calls = 0;
		const walk = collectByPageNumber(
			async (page, size) => {
				calls++;
				return range(page * size, (page + 1) * size);
			},
			5,
			{ maxPages: 7 },
		);
		await expect(walk).rejects.toThrow(PaginationError);
		await expect(walk).rejects.toThrow('Stopped after 7 pages');
		expect(calls).toBe(7);
	});

	it('stops when the provider serves the same page again', async () => {
		let calls = 0;
		const walk = collectByPageNumber(
			async () => {
				calls++;
				return range(0, 5);
			},
			5,
			{ idOf: (item) => (item as { id: number }).id },
		);
		await expect(walk).rejects.toThrow('not advancing');
		expect(calls).toBe(2);
	});

	it('uses the maximum page size unless a smaller limit is set', () => {
		expect(pageSizeFor(undefined, 100)).toBe(100);
		expect(pageSizeFor(7, 100)).toBe(7);
		expect(pageSizeFor(500, 100)).toBe(100);
	});
});

describe('cursor pagination', () => {
	it('follows cursors to the end', async () => {
		const cursors: Array<string | undefined> = [];
		const pages: Record<string, { items: Array<{ id: number }>; nextCursor: string | null }> = {
			start: { items: range(0, 3), nextCursor: 'b' },
			b: { items: range(3, 6), nextCursor: 'c' },
			c: { items: range(6, 7), nextCursor: null },
		};
		const items = await collectByCursor(async (cursor) => {
			cursors.push(cursor);
			return pages[cursor ?? 'start'];
		});
		expect(items).toHaveLength(7);
		expect(cursors).toEqual([undefined, 'b', 'c']);
	});

	it('stops on a cursor seen before and at the page cap', async () => {
		await expect(
			collectByCursor(async () => ({ items: range(0, 1), nextCursor: 'same' })),
		).rejects.toThrow('already returned');
		let n = 0;
		await expect(
			collectByCursor(async () => ({ items: range(0, 1), nextCursor: String(++n) }), {
				maxPages: 4,
			}),
		).rejects.toThrow('Stopped after 4 pages');
		expect(n).toBe(4);
	});

	it('applies the limit', async () => {
		let n = 0;
		const items = await collectByCursor(
			async () => ({ items: range(n, n + 10), nextCursor: String(++n) }),
			{
				limit: 15,
			},
		);
		expect(items).toHaveLength(15);
		expect(n).toBe(2);
	});
});

describe('single page', () => {
	it('returns the list, cut to the limit', async () => {
		expect(await collectSinglePage(async () => range(0, 9), { limit: 4 })).toHaveLength(4);
		expect(await collectSinglePage(async () => range(0, 9))).toHaveLength(9);
	});
});
