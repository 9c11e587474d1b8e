/**
 * How many requests one node run keeps in flight, found while it runs. Providers that publish
 * no limit still have one, and a fixed number is a guess either way: too low wastes the time of
 * a slow but tolerant API, too high meets 429s. The controller starts where the fixed default
 * was and moves with the answers: additive increase while they stay healthy, multiplicative
 * decrease (halving) on 429, 5xx, a missing answer or latency that climbs.
 *
 * It counts requests, not items: a request takes a slot when it is sent and gives it back
 * with its answer, so an item waiting out a Retry-After (or between two of its requests) holds
 * none, and the number of requests in flight never exceeds the limit.
 *
 * Pure: it is fed the outcome of every request (status and latency, measured by the transport)
 * and keeps no clock, timer or I/O of its own; waiting for a slot is a promise resolved when
 * an answer frees one.
 *
 * Phases, after TCP's congestion control:
 * - slow start: until the first congestion signal the limit doubles per round trip while answers
 *   come back as fast as the fastest one (every such answer adds 1), and grows by half of itself
 *   per round trip once they come back slower (every healthy answer adds 0.5), so a tolerant
 *   provider is reached in a few round trips;
 * - a refusal (429, 5xx, no answer) halves it and records the most requests that were answered
 *   without one as the known-good level; the limit climbs back quickly to it (1 per healthy
 *   answer, answers to requests sent before the refusal included) and probes above it slowly
 *   (1 per PROBE_WINDOWS round trips);
 * - a refused probe (sent above the known-good level, or at it) settles at the known-good level
 *   (one lower when it was sent at it) instead of halving: the level below was just answered
 *   healthy. A refusal below the known-good level says the provider takes less now: it halves.
 * - latency that stays above twice the fastest answer over a round trip halves the limit too,
 *   but never below the start, the known-good level, nor the most in flight ever answered in
 *   good time: n8n being busy (its CPU shared with other work) slows answers as well, and
 *   fewer requests cure nothing there; they only make the run wait for more round trips. A
 *   single slow answer only holds the limit.
 * - it only grows while there is work waiting for the room (TCP's "application-limited"
 *   rule), and probes only while enough items wait to start that a higher level would be
 *   used for a while: a probe refused near the end of a run would make the whole run wait out
 *   its Retry-After for one item.
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

/** Handed out when a request takes a slot, handed back with its outcome. */
export interface RequestTicket {
	/** Which decrease the request was sent after: refusals of older requests are not news. */
	readonly epoch: number;
	/** Requests in flight, this one included, when it was sent. */
	readonly inFlight: number;
}

export interface ConcurrencyController {
	/** Requests that may be in flight now. */
	readonly limit: number;
	/** Requests in flight now. */
	readonly inFlight: number;
	/**
	 * Items the pool may have started and not finished: the limit, plus the items waiting out
	 * a retry, which hold no slot (the ceiling 1 keeps items strictly one after another).
	 */
	readonly itemWidth: number;
	/**
	 * A slot for a request about to be sent, or undefined when none is free. `repeatable`:
	 * whether a refusal of it costs only a retry. One that is not (a create that is never sent
	 * twice) gets a slot only up to the level already answered healthy, never a probing one.
	 */
	tryAcquire(repeatable: boolean): RequestTicket | undefined;
	/** Resolves when a slot may have come free (then try again). */
	slotFreed(): Promise<void>;
	/** The request's answer (or its absence): frees the slot and moves the limit. */
	finished(ticket: RequestTicket, outcome: RequestOutcome): void;
	/** An item starts or stops waiting before a retry: while waiting it holds no slot. */
	retryWaitStarted(): void;
	retryWaitEnded(): void;
	/** `listener` is called (asynchronously) whenever more items or requests may start. */
	subscribe(listener: () => void): void;
}

