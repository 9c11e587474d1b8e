/**
 * Client-side pacing for a provider's leaky-bucket rate limit. The provider reports how full
 * the bucket is after each call; requests wait before sending when the bucket (plus what is
 * already in flight) is near full, so a long run flows just under the limit instead of
 * bouncing off 429s. One pacer per account, shared by every request this n8n instance sends.
 */

export interface BucketReading {
	used: number;
	limit: number;
}

export interface PacerOptions {
	/** Window over which `limit` calls drain (the provider's documented window). */
	windowMs: number;
	/** Calls kept free for other integrations sharing the account, as a share of the limit. */
	headroom?: number;
	now?: () => number;
}

export class LeakyBucketPacer {
	private used = 0;
	private limit: number | undefined;
	private readAt = 0;
	private inFlight = 0;
	private readonly windowMs: number;
	private readonly headroom: number;
	private readonly now: () => number;

	constructor(options: PacerOptions) {
		this.windowMs = Math.max(1, options.windowMs);
		this.headroom = options.headroom ?? 0.1;
		this.now = options.now ?? (() => Date.now());
	}

	/** Milliseconds to wait before one more request may be sent; 0 = send now. */
	delayBeforeSend(): number {
		if (this.limit === undefined) return 0;
		const leakPerMs = this.limit / this.windowMs;
		const level = Math.max(0, this.used - (this.now() - this.readAt) * leakPerMs) + this.inFlight;
		const ceiling = this.limit - Math.max(1, Math.ceil(this.limit * this.headroom));
		if (level < ceiling) return 0;
		return Math.ceil((level - ceiling + 1) / leakPerMs);
	}

	/** Call right before sending (after waiting `delayBeforeSend`). */
	started(): void {
		this.inFlight++;
	}

	/** Call when the answer (or failure) arrives, with the bucket reading if there was one. */
	finished(reading: BucketReading | undefined): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		if (!reading) return;
		this.used = reading.used;
		this.limit = reading.limit;
		this.readAt = this.now();
	}
}

/** Parses "used/limit" (e.g. "10/40"). */
export function parseBucketHeader(value: string | undefined): BucketReading | undefined {
	const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value ?? '');
	if (!match) return undefined;
	const reading = { used: Number(match[1]), limit: Number(match[2]) };
	return reading.limit > 0 ? reading : undefined;
}

const pacers = new Map<string, LeakyBucketPacer>();
const MAX_PACERS = 200;

/** The pacer of one account (keyed by origin and identity), created on first use. */
export function pacerFor(key: string, options: PacerOptions): LeakyBucketPacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		// Bounded: an n8n instance talks to few accounts; forget the oldest beyond that.
		if (pacers.size >= MAX_PACERS) pacers.delete(pacers.keys().next().value as string);
		pacer = new LeakyBucketPacer(options);
		pacers.set(key, pacer);
	}
	return pacer;
}
