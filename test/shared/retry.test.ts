import {
	backoffDelay,
	DEFAULT_RETRY_POLICY,
	isRetryableNetworkError,
	isRetryableStatus,
	parseRetryAfter,
} from '../../nodes/shared/retry';

describe('retry decisions', () => {
	it('retries 429 and transient 5xx only', () => {
		expect([429, 500, 502, 503, 504].map(isRetryableStatus)).toEqual([
			true,
			true,
			true,
			true,
			true,
		]);
		expect([400, 401, 403, 404, 409, 501, 505].map(isRetryableStatus)).toEqual([
			false,
			false,
			false,
			false,
			false,
			false,
			false,
		]);
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		const now = Date.parse('2026-11-21T10:00:00Z');
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('0', now)).toBe(0);
		expect(parseRetryAfter('1.5', now)).toBe(1500);
		expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter(['2'], now)).toBe(2000);
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});

	it('backs off exponentially with bounded jitter', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(1, policy, () => 0)).toBe(50);
		expect(backoffDelay(1, policy, () => 1)).toBe(100);
		expect(backoffDelay(3, policy, () => 1)).toBe(400);
		// capped at maxDelayMs whatever the attempt
		expect(backoffDelay(10, policy, () => 1)).toBe(1000);
		expect(backoffDelay(10, policy, () => 0)).toBe(500);
	});

	it('recognises network failures through n8n error wrapping', () => {
		const wrapped = {
			message: 'wrapper',
			cause: { code: 'ECONNRESET', message: 'socket hang up' },
		};
		expect(isRetryableNetworkError(wrapped)).toBe(true);
		expect(isRetryableNetworkError({ message: 'timeout of 100ms exceeded' })).toBe(true);
		expect(isRetryableNetworkError({ code: 'ERR_CANCELED', message: 'canceled' })).toBe(false);
		expect(isRetryableNetworkError(new Error('Bad request'))).toBe(false);
	});
});