export interface AdaptiveOptions {
	/**
	 * First limit of the run: the former fixed default, or the level the previous run against
	 * the same account found healthy (see `rememberedStart`).
	 */
	start: number;
	/**
	 * The level a request that must not be refused (a create that is never sent twice) may be
	 * sent at before this run has seen any answer, and the floor latency alone never goes below:
	 * the default start. A start carried over from an earlier run is not proof for this run.
	 * Defaults to `start`.
	 */
	unprobedStart?: number;
	/** The user's ceiling: the limit never goes above it. */
	ceiling: number;
	/** Items of the run not started yet; unknown (as good as endless) when left out. */
	backlog?: () => number;
}

/** Round trips spent at the known-good level before probing one request above it. */
export const PROBE_WINDOWS = 16;
/**
 * Latency counts as flat (slow start may double) up to this multiple of the fastest answer,
 * plus the slack: a queue forming at the provider shows here before it shows as refusals.
 */
const FLAT_FACTOR = 1.25;
const FLAT_SLACK_MS = 5;
/** Latency counts as climbing above this multiple of the fastest answer, plus the slack. */
const LATENCY_FACTOR = 2;
const LATENCY_SLACK_MS = 20;
/** Weight of the newest answer in the smoothed latency. */
const LATENCY_WEIGHT = 0.2;

export class AdaptiveConcurrency implements ConcurrencyController {
	private current: number;
	private readonly start: number;
	private readonly unprobedStart: number;
	/** Most requests in flight answered healthy at any time of the run (probing ones only). */
	private bestHealthy = 0;
	private readonly ceiling: number;
	private readonly backlog: () => number;
	private requests = 0;
	private waitingToRetry = 0;
	private epoch = 0;
	/** Highest in-flight count answered healthy since the last decrease. */
	private healthyPeak = 0;
	/** Level known to be answered healthy; undefined until the first congestion signal. */
	private knownGood: number | undefined;
	/** Growing by half per round trip, until the first congestion signal. */
	private slowStart = true;
	/** In-flight count of the request whose refusal caused the last decrease (0 after latency). */
	private refusedAt = Number.POSITIVE_INFINITY;
	private fastest = Number.POSITIVE_INFINITY;
	private smoothed: number | undefined;
	private samples = 0;
	/** Requests that found no free slot and wait for one. */
	private waiters: Array<() => void> = [];
	private readonly listeners: Array<() => void> = [];

	constructor(options: AdaptiveOptions) {
		this.ceiling = Math.max(1, Math.floor(options.ceiling));
		this.start = Math.min(Math.max(1, Math.floor(options.start)), this.ceiling);
		this.current = this.start;
		this.unprobedStart = Math.min(
			Math.max(1, Math.floor(options.unprobedStart ?? this.start)),
			this.start,
		);
		this.backlog = options.backlog ?? (() => Number.POSITIVE_INFINITY);
	}

	get limit(): number {
		return Math.max(1, Math.min(this.ceiling, Math.floor(this.current)));
	}

	get inFlight(): number {
		return this.requests;
	}

	get itemWidth(): number {
		return this.ceiling === 1 ? 1 : this.limit + this.waitingToRetry;
	}

	/** Highest level a request that must not be refused may be sent at. */
	private get unprobedLevel(): number {
		return Math.min(
			this.limit,
			Math.max(this.unprobedStart, this.healthyPeak, this.knownGood ?? 0),
		);
	}

	/**
	 * The level this run found the provider answers healthy at, for the next run's start:
	 * the known-good level after a refusal, else the most in flight answered healthy and in
	 * good time (a latency decrease later in the run does not lower it: n8n being busy slows
	 * answers too). Undefined when no request could probe.
	 */
	get learnedLevel(): number | undefined {
		if (this.knownGood !== undefined) return this.knownGood;
		return this.bestHealthy === 0 ? undefined : this.bestHealthy;
	}

	tryAcquire(repeatable: boolean): RequestTicket | undefined {
		const level = repeatable ? this.limit : this.unprobedLevel;
		if (this.requests >= level) return undefined;
		this.requests++;
		return { epoch: this.epoch, inFlight: this.requests };
	}

	async slotFreed(): Promise<void> {
		await new Promise<void>((resolve) => this.waiters.push(resolve));
	}

