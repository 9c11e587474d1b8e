/**
 * The wall clock of a test, for triggers that act on how long something has waited: only `Date`
 * is faked (timers, promises and sockets run as usual), and the sandboxes, which stamp what
 * they store with `Date.now()`, share it with the node under test.
 */
export const MINUTE = 60_000;

export function useClock(start = Date.parse('2030-06-01T09:00:00Z')) {
	beforeEach(() => {
		jest.useFakeTimers({
			doNotFake: [
				'hrtime',
				'nextTick',
				'performance',
				'queueMicrotask',
				'requestAnimationFrame',
				'cancelAnimationFrame',
				'requestIdleCallback',
				'cancelIdleCallback',
				'setImmediate',
				'clearImmediate',
				'setInterval',
				'clearInterval',
				'setTimeout',
				'clearTimeout',
			],
			now: start,
		});
	});
	afterEach(() => {
		jest.useRealTimers();
	});
	return {
		advance(ms: number) {
			jest.setSystemTime(Date.now() + ms);
		},
	};
}
