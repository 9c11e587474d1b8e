import {
	decodeIdHashes,
	encodeIdHashes,
	hashId,
	rememberIds,
} from '../../nodes/shared/idMemory';

const idsOf = (count: number, prefix = 'TCK-') =>
	Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`);

describe('id memory', () => {
	it('hashes are 53-bit integers, stable, and distinct over a million similar ids', () => {
		expect(hashId('TCK-1001')).toBe(hashId('TCK-1001'));
		const hashes = new Set<number>();
		let outOfRange = 0;
		for (let index = 0; index < 1_000_000; index++) {
			const hash = hashId(`TCK-${index}`);
			if (!Number.isSafeInteger(hash) || hash < 0) outOfRange++;
			hashes.add(hash);
		}
		expect(outOfRange).toBe(0);
		expect(hashes.size).toBe(1_000_000);
		// Ids that differ in order or by one character only.
		expect(hashId('ab')).not.toBe(hashId('ba'));
		expect(hashId('')).not.toBe(hashId('\u0000'));
	});

	it.each([0, 1, 2, 1_000, 10_000])('%i hashes survive encoding', (count) => {
		const hashes = new Set(idsOf(count).map(hashId));
		const decoded = decodeIdHashes(encodeIdHashes(hashes));
		expect(decoded).toEqual(hashes);
	});

	it('extreme hashes (0 and the largest) survive encoding', () => {
		const hashes = new Set([0, 2 ** 53 - 1, 1, 2 ** 52]);
		expect(decodeIdHashes(encodeIdHashes(hashes))).toEqual(hashes);
	});

	it('about 7 characters an id: bounded size at 10,000 and 100,000 ids', () => {
		const tenThousand = encodeIdHashes(idsOf(10_000).map(hashId));
		const hundredThousand = encodeIdHashes(idsOf(100_000).map(hashId));
		expect(tenThousand.length / 10_000).toBeLessThan(7.5);
		expect(hundredThousand.length / 100_000).toBeLessThan(7);
		expect(decodeIdHashes(hundredThousand)?.size).toBe(100_000);
	});

	it('refuses text that is not an id memory', () => {
		expect(decodeIdHashes('')).toBeUndefined();
		expect(decodeIdHashes('r1:3:10:A')).toBeUndefined();
		expect(decodeIdHashes('r1:1:10:*')).toBeUndefined();
		expect(decodeIdHashes('x9:0:0:')).toBeUndefined();
	});

	it('remembers what it read; keeps its text when nothing is new', () => {
		const first = rememberIds(undefined, ['a', 'b']);
		expect(decodeIdHashes(first)).toEqual(new Set(['a', 'b'].map(hashId)));
		expect(rememberIds(first, ['a', 'b'])).toBe(first);
		expect(rememberIds(first, ['b'])).toBe(first);
		const second = rememberIds(first, ['a', 'b', 'c']);
		expect(decodeIdHashes(second)).toEqual(new Set(['a', 'b', 'c'].map(hashId)));
	});

	it('forgets ids that left the list only once it holds a quarter (and 1,000) more than the list', () => {
		const list = idsOf(4_000);
		let memory = rememberIds(undefined, list);
		// A list of 3,000 allows 4,750 known ids: all 4,000 are kept.
		memory = rememberIds(memory, list.slice(0, 3_000));
		expect(decodeIdHashes(memory)?.size).toBe(4_000);
		// A list of 2,000 allows 3,500: the memory becomes the list.
		memory = rememberIds(memory, list.slice(0, 2_000));
		expect(decodeIdHashes(memory)).toEqual(new Set(list.slice(0, 2_000).map(hashId)));
	});
});
