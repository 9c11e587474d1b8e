import { sleep } from 'n8n-workflow';

import { runPool } from '../../nodes/shared/pool';

describe('bounded pool', () => {
	it('keeps input order and never exceeds the concurrency', async () => {
		let inFlight = 0;
		let peak = 0;
		const results = await runPool(
			20,
			async (index) => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				// later items finish first, so order can only come from the pool
				await sleep(20 - index);
				inFlight--;
				return index * 2;
			},
			{ concurrency: 4 },
		);
		expect(results.map((result) => (result.ok ? result.value : null))).toEqual(
			Array.from({ length: 20 }, (_, i) => i * 2),
		);
		expect(peak).toBe(4);
	});

	it('keeps going after failures unless told to stop', async () => {
		const results = await runPool(
			5,
			async (index) => {
				if (index === 1) throw new Error('boom');
				return index;
			},
			{ concurrency: 2 },
		);
		expect(results.map((result) => result.ok)).toEqual([true, false, true, true, true]);
	});

	it('starts nothing new after a failure when stopOnError is set', async () => {
		const started: number[] = [];
		const results = await runPool(
			10,
			async (index) => {
				started.push(index);
				if (index === 0) throw new Error('boom');
				await sleep(5);
				return index;
			},
			{ concurrency: 2, stopOnError: true },
		);
		expect(started).toEqual([0, 1]);
		expect(results).toHaveLength(2);
		expect(results[0].ok).toBe(false);
	});

	it('reads a changing limit before every start: widens and narrows while it runs', async () => {
		let limit = 2;
		let inFlight = 0;
		const seen: Array<{ inFlight: number; limit: number }> = [];
		const results = await runPool(
			30,
			async (index) => {
				inFlight++;
				seen.push({ inFlight, limit });
				// Widen after the first few answers, narrow again later.
				await sleep(2);
				if (index === 3) limit = 8;
				if (index === 15) limit = 3;
				inFlight--;
				return index;
			},
			{ concurrency: () => limit },
		);
		expect(results.map((result) => (result.ok ? result.value : null))).toEqual(
			Array.from({ length: 30 }, (_, i) => i),
		);
		for (const start of seen) expect(start.inFlight).toBeLessThanOrEqual(start.limit);
		expect(Math.max(...seen.map((start) => start.inFlight))).toBe(8);
		expect(seen.at(-1)?.limit).toBe(3);
	});
});
