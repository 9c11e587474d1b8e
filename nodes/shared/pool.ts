/**
 * Runs per-item work a few at a time. Results keep the input order whatever order the
 * requests finish in, so output items and pairedItem always line up with the input.
 */

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface PoolOptions {
	concurrency: number;
	/** Stop starting new work after the first failure (work already started completes). */
	stopOnError?: boolean;
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
	const results: Array<Settled<R>> = [];
	const width = Math.max(1, Math.min(Math.floor(options.concurrency) || 1, count));
	let next = 0;
	let failed = false;

	const lane = async () => {
		while (next < count && !(failed && options.stopOnError)) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await work(index) };
			} catch (error) {
				results[index] = { ok: false, error };
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: width }, lane));
	// Drop the tail that never started so callers can iterate densely.
	const started: Array<Settled<R>> = [];
	for (let index = 0; index < results.length; index++) {
		const result = results[index];
		if (result === undefined) break;
		started.push(result);
	}
	return started;
}