	retryWaitStarted(): void {
		this.waitingToRetry++;
		this.changed();
	}

	retryWaitEnded(): void {
		this.waitingToRetry = Math.max(0, this.waitingToRetry - 1);
	}

	subscribe(listener: () => void): void {
		this.listeners.push(listener);
	}

	finished(ticket: RequestTicket, outcome: RequestOutcome): void {
		this.requests = Math.max(0, this.requests - 1);
		if (isCongestion(outcome.status)) {
			// Requests sent before the last decrease answer for the old level: already acted upon.
			if (ticket.epoch === this.epoch) this.congestion(ticket.inFlight);
		} else {
			this.healthy(ticket, outcome);
		}
		this.changed();
	}

	private healthy(ticket: RequestTicket, outcome: RequestOutcome): void {
		if (ticket.epoch !== this.epoch) {
			// Sent before the last decrease, below the level that was refused, and answered in
			// good time: that level is fine, and the limit climbs back to it.
			if (
				outcome.mayProbe &&
				this.knownGood !== undefined &&
				ticket.inFlight < this.refusedAt &&
				!this.isSlow(outcome.latencyMs)
			) {
				this.knownGood = Math.max(this.knownGood, Math.min(ticket.inFlight, this.ceiling));
				this.climb();
			}
			return;
		}
		const latency = this.judgeLatency(outcome.latencyMs);
		if (latency === 'climbing') {
			this.latencyClimbed();
			return;
		}
		if (latency === 'slow') return;
		if (!outcome.mayProbe) return;
		this.healthyPeak = Math.max(this.healthyPeak, ticket.inFlight);
		this.bestHealthy = Math.max(this.bestHealthy, ticket.inFlight);
		this.climb(this.isFlat(outcome.latencyMs));
	}

	/**
	 * One healthy answer's worth of increase, if anything waits for the room. `flat`: the
	 * answer came back about as fast as the fastest, so slow start may double per round trip.
	 */
	private climb(flat = false): void {
		const backlog = this.backlog();
		// Application-limited: with nothing waiting, a higher limit would go unused and untested.
		if (backlog <= 0 && this.waiters.length === 0) return;
		if (this.slowStart) {
			this.current += flat ? 1 : 0.5;
		} else if (this.knownGood !== undefined && this.current < this.knownGood) {
			this.current = Math.min(this.knownGood, this.current + 1);
		} else if (backlog >= this.limit * PROBE_WINDOWS) {
			this.current += 1 / (this.current * PROBE_WINDOWS);
		}
		this.current = Math.min(this.current, this.ceiling);
	}

	/** A refusal (429, 5xx, no answer) of a request sent with `sentAt` requests in flight. */
	private congestion(sentAt: number): void {
		this.slowStart = false;
		const known = this.knownGood;
		if (known !== undefined && sentAt >= known) {
			// A probe above the known-good level was refused: that level stays the pace. One at
			// it refused: it is one too many (n8n counts a request in flight until it has read
			// the answer, a moment longer than the provider does), so the pace is one below.
			if (sentAt === known) this.knownGood = Math.max(1, known - 1);
			this.current = Math.min(this.current, this.knownGood ?? known);
			this.newEpoch(sentAt);
			return;
		}
		// Refused below what was fine before: the provider takes less now. Halve.
		this.current = Math.max(1, this.current / 2);
		// What was answered healthy is safe to climb back to, but never the level that failed.
		this.knownGood = Math.max(this.limit, Math.min(this.healthyPeak, sentAt - 1));
		this.newEpoch(sentAt);
	}

	/**
	 * Latency that stayed high over a round trip halves the limit, but never below the start,
	 * a level the provider has answered without refusals, nor the most in flight it answered
	 * in good time: n8n being busy slows answers too, and fewer requests cure nothing there.
	 * It ends the fast ramp either way.
	 */
	private latencyClimbed(): void {
		this.slowStart = false;
		const floor = Math.max(this.unprobedStart, this.knownGood ?? 0, this.bestHealthy);
		if (this.current <= floor) return;
		this.current = Math.max(floor, this.current / 2);
		// Answers sent before it say nothing about refusals: none of them climbs back.
		this.newEpoch(0);
	}

