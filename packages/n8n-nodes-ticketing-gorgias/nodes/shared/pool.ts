/**
 * Runs per-item work a few at a time. Results keep the input order whatever order the
 * requests finish in, so output items and pairedItem always line up with the input.
 */

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface PoolOptions {
	/**
	 * Items in flight at once: a number, or a function read before every start, so a
	 * controller that learns the provider's pace can widen or narrow the pool while it runs.
	 */
	concurrency: number | (() => number);
	/** Stop starting new work after the first failure (work already started completes). */
	stopOnError?: boolean;
	/**
	 * Called once with the pool's own "start what may start" function, for whoever moves the
	 * limit between two settled items (a controller that raised it, an item that went to
	 * wait out a retry).
	 */
	wake?: (fill: () => void) => void;
}

/**
 * Maps `count` indices through `work` with at most `concurrency` in flight. Returns one
 * settled result per index that was started; with stopOnError, indices never started are
 * left out (the array is shorter).
 */
export async function runPool<R>(
	count: number,
	work: (index: number) => Promise<R>,
	options: PoolOptions,
): Promise<Array<Settled<R>>> {
	const { concurrency } = options;
	const width = () =>
		Math.max(1, Math.floor(typeof concurrency === 'function' ? concurrency() : concurrency) || 1);
	const results: Array<Settled<R>> = [];
	let next = 0;
	let active = 0;
	let failed = false;
	let done = false;

	await new Promise<void>((resolve) => {
		const startable = () => next < count && !(failed && options.stopOnError);
		// Called at the start and whenever an item settles: the limit may have moved meanwhile.
		const fill = () => {
			while (startable() && active < width()) {
				const index = next++;
				active++;
				void settle(index);
			}
			if (active === 0 && !done) {
				done = true;
				resolve();
			}
		};
		options.wake?.(() => {
			if (!done) fill();
		});
		const settle = async (index: number) => {
			try {
				results[index] = { ok: true, value: await work(index) };
			} catch (error) {
				results[index] = { ok: false, error };
				failed = true;
			}
			active--;
			fill();
		};
		fill();
	});
	// Drop the tail that never started so callers can iterate densely.
	const started: Array<Settled<R>> = [];
	for (let index = 0; index < results.length; index++) {
		const result = results[index];
		if (result === undefined) break;
		started.push(result);
	}
	return started;
}
