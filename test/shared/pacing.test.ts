import { LeakyBucketPacer, parseBucketHeader } from '../../nodes/shared/pacing';

describe('leaky-bucket pacing', () => {
	it('reads the bucket header', () => {
		expect(parseBucketHeader('10/40')).toEqual({ used: 10, limit: 40 });
		expect(parseBucketHeader(' 3 / 80 ')).toEqual({ used: 3, limit: 80 });
		expect(parseBucketHeader(undefined)).toBeUndefined();
		expect(parseBucketHeader('ten/40')).toBeUndefined();
		expect(parseBucketHeader('1/0')).toBeUndefined();
	});

	it('sends freely until a reading shows the bucket near full', () => {
		let now = 0;
		const pacer = new LeakyBucketPacer({ windowMs: 20_000, now: () => now });
		expect(pacer.delayBeforeSend()).toBe(0);
		pacer.started();
		pacer.finished({ used: 10, limit: 40 });
		expect(pacer.delayBeforeSend()).toBe(0);
		pacer.started();
		pacer.finished({ used: 36, limit: 40 });
		// ceiling = 40 - 4 (10 % headroom): at 36 the next call waits one leak step (500 ms)
		expect(pacer.delayBeforeSend()).toBe(500);
		now += 500;
		expect(pacer.delayBeforeSend()).toBe(0);
	});

	it('counts requests in flight, so parallel lanes do not overfill the bucket', () => {
		const now = 0;
		const pacer = new LeakyBucketPacer({ windowMs: 2_000, now: () => now });
		pacer.started();
		pacer.finished({ used: 30, limit: 40 });
		const admitted: number[] = [];
		for (let lane = 0; lane < 10; lane++) {
			if (pacer.delayBeforeSend() === 0) {
				pacer.started();
				admitted.push(lane);
			}
		}
		// 30 used + 6 in flight reaches the ceiling of 36
		expect(admitted).toHaveLength(6);
	});

	it('leaks at limit per window', () => {
		let now = 0;
		const pacer = new LeakyBucketPacer({ windowMs: 10_000, now: () => now });
		pacer.started();
		pacer.finished({ used: 40, limit: 40 });
		// 5 over the ceiling of 36: 5 leak steps of 250 ms
		expect(pacer.delayBeforeSend()).toBe(1250);
		now += 1250;
		expect(pacer.delayBeforeSend()).toBe(0);
	});
});