	private newEpoch(refusedAt: number): void {
		this.refusedAt = refusedAt;
		this.epoch++;
		this.healthyPeak = 0;
		// The smoothed latency described the old level; the new one gets its own.
		this.smoothed = undefined;
		this.samples = 0;
	}

	/** Wakes the requests waiting for a slot and tells the pool it may start more items. */
	private changed(): void {
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
		if (this.listeners.length === 0) return;
		// Asynchronously: the pool starting an item must not run inside the transport's call.
		void Promise.resolve().then(() => {
			for (const listener of this.listeners) listener();
		});
	}

	/**
	 * Latency is judged against the fastest answer of the run (the provider's own time plus the
	 * network). A slow answer holds the limit where it is; a smoothed latency that stays slow
	 * over a round trip at the current level counts as climbing.
	 */
	private judgeLatency(latencyMs: number): 'fine' | 'slow' | 'climbing' {
		if (!(latencyMs >= 0)) return 'fine';
		this.fastest = Math.min(this.fastest, latencyMs);
		const threshold = this.latencyThreshold;
		this.smoothed =
			this.smoothed === undefined
				? latencyMs
				: this.smoothed + LATENCY_WEIGHT * (latencyMs - this.smoothed);
		this.samples++;
		if (this.samples >= this.limit && this.smoothed > threshold) return 'climbing';
		return latencyMs > threshold ? 'slow' : 'fine';
	}

	private get latencyThreshold(): number {
		return this.fastest * LATENCY_FACTOR + LATENCY_SLACK_MS;
	}

	/** About as fast as the fastest answer (judged after `judgeLatency` saw it). */
	private isFlat(latencyMs: number): boolean {
		return latencyMs >= 0 && latencyMs <= this.fastest * FLAT_FACTOR + FLAT_SLACK_MS;
	}

	/** Slower than the threshold, judged without moving the smoothed latency. */
	private isSlow(latencyMs: number): boolean {
		return latencyMs >= 0 && latencyMs > this.latencyThreshold;
	}
}

/** 429, any 5xx and no answer at all say the provider is overloaded; other answers are healthy. */
function isCongestion(status: number | undefined): boolean {
	return status === undefined || status === 429 || status >= 500;
}

/**
 * What earlier runs learned, per account: the node's process keeps it between executions (n8n
 * gives action nodes no state of their own; workflow static data is for triggers), so a run
 * against an account the last run found healthy at 60 starts at 60 instead of ramping up from
 * the default again. Each process (a queue-mode worker) learns for itself. Kept for a while
 * only: a provider's capacity changes, and an old figure is a guess again.
 */
const learnedStarts = new Map<string, { level: number; at: number }>();

/** How long a learned start is trusted. */
export const LEARNED_START_TTL_MS = 15 * 60_000;

/** Bounds the memory: accounts beyond this many forget their oldest entry. */
const LEARNED_STARTS_KEPT = 1_000;

/** The start for a run against `account`: what a recent run learned, else `fallback`. */
export function rememberedStart(account: string, fallback: number, now: number): number {
	const learned = learnedStarts.get(account);
	if (!learned || now - learned.at > LEARNED_START_TTL_MS) return fallback;
	return Math.max(fallback, learned.level);
}

/** Keeps what a run learned about `account` for the next run's start. */
export function rememberStart(account: string, level: number | undefined, now: number): void {
	if (level === undefined || !(level >= 1)) return;
	learnedStarts.delete(account);
	learnedStarts.set(account, { level: Math.floor(level), at: now });
	if (learnedStarts.size > LEARNED_STARTS_KEPT) {
		const oldest = learnedStarts.keys().next().value;
		if (oldest !== undefined) learnedStarts.delete(oldest);
	}
}

/** Forgets every learned start (tests start from the default). */
export function forgetLearnedStarts(): void {
	learnedStarts.clear();
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
