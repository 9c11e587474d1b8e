/*
 * Gorgias' account-level leaky bucket. Each accepted request adds one unit; the bucket drains
 * continuously at `capacity / windowMs`; a request that would overflow it is answered 429 and
 * adds nothing. API-key and OAuth requests fill separate buckets (40 vs 80 per 20 s upstream),
 * so tests can tell which limit a node ran into.
 */

export type GorgiasAuthKind = 'api-key' | 'oauth';
export const GORGIAS_AUTH_KINDS: readonly GorgiasAuthKind[] = ['api-key', 'oauth'];

export const GORGIAS_LIMIT_HEADER = 'X-Gorgias-Account-Api-Call-Limit';
export const GORGIAS_RETRY_AFTER_HEADER = 'Retry-after';

export interface GorgiasBucketConfig {
	/** Requests an API-key integration may have in the bucket (upstream: 40). */
	capacity: number;
	/** Time for a full bucket to drain (upstream: 20 000 ms). */
	windowMs: number;
	/** OAuth apps' capacity over the same window; default twice `capacity` (upstream: 80). */
	oauthCapacity?: number;
}

export const GORGIAS_DEFAULT_BUCKET: Readonly<GorgiasBucketConfig> = {
	capacity: 40,
	windowMs: 20_000,
};

/**
 * `'precise'` (default): seconds with millisecond resolution (`0.05`), because tests scale the
 * window down to a second or two where a whole second would be a gross overestimate.
 * `'integer'`: whole seconds rounded up, at least 1, as HTTP's delay-seconds grammar wants.
 */
export type GorgiasRetryAfterFormat = 'precise' | 'integer';

export interface GorgiasBucketSnapshot {
	capacity: number;
	windowMs: number;
	/** Current fill, fractional because the bucket drains continuously. */
	level: number;
	/** What the limit header would say now (`used` of `used/limit`). */
	used: number;
	accepted: number;
	rejected429: number;
}

export interface GorgiasBucketStats {
	enabled: boolean;
	/** Totals over both buckets. */
	accepted: number;
	rejected429: number;
	apiKey: GorgiasBucketSnapshot;
	oauth: GorgiasBucketSnapshot;
}

export type GorgiasAdmission =
	| { accepted: true; headers: Record<string, string> }
	| { accepted: false; retryAfterMs: number; headers: Record<string, string> };

/** Float slack so a client that waits exactly `Retry-after` is admitted. */
const EPSILON = 1e-6;

class LeakyBucket {
	level = 0;
	accepted = 0;
	rejected429 = 0;
	private drainedAt: number;

	constructor(
		public capacity: number,
		public windowMs: number,
		private readonly clock: () => number,
	) {
		this.drainedAt = clock();
	}

	private get perMs(): number {
		return this.capacity / this.windowMs;
	}

	drain(): void {
		const now = this.clock();
		this.level = Math.max(0, this.level - (now - this.drainedAt) * this.perMs);
		this.drainedAt = now;
	}

	used(): number {
		return Math.min(this.capacity, Math.max(0, Math.ceil(this.level - EPSILON)));
	}

	/** Time until one more unit fits. */
	waitMs(): number {
		return Math.max(0, (this.level + 1 - this.capacity) / this.perMs);
	}

	snapshot(): GorgiasBucketSnapshot {
		this.drain();
		return {
			capacity: this.capacity,
			windowMs: this.windowMs,
			level: this.level,
			used: this.used(),
			accepted: this.accepted,
			rejected429: this.rejected429,
		};
	}
}

function checkConfig(config: GorgiasBucketConfig): Required<GorgiasBucketConfig> {
	const oauthCapacity = config.oauthCapacity ?? config.capacity * 2;
	for (const [name, value] of Object.entries({ ...config, oauthCapacity })) {
		if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
			throw new Error(`Bucket '${name}' must be a positive number, got ${String(value)}`);
		}
	}
	return { capacity: config.capacity, windowMs: config.windowMs, oauthCapacity };
}

export class GorgiasRateLimiter {
	retryAfterFormat: GorgiasRetryAfterFormat;
	private enabled: boolean;
	private readonly buckets: Record<GorgiasAuthKind, LeakyBucket>;

	constructor(
		config: GorgiasBucketConfig | false = GORGIAS_DEFAULT_BUCKET,
		retryAfterFormat: GorgiasRetryAfterFormat = 'precise',
		clock: () => number = Date.now,
	) {
		const checked = checkConfig(config === false ? GORGIAS_DEFAULT_BUCKET : config);
		this.enabled = config !== false;
		this.retryAfterFormat = retryAfterFormat;
		this.buckets = {
			'api-key': new LeakyBucket(checked.capacity, checked.windowMs, clock),
			oauth: new LeakyBucket(checked.oauthCapacity, checked.windowMs, clock),
		};
	}

	/**
	 * Changes limits at runtime; levels are kept (clamped to the new capacity) so a test can
	 * shrink the bucket under a running client. `false` turns limiting and the header off.
	 */
	configure(config: GorgiasBucketConfig | false): void {
		if (config === false) {
			this.enabled = false;
			return;
		}
		const checked = checkConfig(config);
		this.enabled = true;
		for (const kind of GORGIAS_AUTH_KINDS) {
			const bucket = this.buckets[kind];
			bucket.drain();
			bucket.capacity = kind === 'oauth' ? checked.oauthCapacity : checked.capacity;
			bucket.windowMs = checked.windowMs;
			bucket.level = Math.min(bucket.level, bucket.capacity);
		}
	}

	/** Pre-fills a bucket, e.g. to start a test just below the limit. */
	setLevel(kind: GorgiasAuthKind, level: number): void {
		const bucket = this.buckets[kind];
		bucket.drain();
		bucket.level = Math.min(Math.max(0, level), bucket.capacity);
	}

	/** Empties both buckets and zeroes the counters; the configuration stays. */
	reset(): void {
		for (const bucket of Object.values(this.buckets)) {
			bucket.drain();
			bucket.level = 0;
			bucket.accepted = 0;
			bucket.rejected429 = 0;
		}
	}

	stats(): GorgiasBucketStats {
		const apiKey = this.buckets['api-key'].snapshot();
		const oauth = this.buckets.oauth.snapshot();
		return {
			enabled: this.enabled,
			accepted: apiKey.accepted + oauth.accepted,
			rejected429: apiKey.rejected429 + oauth.rejected429,
			apiKey,
			oauth,
		};
	}

	/** Counts one request against `kind`'s bucket; disabled → always accepted, no headers. */
	admit(kind: GorgiasAuthKind): GorgiasAdmission {
		if (!this.enabled) return { accepted: true, headers: {} };
		const bucket = this.buckets[kind];
		bucket.drain();
		if (bucket.level + 1 > bucket.capacity + EPSILON) {
			bucket.rejected429++;
			const retryAfterMs = bucket.waitMs();
			return {
				accepted: false,
				retryAfterMs,
				headers: {
					[GORGIAS_LIMIT_HEADER]: `${bucket.used()}/${bucket.capacity}`,
					[GORGIAS_RETRY_AFTER_HEADER]: this.formatRetryAfter(retryAfterMs),
				},
			};
		}
		bucket.level += 1;
		bucket.accepted++;
		return {
			accepted: true,
			headers: { [GORGIAS_LIMIT_HEADER]: `${bucket.used()}/${bucket.capacity}` },
		};
	}

	private formatRetryAfter(ms: number): string {
		if (this.retryAfterFormat === 'integer') return String(Math.max(1, Math.ceil(ms / 1000)));
		return String(Math.max(1, Math.ceil(ms)) / 1000);
	}
}
