/**
 * How many requests one node run keeps in flight, found while it runs. Providers that publish
 * no limit still have one, and a fixed number is a guess either way: too low wastes the time of
 * a slow but tolerant API, too high meets 429s. The controller starts where the fixed default
 * was and moves with the answers: additive increase while they stay healthy, multiplicative
 * decrease (halving) on 429, 5xx, a missing answer or latency that climbs. Latency alone never
 * takes it below the start: n8n being busy slows answers too, and fewer requests cure nothing
 * there; an answer slower than the threshold only holds the limit where it is.
 *
 * Pure: it is fed the outcome of every request (status and latency, measured by the transport)
 * and keeps no clock, timer or I/O of its own. The pool reads `limit` before starting an item.
 *
 * Phases, after TCP's congestion control:
 * - until the first congestion signal the limit grows by half of itself per round trip (every
 *   healthy answer adds 0.5), so a tolerant provider is reached in a few round trips;
 * - after a decrease it climbs back quickly (1 per healthy answer) to the highest number of
 *   requests that was answered healthy, then probes above it slowly (1 per PROBE_WINDOWS round
 *   trips), so a provider's concurrency limit is used near fully and met only now and then.
 */

export interface RequestOutcome {
	/** HTTP status of the answer; undefined when none arrived (network failure, timeout). */
	status?: number;
	/** From sending the request to its answer, without any wait before sending. */
	latencyMs: number;
	/**
	 * Whether this request may count towards raising the limit: only a request whose rejection
	 * costs nothing but a retry (safe to repeat, or a 429 the provider documents as unprocessed)
	 * and that was not held back by the provider's own pacing. A create that must never be sent
	 * twice does not probe: raising the limit on its answers would risk a 429 that fails an item.
	 */
	mayProbe: boolean;
}

/** Handed out when a request starts, handed back with its outcome. */
export interface RequestTicket {
	/** Which decrease the request was sent after: answers to older requests are not news. */
	readonly epoch: number;
	/** Requests in flight, this one included, when it was sent. */
	readonly inFlight: number;
}

export interface ConcurrencyController {
	/** Items the pool may have in flight now. */
	readonly limit: number;
	started(): RequestTicket;
	finished(ticket: RequestTicket, outcome: RequestOutcome): void;
}

export interface AdaptiveOptions {
	/** First limit of the run (the former fixed default). */
	start: number;
	/** The user's ceiling: the limit never goes above it. */
	ceiling: number;
}

/** Round trips spent at the known-good level before probing one request above it. */
export const PROBE_WINDOWS = 16;
/** Latency counts as climbing above this multiple of the fastest answer, plus the slack. */
const LATENCY_FACTOR = 2;
const LATENCY_SLACK_MS = 20;
/** Weight of the newest answer in the smoothed latency. */
const LATENCY_WEIGHT = 0.2;

export class AdaptiveConcurrency implements ConcurrencyController {
	private current: number;
	private readonly start: number;
	private readonly ceiling: number;
	private inFlight = 0;
	private epoch = 0;
	/** Highest in-flight count answered healthy since the last decrease. */
	private healthyPeak = 0;
	/** Level known to be answered healthy; undefined until the first congestion signal. */
	private knownGood: number | undefined;
	private fastest = Number.POSITIVE_INFINITY;
	private smoothed: number | undefined;
	private samples = 0;

	constructor(options: AdaptiveOptions) {
		this.ceiling = Math.max(1, Math.floor(options.ceiling));
		this.start = Math.min(Math.max(1, Math.floor(options.start)), this.ceiling);
		this.current = this.start;
	}

	get limit(): number {
		return Math.max(1, Math.min(this.ceiling, Math.floor(this.current)));
	}

	started(): RequestTicket {
		this.inFlight++;
		return { epoch: this.epoch, inFlight: this.inFlight };
	}

	finished(ticket: RequestTicket, outcome: RequestOutcome): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		// Requests sent before the last decrease answer for the old level: already acted upon.
		if (ticket.epoch !== this.epoch) return;
		if (isCongestion(outcome.status)) {
			this.decrease(1);
			return;
		}
		// Latency also climbs when n8n itself is busy (its event loop, the machine's other
		// work), which fewer requests would not cure: on latency alone the limit goes back
		// to the start, never below. Only the provider's own refusals take it lower.
		const latency = this.judgeLatency(outcome.latencyMs);
		if (latency === 'climbing') {
			if (this.current > this.start) this.decrease(this.start);
			return;
		}
		if (latency === 'slow') return;
		if (!outcome.mayProbe) return;
		this.healthyPeak = Math.max(this.healthyPeak, ticket.inFlight);
		this.increase();
	}

	private increase(): void {
		if (this.knownGood === undefined) {
			this.current += 0.5;
		} else if (this.current < this.knownGood) {
			this.current = Math.min(this.knownGood, this.current + 1);
		} else {
			this.current += 1 / (this.current * PROBE_WINDOWS);
		}
		this.current = Math.min(this.current, this.ceiling);
	}

	private decrease(floor: number): void {
		const before = this.limit;
		this.current = Math.max(floor, this.current / 2);
		// What was answered healthy is safe to climb back to, but never the level that failed.
		this.knownGood = Math.max(this.limit, Math.min(this.healthyPeak, before - 1));
		this.epoch++;
		this.healthyPeak = 0;
		// The smoothed latency described the old level; the new one gets its own.
		this.smoothed = undefined;
		this.samples = 0;
	}

	/**
	 * Latency is judged against the fastest answer of the run (the provider's own time plus the
	 * network). A slow answer holds the limit where it is; a smoothed latency that stays slow
	 * over a round trip at the current level counts as climbing.
	 */
	private judgeLatency(latencyMs: number): 'fine' | 'slow' | 'climbing' {
		if (!(latencyMs >= 0)) return 'fine';
		this.fastest = Math.min(this.fastest, latencyMs);
		const threshold = this.fastest * LATENCY_FACTOR + LATENCY_SLACK_MS;
		this.smoothed =
			this.smoothed === undefined
				? latencyMs
				: this.smoothed + LATENCY_WEIGHT * (latencyMs - this.smoothed);
		this.samples++;
		if (this.samples >= this.limit && this.smoothed > threshold) return 'climbing';
		return latencyMs > threshold ? 'slow' : 'fine';
	}
}

/** 429, any 5xx and no answer at all say the provider is overloaded; other answers are healthy. */
function isCongestion(status: number | undefined): boolean {
	return status === undefined || status === 429 || status >= 500;
}

const controllers = new WeakMap<object, ConcurrencyController>();

/**
 * Makes `controller` the one the transport reports to for requests sent from `context` (one
 * node run's execution context), until the returned function is called. The transport looks
 * it up by context and so never needs to know about pools.
 */
export function attachController(context: object, controller: ConcurrencyController): () => void {
	controllers.set(context, controller);
	return () => {
		if (controllers.get(context) === controller) controllers.delete(context);
	};
}

/** The controller of the node run `context` belongs to, if it runs one. */
export function controllerOf(context: object): ConcurrencyController | undefined {
	return controllers.get(context);
}
