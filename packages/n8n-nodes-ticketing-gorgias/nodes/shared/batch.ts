/**
 * Turns many single-key lookups started together into few batch requests: keys asked for in
 * the same tick are collected, then fetched in chunks (e.g. 100 ticket ids per request).
 * Each caller still gets its own answer, so per-item output order and errors are unchanged.
 */
export class BatchLoader<K, V> {
	private pending: Array<{
		key: K;
		resolve: (value: V | undefined) => void;
		reject: (error: unknown) => void;
	}> = [];
	private scheduled = false;

	constructor(
		private readonly fetchChunk: (keys: K[]) => Promise<Map<K, V>>,
		private readonly chunkSize: number,
	) {}

	load(key: K): Promise<V | undefined> {
		return new Promise((resolve, reject) => {
			this.pending.push({ key, resolve, reject });
			if (!this.scheduled) {
				this.scheduled = true;
				// After the current tick, when every item started together has asked.
				void Promise.resolve().then(async () => await this.flush());
			}
		});
	}

	private async flush(): Promise<void> {
		const waiting = this.pending;
		this.pending = [];
		this.scheduled = false;
		const keys = [...new Set(waiting.map((entry) => entry.key))];
		const found = new Map<K, V>();
		for (let start = 0; start < keys.length; start += this.chunkSize) {
			const chunk = keys.slice(start, start + this.chunkSize);
			try {
				for (const [key, value] of await this.fetchChunk(chunk)) found.set(key, value);
			} catch (error) {
				for (const entry of waiting) if (chunk.includes(entry.key)) entry.reject(error);
				continue;
			}
		}
		for (const entry of waiting) entry.resolve(found.get(entry.key));
	}
}
