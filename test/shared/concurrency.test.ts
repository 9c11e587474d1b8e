import {
	AdaptiveConcurrency,
	attachController,
	controllerOf,
	forgetLearnedStarts,
	LEARNED_START_TTL_MS,
	PROBE_WINDOWS,
	rememberedStart,
	rememberStart,
	type RequestOutcome,
	type RequestTicket,
} from '../../nodes/shared/concurrency';

const healthy: RequestOutcome = { status: 200, latencyMs: 100, mayProbe: true };
const tooMany: RequestOutcome = { status: 429, latencyMs: 100, mayProbe: true };

/** Takes a slot for a request that may be repeated, failing the test when none is free. */
function send(controller: AdaptiveConcurrency, repeatable = true): RequestTicket {
	const ticket = controller.tryAcquire(repeatable);
	if (!ticket) throw new Error(`no free slot at ${controller.inFlight} in flight`);
	return ticket;
}

/**
 * One round trip at the controller's current limit: `limit` requests go out together, then
 * each is answered with what `answer` says for its position in the round.
 */
function roundTrip(
	controller: AdaptiveConcurrency,
	answer: (position: number) => RequestOutcome = () => healthy,
): number {
	const sent = Array.from({ length: controller.limit }, () => send(controller));
	sent.forEach((ticket, position) => controller.finished(ticket, answer(position)));
	return controller.limit;
}

/** A provider that accepts at most `capacity` requests at once and answers the rest 429. */
function limitedRoundTrip(controller: AdaptiveConcurrency, capacity: number): number {
	return roundTrip(controller, (position) => (position < capacity ? healthy : tooMany));
}

