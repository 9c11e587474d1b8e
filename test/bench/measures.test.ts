/**
 * The arithmetic behind BENCHMARKS.md: if it were wrong, every figure would be. The benchmark
 * runs themselves are not tests (they report, never fail on timing).
 */
import type { RunItem } from '../../dev/n8n';
import type { LoggedRequest } from '../../dev/sandboxes/framework';
import { compareOutputs, sameRequests } from '../../scripts/bench/compare';
import { limitFigures } from '../../scripts/bench/latency';
import { bucketFigures } from '../../scripts/bench/rate-limit';
import {
	judge,
	markdownTable,
	median,
	overall,
	perRunRatios,
	withRuns,
} from '../../scripts/bench/report';
import { SCALED_BUCKET } from '../../scripts/bench/setup';

const item = (json: Record<string, unknown>, index: number): RunItem => ({
	json,
	pairedItem: { item: index },
});

function logged(partial: Partial<LoggedRequest>): LoggedRequest {
	return {
		method: 'PUT',
		path: '/api/tickets/1',
		query: {},
		headers: {},
		body: undefined,
		rawBody: '',
		rawBytes: Buffer.alloc(0),
		status: 200,
		route: null,
		fault: null,
		receivedAt: 0,
		respondedAt: 0,
		...partial,
	};
}

describe('benchmark measures', () => {
	it('median of odd and even counts, NaN for none', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([])).toBeNaN();
	});

	it('outputs are identical only with the same items, order and pairedItem', () => {
		const ours = [item({ id: 1, updatedAt: 'a' }, 0), item({ id: 2, updatedAt: 'b' }, 1)];
		const stamped = { updatedAt: 'stamped at each write' };
		const later = [item({ id: 1, updatedAt: 'c' }, 0), item({ id: 2, updatedAt: 'd' }, 1)];
		expect(compareOutputs(ours, later, stamped)).toEqual({
			identical: true,
			summary: expect.stringContaining('only updatedAt: stamped at each write') as unknown,
		});
		expect(compareOutputs(ours, later).identical).toBe(false);
		expect(compareOutputs(ours, [...later].reverse(), stamped)).toMatchObject({
			identical: false,
			summary: 'NOT identical (fields differ: id; 2 pairedItem differ)',
		});
		expect(compareOutputs(ours, later.slice(1), stamped)).toEqual({
			identical: false,
			summary: '2 items vs 1',
		});
	});

	it('requests compare by method, path, query and body, in any order', () => {
		const a = logged({ path: '/api/tickets/1', body: { priority: 'high' } });
		const b = logged({ path: '/api/tickets/2', body: { priority: 'high' } });
		expect(sameRequests([a, b], [b, a])).toBe(true);
		expect(
			sameRequests([a, b], [a, logged({ path: '/api/tickets/2', body: { priority: 'low' } })]),
		).toBe(false);
		expect(sameRequests([a], [logged({ ...a, query: { limit: '1' } })])).toBe(false);
	});

	it("a run's share of the bucket counts its capacity plus what drained during the run", () => {
		const { capacity, windowMs } = SCALED_BUCKET;
		// Over two windows the bucket allows its capacity plus two windows of drain: 3 × capacity.
		const accepted = Array.from({ length: 3 * capacity }, (_, index) =>
			logged({ receivedAt: 1000, respondedAt: 1000 + (index * 2 * windowMs) / (3 * capacity - 1) }),
		);
		const rejected = [logged({ status: 429, receivedAt: 1100, respondedAt: 1101 })];
		expect(bucketFigures([...accepted, ...rejected])).toEqual({
			share: 1,
			requests: 3 * capacity + 1,
			rejected429: 1,
			ms: 2 * windowMs,
		});
		// A burst of one capacity, sent faster than the bucket drains: under its allowance.
		const burst = bucketFigures(accepted.slice(0, capacity));
		expect(burst.share).toBeCloseTo(capacity / (capacity + (burst.ms * capacity) / windowMs), 10);
		expect(burst.share).toBeLessThan(0.7);
	});

	it("a run's share of a concurrency limit: accepted requests × latency over limit × span", () => {
		// Two requests at a time, 100 ms each, back to back for 1 s: a limit of 2 fully used.
		const full = Array.from({ length: 20 }, (_, index) =>
			logged({
				receivedAt: Math.floor(index / 2) * 100,
				respondedAt: Math.floor(index / 2) * 100 + 100,
			}),
		);
		expect(limitFigures(full, 2, 100)).toEqual({ share: 1, rejected429: 0, peak: 2 });
		// The same run against a limit of 4 used half of it; refused requests add nothing but count.
		const refused = logged({ status: 429, receivedAt: 0, respondedAt: 100 });
		expect(limitFigures([...full, refused], 4, 100)).toEqual({
			share: 0.5,
			rejected429: 1,
			peak: 3,
		});
		expect(limitFigures([], 2, 100).share).toBeNaN();
	});

	it('verdicts come from the per-run figures: within noise when the target lies within their spread', () => {
		expect(judge([1.4, 1.35, 1.31], 1.3).verdict).toBe('Met');
		expect(judge([1.2, 1.29, 1.1], 1.3).verdict).toBe('Missed');
		// The median (1.06) is short of 1.3, yet one run reached it: the machine decides, not the node.
		const noisy = judge(perRunRatios([3808, 3904, 5600], [3592, 4066, 3916]), 1.3);
		expect(noisy.verdict).toBe('Within noise');
		expect(withRuns(noisy, (value) => value.toFixed(2))).toBe('1.06 (per run 1.06, 0.96, 1.43)');
		expect(judge([], 1).verdict).toBe('Missed');
		expect(overall([judge([2], 1), judge([0.5, 2], 1)])).toBe('Within noise');
		expect(overall([judge([2], 1), judge([0.5], 1), judge([0.5, 2], 1)])).toBe('Missed');
		expect(overall([judge([2], 1), judge([3], 1)])).toBe('Met');
	});

	it('tables escape pipes in cells', () => {
		expect(markdownTable(['a', 'b'], [['x|y', '1']])).toBe(
			'| a | b |\n| --- | --- |\n| x\\|y | 1 |',
		);
	});
});