describe('adaptive concurrency controller', () => {
	it('starts at the start value and doubles per round trip while latency stays flat', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		expect(controller.limit).toBe(10);
		const limits = Array.from({ length: 4 }, () => roundTrip(controller));
		expect(limits).toEqual([20, 40, 80, 100]);
	});

	it('grows by half per round trip once healthy answers come back slower than the fastest', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 1000 });
		// The fastest answer sets the bar; the others are healthy but a third slower: a queue
		// forming somewhere, not yet a refusal.
		roundTrip(controller, (position) => ({
			...healthy,
			latencyMs: position === 0 ? 100 : 133,
		}));
		expect(controller.limit).toBe(15);
		const slower = () => roundTrip(controller, () => ({ ...healthy, latencyMs: 133 }));
		expect([slower(), slower()]).toEqual([23, 34]);
		// Back at the fastest pace: doubling again.
		expect(roundTrip(controller)).toBe(68);
	});

	it('learns the level it ends healthy at, for the next run against the account', () => {
		const ramped = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		expect(ramped.learnedLevel).toBeUndefined();
		for (let round = 0; round < 6; round++) roundTrip(ramped);
		expect(ramped.learnedLevel).toBe(100);
		// Against a limit of 20: the known-good level below it, not the peak that was refused.
		const limited = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		for (let round = 0; round < 8; round++) limitedRoundTrip(limited, 20);
		expect(limited.learnedLevel).toBeLessThanOrEqual(20);
		expect(limited.learnedLevel).toBeGreaterThanOrEqual(15);
		// Creates never probe: nothing learned from them.
		const creates = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		roundTrip(creates, () => ({ ...healthy, mayProbe: false }));
		expect(creates.learnedLevel).toBeUndefined();
	});

	it('a learned start applies to requests that may be repeated, not to creates that must not be refused', () => {
		const controller = new AdaptiveConcurrency({ start: 60, unprobedStart: 10, ceiling: 100 });
		expect(controller.limit).toBe(60);
		const creates = Array.from({ length: 10 }, () => send(controller, false));
		expect(controller.tryAcquire(false)).toBeUndefined();
		const updates = Array.from({ length: 50 }, () => send(controller, true));
		expect(controller.tryAcquire(true)).toBeUndefined();
		for (const ticket of [...creates, ...updates]) controller.finished(ticket, healthy);
	});

	it('remembers a learned start per account for a while, never below the default', () => {
		forgetLearnedStarts();
		const now = 1_000_000;
		expect(rememberedStart('a', 10, now)).toBe(10);
		rememberStart('a', 64, now);
		rememberStart('b', 4, now);
		rememberStart('c', undefined, now);
		expect(rememberedStart('a', 10, now + 1000)).toBe(64);
		expect(rememberedStart('b', 10, now + 1000)).toBe(10);
		expect(rememberedStart('c', 10, now + 1000)).toBe(10);
		expect(rememberedStart('a', 10, now + LEARNED_START_TTL_MS + 1)).toBe(10);
		forgetLearnedStarts();
		expect(rememberedStart('a', 10, now + 1000)).toBe(10);
	});

	it('never exceeds the ceiling, however long the answers stay healthy', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 37 });
		const limits = Array.from({ length: 50 }, () => roundTrip(controller));
		expect(Math.max(...limits)).toBe(37);
		expect(limits.at(-1)).toBe(37);
		// A ceiling below the start caps the start too (Max Parallel Requests = 1 stays 1).
		const one = new AdaptiveConcurrency({ start: 10, ceiling: 1 });
		expect(one.limit).toBe(1);
		expect(roundTrip(one)).toBe(1);
	});

	it('counts requests in flight: no slot beyond the limit until an answer frees one', async () => {
		const controller = new AdaptiveConcurrency({ start: 3, ceiling: 3 });
		const sent = [send(controller), send(controller), send(controller)];
		expect(controller.inFlight).toBe(3);
		expect(controller.tryAcquire(true)).toBeUndefined();
		let freed = false;
		const waiting = controller.slotFreed().then(() => {
			freed = true;
		});
		await Promise.resolve();
		expect(freed).toBe(false);
		controller.finished(sent[0], healthy);
		await waiting;
		expect(freed).toBe(true);
		expect(controller.tryAcquire(true)).toBeDefined();
		expect(controller.tryAcquire(true)).toBeUndefined();
		expect(controller.inFlight).toBe(3);
	});

	it('lets the pool start another item while one waits out a retry, except at a ceiling of 1', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		expect(controller.itemWidth).toBe(10);
		controller.retryWaitStarted();
		controller.retryWaitStarted();
		expect(controller.itemWidth).toBe(12);
		// The slots stay the limit's: the waiting items send again only when one is free.
		expect(controller.limit).toBe(10);
		controller.retryWaitEnded();
		expect(controller.itemWidth).toBe(11);
		const sequential = new AdaptiveConcurrency({ start: 10, ceiling: 1 });
		sequential.retryWaitStarted();
		expect(sequential.itemWidth).toBe(1);
	});

	it('halves on a 429, once per round trip however many requests of it were refused', () => {
		const controller = new AdaptiveConcurrency({ start: 40, ceiling: 100 });
		const sent = Array.from({ length: 40 }, () => send(controller));
		controller.finished(sent[0], tooMany);
		expect(controller.limit).toBe(20);
		// The other 39 were sent before the decrease: their 429s are the same news.
		for (const ticket of sent.slice(1)) controller.finished(ticket, tooMany);
		expect(controller.limit).toBe(20);
		// A 429 to a request sent after the decrease, at a level already refused, halves again.
		controller.finished(send(controller), tooMany);
		expect(controller.limit).toBe(10);
	});

	it('halves on 5xx and on a missing answer, not on other client errors', () => {
		const controller = new AdaptiveConcurrency({ start: 16, ceiling: 100 });
		controller.finished(send(controller), { status: 503, latencyMs: 10, mayProbe: true });
		expect(controller.limit).toBe(8);
		controller.finished(send(controller), { latencyMs: 10, mayProbe: true });
		expect(controller.limit).toBe(4);
		controller.finished(send(controller), { status: 404, latencyMs: 10, mayProbe: true });
		expect(controller.limit).toBeGreaterThanOrEqual(4);
		const floor = new AdaptiveConcurrency({ start: 1, ceiling: 100 });
		floor.finished(send(floor), tooMany);
		expect(floor.limit).toBe(1);
	});

	it('climbs back to the level answered healthy, also on answers sent before the decrease', () => {
		const controller = new AdaptiveConcurrency({ start: 24, ceiling: 100 });
		const sent = Array.from({ length: 24 }, () => send(controller));
		// The provider took 20: the 21st is refused first, the 20 accepted answer after it.
		controller.finished(sent[20], tooMany);
		expect(controller.limit).toBe(12);
		for (const ticket of sent.slice(21)) controller.finished(ticket, tooMany);
		for (const ticket of sent.slice(0, 20)) controller.finished(ticket, healthy);
		// One per healthy answer up to the 20 that were accepted, never to the 21 that were not.
		expect(controller.limit).toBe(20);
		expect(roundTrip(controller)).toBe(20);
	});

	it('a refused probe settles back at the known-good level instead of halving', () => {
		const capacity = 20;
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		let limits: number[] = [];
		while (!limits.includes(capacity + 1)) {
			limits = [...limits, limitedRoundTrip(controller, capacity)];
			expect(limits.length).toBeLessThan(100);
		}
		// The round at 21 had its 21st request refused: back to 20, not to 10.
		expect(limitedRoundTrip(controller, capacity)).toBe(capacity);
		// A refusal at the known-good level itself: one too many, the pace is one below.
		let sent = Array.from({ length: capacity }, () => send(controller));
		controller.finished(sent[capacity - 1], tooMany);
		for (const ticket of sent.slice(0, -1)) controller.finished(ticket, healthy);
		expect(controller.limit).toBe(capacity - 1);
		// A refusal below it (the provider now takes less) halves again.
		sent = Array.from({ length: capacity - 1 }, () => send(controller));
		controller.finished(sent[capacity - 4], tooMany);
		expect(controller.limit).toBe(Math.floor((capacity - 1) / 2));
	});

	it('halves when latency climbs well above the fastest answer', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		roundTrip(controller, () => ({ status: 200, latencyMs: 150, mayProbe: true }));
		expect(controller.limit).toBe(20);
		// Slower, but not twice as slow: still healthy (growing by half per round trip).
		roundTrip(controller, () => ({ status: 200, latencyMs: 220, mayProbe: true }));
		expect(controller.limit).toBe(30);
		roundTrip(controller, () => ({ status: 200, latencyMs: 220, mayProbe: true }));
		expect(controller.limit).toBe(45);
		// Halved, but not below 30: the most in flight answered in good time (the round at 30,
		// whose answers took 220 ms, under twice the fastest).
		roundTrip(controller, () => ({ status: 200, latencyMs: 900, mayProbe: true }));
		expect(controller.limit).toBe(30);
		// Latency alone (n8n's own event loop may be what is slow) never goes below that level.
		for (let round = 0; round < 5; round++) {
			roundTrip(controller, () => ({ status: 200, latencyMs: 900, mayProbe: true }));
		}
		expect(controller.limit).toBe(30);
		controller.finished(send(controller), tooMany);
		expect(controller.limit).toBe(15);
	});

	it('latency alone halves down to the start when no level was ever answered in good time', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		// The fastest answer comes alone; every round after it is slow from the start.
		const fast = send(controller);
		controller.finished(fast, { ...healthy, latencyMs: 100 });
		const limits = Array.from({ length: 6 }, () =>
			roundTrip(controller, () => ({ ...healthy, latencyMs: 900 })),
		);
		expect(Math.max(...limits)).toBeLessThanOrEqual(11);
		expect(limits.at(-1)).toBe(10);
	});

	it('latency alone never takes the limit below a level the provider answered without refusals', () => {
		const capacity = 20;
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		for (let round = 0; round < 6; round++) limitedRoundTrip(controller, capacity);
		expect(controller.limit).toBe(capacity);
		// n8n gets busy: every answer takes three times as long, for many round trips.
		for (let round = 0; round < 10; round++) {
			roundTrip(controller, () => ({ status: 200, latencyMs: 300, mayProbe: true }));
		}
		expect(controller.limit).toBe(capacity);
	});

	it('does not raise the limit on answers to requests that may not probe (creates)', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		const create: RequestOutcome = { status: 201, latencyMs: 100, mayProbe: false };
		for (let round = 0; round < 10; round++) roundTrip(controller, () => create);
		expect(controller.limit).toBe(10);
		// They still take it down when the provider is overloaded.
		controller.finished(send(controller, false), { ...create, status: 429 });
		expect(controller.limit).toBe(5);
	});

	it('sends a create only at a level already answered healthy, whatever reads raised the limit to', () => {
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		// Reads in flight at 10 answered healthy raise the limit to 20 ...
		roundTrip(controller);
		expect(controller.limit).toBe(20);
		// ... but 20 in flight was never answered: a create gets one of the first 10 slots only.
		const reads = Array.from({ length: 10 }, () => send(controller));
		expect(controller.tryAcquire(false)).toBeUndefined();
		expect(controller.tryAcquire(true)).toBeDefined();
		for (const ticket of reads) controller.finished(ticket, healthy);
		expect(controller.tryAcquire(false)).toBeDefined();
	});

	it('does not grow while nothing waits to start, and probes only while enough work is left', () => {
		let backlog = 0;
		const idle = new AdaptiveConcurrency({ start: 10, ceiling: 100, backlog: () => backlog });
		// The last items of a run: a higher limit would go unused.
		expect(roundTrip(idle)).toBe(10);
		backlog = 1_000;
		expect(roundTrip(idle)).toBe(20);

		const capacity = 20;
		const tail = new AdaptiveConcurrency({ start: 10, ceiling: 100, backlog: () => backlog });
		for (let round = 0; round < 5; round++) limitedRoundTrip(tail, capacity);
		expect(tail.limit).toBe(capacity);
		// Fewer items left than PROBE_WINDOWS round trips at the limit: no probe, no 429 at the end.
		backlog = capacity * PROBE_WINDOWS - 1;
		const limits = Array.from({ length: 3 * PROBE_WINDOWS }, () =>
			limitedRoundTrip(tail, capacity),
		);
		expect(Math.max(...limits)).toBe(capacity);
	});

	it('settles just under a hidden concurrency limit and probes above it only now and then', () => {
		const capacity = 20;
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		const limits = Array.from({ length: 200 }, () => limitedRoundTrip(controller, capacity));
		const refused = (limit: number) => Math.max(0, limit - capacity);
		// After the first overshoot: mostly at the limit, never far above it.
		const settled = limits.slice(10);
		expect(Math.max(...settled)).toBeLessThanOrEqual(capacity + 1);
		expect(Math.min(...settled)).toBe(capacity);
		const atLimit = settled.filter((limit) => limit === capacity).length;
		expect(atLimit / settled.length).toBeGreaterThan(0.9);
		// Probing costs at most one refused request per PROBE_WINDOWS round trips or so.
		const refusals = settled.reduce((sum, limit) => sum + refused(limit), 0);
		expect(refusals).toBeLessThanOrEqual(Math.ceil(settled.length / PROBE_WINDOWS) + 1);
		// The average use of the limit stays above 95 %.
		const used = settled.reduce((sum, limit) => sum + Math.min(limit, capacity), 0);
		expect(used / (settled.length * capacity)).toBeGreaterThan(0.95);
	});
});

describe('controller registry', () => {
	it('finds the controller by context until it is detached', () => {
		const context = {};
		const controller = new AdaptiveConcurrency({ start: 10, ceiling: 100 });
		expect(controllerOf(context)).toBeUndefined();
		const detach = attachController(context, controller);
		expect(controllerOf(context)).toBe(controller);
		expect(controllerOf({})).toBeUndefined();
		detach();
		expect(controllerOf(context)).toBeUndefined();
	});
});
